import prisma from "../../app/db.server";

// Everything sync writes for a shop, without surrogate IDs and local timestamps: two runs that saw the same
// facts must produce equal snapshots.
export async function syncState(shop: string) {
  const [orders, shipments, events, versions, jobs] = await Promise.all([
    prisma.order.findMany({
      where: { shop },
      orderBy: { shopifyId: "asc" },
      select: {
        shopifyId: true,
        name: true,
        orderedAt: true,
        cancelledAt: true,
        fulfillmentStatus: true,
        destinationCountry: true,
        destinationProvince: true,
        destinationPostalPrefix: true,
        customerEmailHash: true,
        customerLocale: true,
        itemCount: true,
        shopifyUpdatedAt: true,
      },
    }),
    prisma.shipment.findMany({
      where: { shop },
      orderBy: [{ shopifyFulfillmentId: "asc" }, { trackingIndex: "asc" }],
      select: {
        shopifyFulfillmentId: true,
        trackingIndex: true,
        trackingNumber: true,
        trackingCompany: true,
        trackingUrl: true,
        carrier: true,
        status: true,
        substatus: true,
        shippedAt: true,
        deliveredAt: true,
        lastEventAt: true,
        attention: true,
        attentionReason: true,
        attentionOwner: true,
        shopifyFulfillmentStatus: true,
        shopifyUpdatedAt: true,
        order: { select: { shopifyId: true } },
      },
    }),
    prisma.trackingEvent.findMany({
      where: { shop },
      orderBy: [{ shipment: { trackingIndex: "asc" } }, { dedupeKey: "asc" }],
      select: {
        dedupeKey: true,
        status: true,
        substatus: true,
        rawCode: true,
        rawText: true,
        occurredAt: true,
        city: true,
        source: true,
        shipment: { select: { trackingIndex: true } },
      },
    }),
    prisma.shipmentTrackingVersion.findMany({
      where: { shop },
      orderBy: [{ shipment: { trackingIndex: "asc" } }, { shopifyUpdatedAt: "asc" }],
      select: { trackingNumber: true, shopifyUpdatedAt: true, shipment: { select: { trackingIndex: true } } },
    }),
    prisma.job.findMany({
      where: { shop },
      orderBy: { uniqueKey: "asc" },
      select: { type: true, status: true },
    }),
  ]);
  return { orders, shipments, events, versions, jobs };
}
