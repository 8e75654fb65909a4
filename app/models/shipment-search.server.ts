import { config } from "../config.server";
import { rawSql } from "../db.server";
import { hashCustomerEmail } from "../services/customer-identity.server";
import { withoutIndexOnSqlite } from "./shipment-list-sql.server";
import { normalizeTrackingNumber, orderNameCandidates } from "./tracking-lookup.server";

// The Shipments page's search box: an order name ("#1001" or "1001"), a tracking number (as typed, or without
// spaces and dashes in capitals), or a customer's email. Emails are stored only as a keyed hash
// (customer-identity.server.ts), so the typed one is hashed the same way and compared; the address itself is
// never stored nor sent to the database. Each key is an exact match on an index of its own.

// More than any one customer's or order's shipments; the search only ever narrows the list.
const MAX_MATCHES = 1_000;

export async function searchShipmentIds({ shop, q }: { shop: string; q: string }): Promise<string[]> {
  const typed = q.trim();
  if (!typed) return [];
  // The order's shipments are found through (orderId); their shop is checked, not searched.
  const shipmentShop = withoutIndexOnSqlite(rawSql.dialect, `s."shop"`);
  if (typed.includes("@")) {
    const emailHash = hashCustomerEmail({ shop, email: typed, key: config().CUSTOMER_HASH_KEY });
    const rows = await rawSql.read<{ id: string }>(
      `SELECT s."id" FROM "Order" o CROSS JOIN "Shipment" s
        WHERE o."shop" = ? AND o."customerEmailHash" = ? AND s."orderId" = o."id" AND ${shipmentShop} = ?
        LIMIT ?`,
      [shop, emailHash, shop, MAX_MATCHES],
    );
    return rows.map((row) => row.id);
  }
  const rows = await rawSql.read<{ id: string }>(
    `SELECT s."id" FROM "Shipment" s WHERE s."shop" = ? AND s."trackingNumber" IN (?, ?)
      UNION
     SELECT s."id" FROM "Order" o CROSS JOIN "Shipment" s
      WHERE o."shop" = ? AND o."name" IN (?, ?) AND s."orderId" = o."id" AND ${shipmentShop} = ?
      LIMIT ?`,
    [shop, typed, normalizeTrackingNumber(typed), shop, ...orderNameCandidates(typed), shop, MAX_MATCHES],
  );
  return rows.map((row) => row.id);
}
