import prisma from "../db.server";

// The choices the Shipments page offers for carrier and destination: the values the shop's shipments actually
// have, as the carrier performance rollup records them the first time it meets one (a small table of its own),
// rather than a DISTINCT over a million shipments on every visit. A shop whose rollup has not run yet gets the
// carriers Parcelwise detects and a free-text destination.

const DETECTED_CARRIERS = ["ups", "fedex", "usps", "dhl_express", "dhl", "canada_post", "purolator"];

export type ShipmentFilterOptions = { carriers: string[]; destinations: string[] };

export async function shipmentFilterOptions({ shop }: { shop: string }): Promise<ShipmentFilterOptions> {
  const dimensions = await prisma.deliveryStatsDimension.findMany({
    where: { shop, kind: { in: ["carrier", "country", "region"] } },
    select: { kind: true, value: true },
  });
  const values = (kinds: string[]) =>
    dimensions
      .filter((dimension) => kinds.includes(dimension.kind))
      .map((dimension) => dimension.value)
      .sort();
  const carriers = values(["carrier"]);
  return {
    carriers: carriers.length ? carriers : DETECTED_CARRIERS,
    destinations: values(["country", "region"]),
  };
}
