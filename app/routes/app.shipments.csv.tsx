import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdminContext } from "../services/admin-context.server";
import { MAX_BULK_SHIPMENTS } from "../models/shipment-bulk.server";
import { shipmentsCsvFilename, shipmentsCsvStream } from "../models/shipment-export.server";
import { parseShipmentListParams } from "../models/shipment-list-params";

// The Shipments page's view as a CSV download: every shipment matching its search and filters, in its order,
// or only the selected ones (`ids`). Streamed while it is read, so a large shop's export starts at once.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const search = new URL(request.url).searchParams;
  const params = parseShipmentListParams(search);
  const ids = search.get("ids");
  const onlyIds = ids ? ids.split(",").filter(Boolean).slice(0, MAX_BULK_SHIPMENTS) : null;
  return new Response(shipmentsCsvStream({ shop, filters: params, sort: params.sort, onlyIds }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${shipmentsCsvFilename(new Date())}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
