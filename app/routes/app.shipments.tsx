import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { BlockStack, Card, IndexTable, Link, Page, Select, Text } from "@shopify/polaris";
import { StatusBadge } from "../components/StatusBadge";
import { formatDay } from "../lib/format";
import { SHIPMENT_STATUSES, SHIPMENT_STATUS_LABELS } from "../models/shipment-status";
import { CarrierConfirmationCard } from "../components/CarrierConfirmationCard";
import {
  CarrierConfirmationError,
  confirmShipmentCarrier,
  listAmbiguousShipments,
} from "../models/shipment-carrier.server";
import { listShipments, shipmentListQuerySchema } from "../models/shipments.server";
import { requireAdminContext } from "../services/admin-context.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = shipmentListQuerySchema.safeParse({ ...params, status: params.status || undefined });
  const query = parsed.success ? parsed.data : shipmentListQuerySchema.parse({});
  const [page, ambiguous] = await Promise.all([
    listShipments({ shop, ...query }),
    listAmbiguousShipments({ shop }),
  ]);
  return { ...page, ambiguous };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const form = await request.formData();
  if (form.get("intent") !== "confirm-carrier") return { error: "Unknown action" };
  try {
    await confirmShipmentCarrier({
      shop,
      shipmentId: String(form.get("shipmentId")),
      carrier: String(form.get("carrier")),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof CarrierConfirmationError) return { error: error.message };
    throw error;
  }
}

const STATUS_OPTIONS = [
  { label: "All statuses", value: "" },
  ...SHIPMENT_STATUSES.map((status) => ({ label: SHIPMENT_STATUS_LABELS[status], value: status })),
];

export default function Shipments() {
  const { shipments, nextCursor, ambiguous } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const status = searchParams.get("status") ?? "";

  const filterByStatus = (value: string) => navigate(value ? `?status=${value}` : "?");

  return (
    <Page
      title="Shipments"
      pagination={{
        hasPrevious: searchParams.has("cursor"),
        onPrevious: () => navigate(status ? `?status=${status}` : "?"),
        hasNext: Boolean(nextCursor),
        onNext: () =>
          navigate(`?${new URLSearchParams({ ...(status ? { status } : {}), cursor: nextCursor ?? "" })}`),
      }}
    >
      <BlockStack gap="400">
        <CarrierConfirmationCard shipments={ambiguous} />
        <Card padding="0">
          <div style={{ padding: "var(--p-space-300)" }}>
            <Select
              label="Status"
              labelInline
              options={STATUS_OPTIONS}
              value={status}
              onChange={filterByStatus}
            />
          </div>
          <IndexTable
            resourceName={{ singular: "shipment", plural: "shipments" }}
            itemCount={shipments.length}
            selectable={false}
            headings={[
              { title: "Order" },
              { title: "Tracking number" },
              { title: "Carrier" },
              { title: "Status" },
              { title: "Destination" },
              { title: "Shipped" },
              { title: "Last update" },
            ]}
          >
            {shipments.map((shipment, index) => (
              <IndexTable.Row id={shipment.id} key={shipment.id} position={index}>
                <IndexTable.Cell>
                  {/* The row's primary link: Polaris makes the whole row open the shipment's page. */}
                  <Link dataPrimaryLink url={`/app/shipments/${shipment.id}`} monochrome removeUnderline>
                    <Text as="span" fontWeight="semibold">
                      {shipment.order.name}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{shipment.trackingNumber ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>{shipment.trackingCompany ?? shipment.carrier ?? "Unknown"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <StatusBadge status={shipment.status} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {[shipment.order.destinationProvince, shipment.order.destinationCountry]
                    .filter(Boolean)
                    .join(", ")}
                </IndexTable.Cell>
                <IndexTable.Cell>{formatDay(shipment.shippedAt)}</IndexTable.Cell>
                <IndexTable.Cell>{formatDay(shipment.lastEventAt)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}
