import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, DataTable, Page } from "@shopify/polaris";
import { getCarrierPerformance } from "../models/carrier-performance.server";
import { requireAdminContext } from "../services/admin-context.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  return { rows: await getCarrierPerformance({ shop }) };
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");

export default function CarrierPerformance() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <Page title="Carrier performance">
      <Card padding="0">
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
          headings={["Carrier", "Shipments", "Delivered", "Late", "Exception rate", "Median transit (days)"]}
          rows={rows.map((row) => [
            row.carrier,
            row.shipments,
            row.delivered,
            row.late,
            percent(row.exceptions, row.shipments),
            row.medianTransitDays ?? "—",
          ])}
        />
      </Card>
    </Page>
  );
}
