import { createHash } from "node:crypto";
import type { CarrierCode, EventLocation, NormalizedEvent } from "../carrier-adapter";
import type { Classification } from "./code-table";
import type { ResolvedTime } from "./local-time";

export const NO_LOCATION: EventLocation = { city: null, region: null, postalCode: null, country: null };

/** Empty strings and whitespace from carriers become null. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed : null;
}

export function eventLocation(
  parts: Partial<Record<keyof EventLocation, string | null | undefined>>,
): EventLocation {
  return {
    city: textOrNull(parts.city),
    region: textOrNull(parts.region),
    postalCode: textOrNull(parts.postalCode),
    country: textOrNull(parts.country)?.toUpperCase() ?? null,
  };
}

/** "Atlanta, GA, US"; null when the carrier gave no place. */
export function formatLocation(location: EventLocation): string | null {
  const parts = [location.city, location.region, location.country].filter((part): part is string =>
    Boolean(part),
  );
  return parts.length > 0 ? parts.join(", ") : null;
}

export interface EventInput {
  classification: Classification;
  time: ResolvedTime;
  location: EventLocation;
  description: string | null | undefined;
  rawCode: string | null | undefined;
  rawText: string | null | undefined;
}

// Code, instant and place identify a scan; the wording is left out because carriers reword and translate it.
function dedupeKey(carrier: CarrierCode, input: EventInput, rawCode: string | null): string {
  const identity = [
    carrier,
    rawCode ?? textOrNull(input.rawText) ?? "",
    input.time.occurredAt.toISOString(),
    formatLocation(input.location) ?? "",
  ].join("|");
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

export function normalizedEvent(carrier: CarrierCode, input: EventInput): NormalizedEvent {
  const rawCode = textOrNull(input.rawCode);
  return {
    status: input.classification.status,
    substatus: input.classification.substatus,
    occurredAt: input.time.occurredAt,
    utcOffsetMinutes: input.time.utcOffsetMinutes,
    location: input.location,
    description: textOrNull(input.description),
    rawCode,
    rawText: textOrNull(input.rawText),
    dedupeKey: dedupeKey(carrier, input, rawCode),
  };
}
