import type { JobRequest } from "./jobs.server";

// Asking the carrier about one shipment (carrier-refresh.server.ts). One key per shipment: the poller, the sync,
// a re-check and a carrier correction all move the same job rather than queue a second one.
export function refreshJob(shop: string, shipmentId: string): JobRequest {
  return {
    shop,
    type: "shipment.refresh",
    uniqueKey: `shipment.refresh:${shipmentId}`,
    payload: { shipmentId },
  };
}
