import type { AdminSchemas } from "./admin-schema";
import type { BulkOperationRunner } from "./bulk-operations";
import type { FlowTriggerRegistry } from "./flow-triggers";
import type { StandinShop } from "./standin-store";

/**
 * What every Admin GraphQL field can reach: the shop asking, the API version in the request's path, the
 * schemas, the stand-in's bulk operations and the app's Flow triggers.
 */
export interface AdminContext {
  shop: StandinShop;
  /** E.g. "2025-10" or "unstable": some limits depend on it (metafield sizes). */
  apiVersion: string;
  schemas: AdminSchemas;
  bulkOperations: BulkOperationRunner;
  flowTriggers: FlowTriggerRegistry;
}
