import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildPerformanceCsv, csvFilename, parseCsvTable } from "../services/analytics-csv";
import { requireAdminContext } from "../services/admin-context.server";
import { carrierPerformanceForUrl } from "../services/carrier-performance-report.server";

// One table of the Carrier performance page as a CSV download, for the page's filters.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const url = new URL(request.url);
  const table = parseCsvTable(url.searchParams.get("table"));
  if (!table) throw new Response("Unknown table", { status: 400 });
  const { report } = await carrierPerformanceForUrl({ shop, url });
  return new Response(buildPerformanceCsv(report, table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFilename(table, report.filters)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
