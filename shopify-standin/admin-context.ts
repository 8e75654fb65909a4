import type { AdminSchemas } from "./admin-schema";
import type { BulkOperationRunner } from "./bulk-operations";
import type { FlowTriggerRegistry } from "./flow-triggers";
import type { StandinShop } from "./standin-store";

/**
 * What every Admin GraphQL field can reach: the shop asking, the schemas, the stand-in's bulk operations and
 * the app's Flow triggers.
 */
export interface AdminContext {
  shop: StandinShop;
  schemas: AdminSchemas;
  bulkOperations: BulkOperationRunner;
  flowTriggers: FlowTriggerRegistry;
}
