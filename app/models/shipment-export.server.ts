import { statusLabel } from "./shipment-status";
import type { ShipmentListFilters, ShipmentSort } from "./shipment-list-params";
import { listAllShipments, type ShipmentListRow } from "./shipments.server";

// The Shipments page's view as a CSV file (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break), every matching shipment in the page's order, written a batch at a time while it is
// read. Only what the page shows: the order name is the one thing about the customer in it. Cells a
// spreadsheet would run as a formula are kept inert with a leading apostrophe.

const COLUMNS: Array<{ header: string; value: (row: ShipmentListRow) => string | Date | null }> = [
  { header: "order", value: (row) => row.orderName },
  { header: "tracking_number", value: (row) => row.trackingNumber },
  { header: "carrier", value: (row) => row.carrier ?? row.trackingCompany },
  { header: "status", value: (row) => statusLabel(row.status) },
  { header: "open_problem", value: (row) => row.attention },
  { header: "destination_country", value: (row) => row.destinationCountry },
  { header: "destination_region", value: (row) => row.destinationProvince },
  { header: "ordered_at", value: (row) => row.orderedAt },
  { header: "shipped_at", value: (row) => row.shippedAt },
  { header: "last_scan_at", value: (row) => row.lastEventAt },
  { header: "window_end", value: (row) => row.windowEnd },
  { header: "delivered_at", value: (row) => row.deliveredAt },
  { header: "shipment_id", value: (row) => row.id },
];

export function csvCell(value: string | Date | null): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export function csvLine(cells: Array<string | Date | null>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function shipmentsCsvStream({
  shop,
  filters,
  sort,
  onlyIds = null,
}: {
  shop: string;
  filters: ShipmentListFilters;
  sort: ShipmentSort;
  onlyIds?: string[] | null;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<ShipmentListRow[]> | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(COLUMNS.map((column) => column.header))));
    },
    // One batch per pull: the next one is read only when the client has taken this one.
    async pull(controller) {
      batches ??= listAllShipments({ shop, filters, sort, onlyIds });
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = next.value.map((row) => csvLine(COLUMNS.map((column) => column.value(row))));
      controller.enqueue(encoder.encode(lines.join("")));
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}

export function shipmentsCsvFilename(now: Date): string {
  return `shipments-${now.toISOString().slice(0, 10)}.csv`;
}
