import { BlockStack, Button, Card, InlineStack, Link, Text } from "@shopify/polaris";
import type { AttentionSummary } from "../models/needs-attention.server";
import type { ShownWindow } from "../models/delivery-windows/shown-window";
import { AttentionBanner } from "./AttentionBanner";
import { deliveryText } from "./ShipmentSummaryCard";
import { StatusBadge } from "./StatusBadge";
import { TrackingTimelineCard, type TrackingEventView } from "./TrackingTimelineCard";

export type RequestShipment = {
  id: string;
  status: string;
  trackingNumber: string | null;
  carrierName: string | null;
  trackingUrl: string | null;
  attention: AttentionSummary | null;
  shownWindow: ShownWindow;
  recentEvents: TrackingEventView[];
};

// The parcel the request is about, enough to answer most questions, with the way to everything else.
export function RequestShipmentCard({
  shipment,
  timeZone,
}: {
  shipment: RequestShipment | null;
  timeZone: string;
}) {
  if (!shipment)
    return (
      <Card>
        <Text as="p" tone="subdued">
          No shipment is attached: the order had not shipped when the shopper asked.
        </Text>
      </Card>
    );
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <InlineStack gap="200" align="space-between" blockAlign="center" wrap>
            <Text as="h2" variant="headingMd">
              Shipment
            </Text>
            <StatusBadge status={shipment.status} />
          </InlineStack>
          <Text as="p">
            {shipment.carrierName ?? "Unknown carrier"}
            {" · "}
            {shipment.trackingUrl && shipment.trackingNumber ? (
              <Link url={shipment.trackingUrl} target="_blank">
                {shipment.trackingNumber}
              </Link>
            ) : (
              (shipment.trackingNumber ?? "no tracking number")
            )}
          </Text>
          <Text as="p">Delivery: {deliveryText(shipment.shownWindow)}</Text>
          {shipment.attention ? <AttentionBanner attention={shipment.attention} /> : null}
          <div>
            <Button url={`/app/shipments/${shipment.id}`} variant="primary">
              Open the support view
            </Button>
          </div>
        </BlockStack>
      </Card>
      <TrackingTimelineCard events={shipment.recentEvents} timeZone={timeZone} title="Latest scans" />
    </BlockStack>
  );
}
