import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Button, Card, EmptySearchResult, Page, Text } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { CarrierConfirmationCard } from "../components/CarrierConfirmationCard";
import { downloadCsv } from "../components/carrier-performance/download-csv";
import { BulkActionBanner, type BulkActionOutcome } from "../components/shipments/BulkActionBanner";
import { ShipmentFilters } from "../components/shipments/ShipmentFilters";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { ShipmentsTable, type Selection } from "../components/shipments/ShipmentsTable";
import { pageMeta } from "../lib/page-title";
import {
  MAX_BULK_SHIPMENTS,
  recheckShipments,
  resolveShipmentAttention,
} from "../models/shipment-bulk.server";
import { listCarrierPrompts, NO_CARRIER_PROMPTS } from "../models/shipment-carrier-prompts.server";
import { CarrierConfirmationError, confirmShipmentCarrier } from "../models/shipment-carrier.server";
import { shipmentFilterOptions } from "../models/shipment-filter-options.server";
import {
  hasFilters,
  parseShipmentListParams,
  shipmentListSearch,
  type ShipmentListParams,
} from "../models/shipment-list-params";
import { listShipments } from "../models/shipments.server";
import { requireAdminContext } from "../services/admin-context.server";

export const meta = () => pageMeta("Shipments");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const params = parseShipmentListParams(new URL(request.url).searchParams);
  // Carriers to confirm are asked about above the shop's newest shipments, not in a search or further pages:
  // how many there are and the newest of them, however old the rest.
  const defaultView = !params.after && !params.before && !hasFilters(params);
  const [page, options, ambiguous] = await Promise.all([
    listShipments({ shop, params }),
    shipmentFilterOptions({ shop }),
    defaultView ? listCarrierPrompts({ shop }) : Promise.resolve(NO_CARRIER_PROMPTS),
  ]);
  return { ...page, options, ambiguous };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "confirm-carrier") return confirmCarrier(shop, form);
  const shipmentIds = form.getAll("shipmentId").map(String);
  if (shipmentIds.length === 0 || shipmentIds.length > MAX_BULK_SHIPMENTS) {
    const message = `Select between 1 and ${MAX_BULK_SHIPMENTS} shipments.`;
    return { outcome: { intent: "invalid", message } satisfies BulkActionOutcome };
  }
  if (intent === "recheck") {
    const result = await recheckShipments({ shop, shipmentIds });
    return { outcome: { intent: "recheck", ...result } satisfies BulkActionOutcome };
  }
  if (intent === "resolve") {
    const { resolved } = await resolveShipmentAttention({ shop, shipmentIds });
    return {
      outcome: { intent: "resolve", resolved, selected: shipmentIds.length } satisfies BulkActionOutcome,
    };
  }
  return { outcome: { intent: "invalid", message: "Unknown action" } satisfies BulkActionOutcome };
}

async function confirmCarrier(shop: string, form: FormData) {
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

export function ErrorBoundary() {
  return <PageErrorBoundary title="Shipments" />;
}

export default function Shipments() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const bulk = useFetcher<typeof action>();
  const [outcome, setOutcome] = useState<BulkActionOutcome | null>(null);
  const [exporting, setExporting] = useState(false);
  // Read from the URL rather than echoed by the loader: what the merchant typed never comes back as data.
  const [searchParams] = useSearchParams();
  const params = useMemo(() => parseShipmentListParams(searchParams), [searchParams]);
  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/shipments";

  useEffect(() => {
    if (bulk.state === "idle" && bulk.data && "outcome" in bulk.data) setOutcome(bulk.data.outcome);
  }, [bulk.state, bulk.data]);

  // Any change of view starts from its first page.
  const view = (change: Partial<ShipmentListParams>) =>
    navigate(`/app/shipments${shipmentListSearch({ ...params, after: null, before: null, ...change })}`);

  const exportCsv = async (selection: Selection | null) => {
    setExporting(true);
    const ids = selection && !selection.allMatching ? selection.ids.join(",") : null;
    const search = shipmentListSearch({ ...params, after: null, before: null });
    const query = [search.slice(1), ids ? `ids=${encodeURIComponent(ids)}` : ""].filter(Boolean).join("&");
    try {
      await downloadCsv(`/app/shipments/csv${query ? `?${query}` : ""}`);
    } catch {
      setOutcome({ intent: "export", failed: true });
    } finally {
      setExporting(false);
    }
  };

  const submitBulk = (intent: "recheck" | "resolve", selection: Selection, clear: () => void) => {
    const form = new FormData();
    form.set("intent", intent);
    for (const id of selection.ids) form.append("shipmentId", id);
    bulk.submit(form, { method: "post" });
    clear();
  };

  const filtered = hasFilters(params);
  return (
    <Page
      title="Shipments"
      // The page's one header action, not a secondary one: Polaris rolls secondary actions into a menu on a phone
      // only after hydration, and the taller header then pushed the whole list down (CLS 0.13 at 360 px).
      primaryAction={{
        content: "Export CSV",
        primary: false,
        // The visible text first, so a merchant who says "Export CSV" to their speech software reaches it.
        accessibilityLabel: "Export CSV: every shipment of this view",
        loading: exporting,
        onAction: () => void exportCsv(null),
      }}
    >
      <BlockStack gap="400">
        <BulkActionBanner outcome={outcome} onDismiss={() => setOutcome(null)} />
        <CarrierConfirmationCard prompts={data.ambiguous} />
        <Card padding="0">
          <ShipmentFilters params={params} options={data.options} loading={loading} onChange={view} />
          <ShipmentsTable
            // A new page or view starts with nothing selected.
            key={shipmentListSearch(params)}
            shipments={data.shipments}
            loading={loading || bulk.state !== "idle"}
            hasNext={data.hasNext}
            hasPrevious={data.hasPrevious}
            onNext={() =>
              navigate(
                `/app/shipments${shipmentListSearch({ ...params, before: null, after: data.nextCursor })}`,
              )
            }
            onPrevious={() =>
              navigate(
                `/app/shipments${shipmentListSearch({ ...params, after: null, before: data.previousCursor })}`,
              )
            }
            emptyState={filtered ? <NoMatches onClear={() => navigate("/app/shipments")} /> : <NoShipments />}
            bulkActions={(selection, clear) => [
              {
                content: "Re-check now",
                disabled: selection.allMatching,
                onAction: () => submitBulk("recheck", selection, clear),
              },
              {
                content: "Mark resolved",
                disabled: selection.allMatching,
                onAction: () => submitBulk("resolve", selection, clear),
              },
              {
                content: selection.allMatching ? "Export all matching as CSV" : "Export CSV",
                onAction: () => void exportCsv(selection),
              },
            ]}
          />
        </Card>
      </BlockStack>
    </Page>
  );
}

function NoMatches({ onClear }: { onClear: () => void }) {
  return (
    <Box padding="600">
      <BlockStack gap="300" inlineAlign="center">
        <EmptySearchResult
          title="No shipments match"
          description="Try another search, or fewer filters."
          withIllustration={false}
        />
        <Button onClick={onClear}>Clear search and filters</Button>
      </BlockStack>
    </Box>
  );
}

function NoShipments() {
  return (
    <Box padding="600">
      <BlockStack gap="200" inlineAlign="center">
        <Text as="h2" variant="headingMd">
          No shipments yet
        </Text>
        <Text as="p" tone="subdued" alignment="center">
          Shipments appear here as soon as your orders are fulfilled with a tracking number. Importing your
          recent orders from Settings brings in the last 60 days.
        </Text>
      </BlockStack>
    </Box>
  );
}
