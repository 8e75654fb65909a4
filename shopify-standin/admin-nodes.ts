import type { AdminContext } from "./admin-context";
import { findAppMetafield } from "./app-metafields";
import { gidType } from "./gid";
import { notImplemented } from "./resolver-errors";
import { findFulfillment, findFulfillmentEvent, findOrder } from "./store-lookup";

/** `node(id:)`: the object behind a global ID in the asking shop, null when there is none. */
export function findAdminNode({ shop, bulkOperations }: AdminContext, id: string): unknown {
  switch (gidType(id)) {
    case "BulkOperation":
      return bulkOperations.find(shop, id) ?? null;
    case "Order":
      return findOrder(shop, id) ?? null;
    case "Fulfillment":
      return findFulfillment(shop, id)?.fulfillment ?? null;
    case "FulfillmentEvent":
      return findFulfillmentEvent(shop, id)?.event ?? null;
    case "Shop":
      return shop.id === id ? shop : null;
    case "AppInstallation":
      return shop.appInstallation.id === id ? shop.appInstallation : null;
    case "Metafield":
      return findAppMetafield({ shop }, id) ?? null;
    case undefined:
      return null;
    default:
      throw notImplemented(`node(id:) for ${id}`);
  }
}
