import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Page } from "@shopify/polaris";
import { StatusBadge } from "../components/StatusBadge";
import { formatDay } from "../lib/format";
import { listSupportRequests } from "../models/support.server";
import { requireAdminContext } from "../services/admin-context.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  return { requests: await listSupportRequests({ shop }) };
}

const REASONS: Record<string, string> = {
  late: "Late",
  missing: "Missing",
  damaged: "Damaged",
  wrong_address: "Wrong address",
  other: "Other",
};

export default function Support() {
  const { requests } = useLoaderData<typeof loader>();
  return (
    <Page title="Support">
      <Card padding="0">
        {requests.length === 0 ? (
          <EmptyState heading="No help requests yet" image="">
            <p>Requests shoppers send from the tracking page appear here with their shipment attached.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "help request", plural: "help requests" }}
            itemCount={requests.length}
            selectable={false}
            headings={[
              { title: "Order" },
              { title: "Reason" },
              { title: "Shipment" },
              { title: "Status" },
              { title: "Received" },
            ]}
          >
            {requests.map((request, index) => (
              <IndexTable.Row id={request.id} key={request.id} position={index}>
                <IndexTable.Cell>{request.order?.name ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>{REASONS[request.reason] ?? request.reason}</IndexTable.Cell>
                <IndexTable.Cell>
                  {request.shipment ? <StatusBadge status={request.shipment.status} /> : "—"}
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Badge tone={request.status === "resolved" ? "success" : "attention"}>
                    {request.status}
                  </Badge>
                </IndexTable.Cell>
                <IndexTable.Cell>{formatDay(request.createdAt)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
