import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { formatDay } from "../lib/format";

export type ShipmentSummaryView = {
  trackingNumber: string | null;
  trackingCompany: string | null;
  carrier: string | null;
  shippedAt: Date | null;
  carrierEstimatedAt: Date | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  deliveredAt: Date | null;
  order: { destinationCountry: string | null; destinationProvince: string | null };
};

function deliveryText(shipment: ShipmentSummaryView): string {
  if (shipment.deliveredAt) return `Delivered ${formatDay(shipment.deliveredAt)}`;
  if (shipment.windowStart && shipment.windowEnd) {
    const start = formatDay(shipment.windowStart);
    const end = formatDay(shipment.windowEnd);
    return start === end ? start : `${start} – ${end}`;
  }
  if (shipment.carrierEstimatedAt) return `${formatDay(shipment.carrierEstimatedAt)} (carrier's estimate)`;
  return "Not predicted yet";
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

export function ShipmentSummaryCard({ shipment }: { shipment: ShipmentSummaryView }) {
  const destination = [shipment.order.destinationProvince, shipment.order.destinationCountry]
    .filter(Boolean)
    .join(", ");
  return (
    <Card>
      <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
        <Fact label="Tracking number">{shipment.trackingNumber ?? "—"}</Fact>
        <Fact label="Carrier">{shipment.trackingCompany ?? shipment.carrier ?? "Unknown"}</Fact>
        <Fact label="Shipped">{formatDay(shipment.shippedAt)}</Fact>
        <Fact label="Delivery">{deliveryText(shipment)}</Fact>
        <Fact label="Destination">{destination || "—"}</Fact>
      </InlineGrid>
    </Card>
  );
}
