import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { carrierLabel } from "../lib/performance-labels";
import { StatusBadge } from "./StatusBadge";

export type SiblingShipment = {
  id: string;
  trackingNumber: string | null;
  trackingCompany: string | null;
  carrier: string | null;
  status: string;
};

// The order's other parcels: a shopper asking about "my order" may mean any of them.
export function OrderShipmentsCard({ shipments }: { shipments: SiblingShipment[] }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Other shipments of this order
        </Text>
        {shipments.length === 0 ? (
          <Text as="p" tone="subdued">
            This is the order&apos;s only shipment.
          </Text>
        ) : (
          <ul data-order-shipments style={{ listStyle: "none", margin: 0, padding: 0 }}>
            <BlockStack gap="200">
              {shipments.map((shipment) => (
                <li key={shipment.id}>
                  <InlineStack gap="200" blockAlign="center" wrap>
                    <Link url={`/app/shipments/${shipment.id}`}>
                      {shipment.trackingNumber ?? "No tracking number"}
                    </Link>
                    <Text as="span" tone="subdued">
                      {shipment.trackingCompany ??
                        (shipment.carrier ? carrierLabel(shipment.carrier) : "Unknown")}
                    </Text>
                    <StatusBadge status={shipment.status} />
                  </InlineStack>
                </li>
              ))}
            </BlockStack>
          </ul>
        )}
      </BlockStack>
    </Card>
  );
}
