// Where a shipment's history comes from, most specific first. A level applies when the shipment names every
// field the level keys on; the first level with enough history wins, and its basis and key are reported.
// Levels without `service` let a shipment with an unusual service borrow from its carrier's other services.

export type HistoryBasis = "lane" | "region" | "carrier" | "global";

export type LaneFields = {
  carrier?: string;
  service?: string;
  country?: string;
  region?: string;
  postalPrefix?: string;
};

type LaneField = keyof LaneFields;

type LaneLevel = { basis: HistoryBasis; fields: readonly LaneField[] };

export const LANE_LEVELS: readonly LaneLevel[] = [
  { basis: "lane", fields: ["carrier", "service", "country", "region", "postalPrefix"] },
  { basis: "lane", fields: ["carrier", "country", "region", "postalPrefix"] },
  { basis: "region", fields: ["carrier", "service", "country", "region"] },
  { basis: "region", fields: ["carrier", "country", "region"] },
  { basis: "region", fields: ["country", "region"] },
  { basis: "carrier", fields: ["carrier", "service"] },
  { basis: "carrier", fields: ["carrier"] },
  { basis: "global", fields: [] },
];

// Carriers sort by the first three digits of a postal code (US ZIP3 sectional centres, Brazilian CEP
// sub-regions), so longer prefixes would only thin the lane out.
export const LANE_POSTAL_PREFIX_LENGTH = 3;

export type LaneKey = { basis: HistoryBasis; key: string };

export const GLOBAL_KEY = "*";

/** The keys this shipment's history is filed under, most specific first. */
export function laneKeys(fields: LaneFields): LaneKey[] {
  const normalized = normalizeLaneFields(fields);
  const keys: LaneKey[] = [];
  for (const level of LANE_LEVELS) {
    const parts: string[] = [];
    for (const field of level.fields) {
      const value = normalized[field];
      if (value === undefined) break;
      parts.push(`${field}=${value}`);
    }
    if (parts.length === level.fields.length)
      keys.push({ basis: level.basis, key: parts.join(" ") || GLOBAL_KEY });
  }
  return keys;
}

function normalizeLaneFields(fields: LaneFields): LaneFields {
  return {
    carrier: normalized(fields.carrier)?.toLowerCase(),
    service: normalized(fields.service)?.toLowerCase(),
    country: normalized(fields.country)?.toUpperCase(),
    region: normalized(fields.region)?.toUpperCase(),
    postalPrefix: normalized(fields.postalPrefix)
      ?.replace(/[\s-]/g, "")
      .toUpperCase()
      .slice(0, LANE_POSTAL_PREFIX_LENGTH),
  };
}

function normalized(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
