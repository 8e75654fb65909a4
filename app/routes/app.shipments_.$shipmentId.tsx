import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { ActionResultBanner } from "../components/ActionResultBanner";
import { AttentionBanner } from "../components/AttentionBanner";
import { CarrierCard } from "../components/CarrierCard";
import { DeliveryWindowsCard } from "../components/DeliveryWindowsCard";
import { HelpRequestsCard } from "../components/HelpRequestsCard";
import { NotificationAttemptsCard } from "../components/NotificationAttemptsCard";
import { OrderShipmentsCard } from "../components/OrderShipmentsCard";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { ResendNotificationCard } from "../components/ResendNotificationCard";
import { ShipmentSummaryCard } from "../components/ShipmentSummaryCard";
import { StatusBadge } from "../components/StatusBadge";
import { TrackingTimelineCard } from "../components/TrackingTimelineCard";
import { pageMeta } from "../lib/page-title";
import { orderAdminUrl } from "../lib/shopify-admin-links";
import { useRevalidateWhile } from "../lib/use-revalidate-while";
import type { ActionResult } from "../models/action-result";
import { getShipmentDetail } from "../models/shipment-detail.server";
import { runShipmentSupportAction } from "../models/shipment-support-actions.server";
import { getShop } from "../models/shop.server";
import { requireAdminContext } from "../services/admin-context.server";

// The support view: everything about one shipment, and what support can do about it.
// `shipments_` keeps this page out of the shipments list's layout: it replaces the list instead of nesting in it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop, demo } = await requireAdminContext(request);
  const [detail, shopRow] = await Promise.all([
    getShipmentDetail({ shop, shipmentId: params.shipmentId ?? "" }),
    getShop({ shop }),
  ]);
  if (!detail) throw new Response(null, { status: 404 });
  return {
    ...detail,
    timeZone: shopRow?.timezone ?? "UTC",
    adminUrl: orderAdminUrl({ shop, orderGid: detail.shipment.order.shopifyId, embedded: !demo }),
    embedded: !demo,
  };
}

// The order's name, as the page's heading, and the tracking number; a shipment that is not the shop's has neither.
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`Shipment ${data.shipment.order.name}`, data.shipment.trackingNumber)
    : pageMeta("Shipment");

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const result = await runShipmentSupportAction({
    shop,
    shipmentId: params.shipmentId ?? "",
    form: await request.formData(),
  });
  if (!result) throw new Response(null, { status: 404 });
  return result;
}

// A check still running when the action answered: the page looks again for this long.
const FOLLOW_CHECK_MS = 20_000;

export default function ShipmentSupportView() {
  const data = useLoaderData<typeof loader>();
  const { shipment, timeZone } = data;
  const recheck = useFetcher<ActionResult | null>({ key: `recheck-${shipment.id}` });
  const [followUntil, setFollowUntil] = useState(0);
  useEffect(() => {
    if (recheck.data?.pending) setFollowUntil(Date.now() + FOLLOW_CHECK_MS);
  }, [recheck.data]);
  useRevalidateWhile(followUntil > 0 && Date.now() < followUntil);

  return (
    <Page
      title={shipment.order.name}
      titleMetadata={<StatusBadge status={shipment.status} />}
      subtitle={[shipment.trackingCompany ?? shipment.carrier, shipment.trackingNumber]
        .filter(Boolean)
        .join(" · ")}
      backAction={{ content: "Shipments", url: "/app/shipments" }}
      primaryAction={{
        content: "Re-check carrier now",
        loading: recheck.state !== "idle",
        onAction: () => recheck.submit({ intent: "recheck" }, { method: "post" }),
      }}
      secondaryActions={
        data.adminUrl
          ? [
              {
                content: "Open order in Shopify admin",
                url: data.adminUrl,
                target: data.embedded ? "_top" : "_blank",
              },
            ]
          : []
      }
    >
      <BlockStack gap="400">
        <ActionResultBanner result={recheck.data} timeZone={timeZone} />
        {data.attention ? <AttentionBanner attention={data.attention} /> : null}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <ShipmentSummaryCard shipment={shipment} shownWindow={data.shownWindow} />
              <TrackingTimelineCard events={shipment.events} timeZone={timeZone} />
              <DeliveryWindowsCard revisions={data.estimates} />
              <NotificationAttemptsCard notifications={data.notifications} timeZone={timeZone} />
              <ResendNotificationCard options={data.resendOptions} timeZone={timeZone} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <HelpRequestsCard requests={data.helpRequests} notes={data.notes} timeZone={timeZone} />
              <CarrierCard facts={shipment} carrierOptions={data.carrierOptions} timeZone={timeZone} />
              <OrderShipmentsCard shipments={data.otherShipments} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary title="Shipment" />;
}
