import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { AttentionBanner } from "../components/AttentionBanner";
import { NotificationAttemptsCard } from "../components/NotificationAttemptsCard";
import { ShipmentSummaryCard } from "../components/ShipmentSummaryCard";
import { StatusBadge } from "../components/StatusBadge";
import { TrackingTimelineCard } from "../components/TrackingTimelineCard";
import { getShipmentDetail } from "../models/shipment-detail.server";
import { getShop } from "../models/shop.server";
import { requireAdminContext } from "../services/admin-context.server";

// `shipments_` keeps this page out of the shipments list's layout: it replaces the list instead of nesting in it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const [detail, shopRow] = await Promise.all([
    getShipmentDetail({ shop, shipmentId: params.shipmentId ?? "" }),
    getShop({ shop }),
  ]);
  if (!detail) throw new Response(null, { status: 404 });
  return { ...detail, timeZone: shopRow?.timezone ?? "UTC" };
}

export default function ShipmentPage() {
  const { shipment, shownWindow, attention, notifications, timeZone } = useLoaderData<typeof loader>();
  return (
    <Page
      title={shipment.order.name}
      titleMetadata={<StatusBadge status={shipment.status} />}
      subtitle={[shipment.trackingCompany ?? shipment.carrier, shipment.trackingNumber]
        .filter(Boolean)
        .join(" · ")}
      backAction={{ content: "Shipments", url: "/app/shipments" }}
    >
      <BlockStack gap="400">
        {attention ? <AttentionBanner attention={attention} /> : null}
        <ShipmentSummaryCard shipment={shipment} shownWindow={shownWindow} />
        <TrackingTimelineCard events={shipment.events} timeZone={timeZone} />
        <NotificationAttemptsCard notifications={notifications} timeZone={timeZone} />
      </BlockStack>
    </Page>
  );
}
