import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { formatDay } from "../lib/format";
import type { ShownWindow } from "../models/delivery-windows/shown-window";

export type ShipmentSummaryView = {
  trackingNumber: string | null;
  trackingCompany: string | null;
  carrier: string | null;
  shippedAt: Date | null;
  order: { destinationCountry: string | null; destinationProvince: string | null };
};

// The same window the shopper is shown (shown-window.ts), in the admin's words.
export function deliveryText(shown: ShownWindow): string {
  const range = (start: Date, end: Date) =>
    formatDay(start) === formatDay(end) ? formatDay(end) : `${formatDay(start)} – ${formatDay(end)}`;
  switch (shown.kind) {
    case "delivered":
      return `Delivered ${formatDay(shown.deliveredAt)}`;
    case "window":
      return shown.likely
        ? `${range(shown.start, shown.end)} (most likely ${formatDay(shown.likely)})`
        : range(shown.start, shown.end);
    case "late":
      return shown.newWindow
        ? `Late: promised by ${formatDay(shown.promisedBy)}, now ${range(shown.newWindow.start, shown.newWindow.end)}`
        : `Late: promised by ${formatDay(shown.promisedBy)}`;
    case "carrier_estimate":
      return `${formatDay(shown.estimatedAt)} (carrier's estimate)`;
    case "none":
      return "Not predicted yet";
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p">{children}</Text>
    </BlockStack>
  );
}

export function ShipmentSummaryCard({
  shipment,
  shownWindow,
}: {
  shipment: ShipmentSummaryView;
  shownWindow: ShownWindow;
}) {
  const destination = [shipment.order.destinationProvince, shipment.order.destinationCountry]
    .filter(Boolean)
    .join(", ");
  return (
    <Card>
      <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
        <Fact label="Tracking number">{shipment.trackingNumber ?? "—"}</Fact>
        <Fact label="Carrier">{shipment.trackingCompany ?? shipment.carrier ?? "Unknown"}</Fact>
        <Fact label="Shipped">{formatDay(shipment.shippedAt)}</Fact>
        <Fact label="Delivery">{deliveryText(shownWindow)}</Fact>
        <Fact label="Destination">{destination || "—"}</Fact>
      </InlineGrid>
    </Card>
  );
}
