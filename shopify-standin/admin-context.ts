import type { AdminSchemas } from "./admin-schema";
import type { BulkOperationRunner } from "./bulk-operations";
import type { StandinShop } from "./standin-store";

/** What every Admin GraphQL field can reach: the shop asking, the schemas, and the stand-in's bulk operations. */
export interface AdminContext {
  shop: StandinShop;
  schemas: AdminSchemas;
  bulkOperations: BulkOperationRunner;
}
