import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { formatCount } from "../lib/performance-format";

export type AmbiguousShipment = {
  id: string;
  trackingNumber: string | null;
  trackingCompany: string | null;
  order: { name: string };
  candidates: Array<{ carrier: string; courierName?: string; confidence: number }>;
};

// Numbers two carriers could own are never silently assigned: the merchant picks, once, and Parcelwise
// remembers the choice for the shop's next ambiguous numbers. All of them are counted; the newest are shown.
export function CarrierConfirmationCard({
  prompts,
}: {
  prompts: { shipments: AmbiguousShipment[]; total: number; capped: boolean };
}) {
  const { shipments, total, capped } = prompts;
  if (shipments.length === 0) return null;
  const count = `${capped ? "more than " : ""}${formatCount(total)}`;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Confirm the carrier for {count} {total === 1 && !capped ? "shipment" : "shipments"}
        </Text>
        <Text as="p" tone="subdued">
          These tracking numbers fit more than one carrier&apos;s format. Pick the right one so tracking can
          start.
          {shipments.length < total
            ? ` The newest ${shipments.length} are shown; the next ones appear as you confirm these.`
            : ""}
        </Text>
        {shipments.map((shipment) => (
          <InlineStack key={shipment.id} gap="300" blockAlign="center" wrap>
            <Text as="span" fontWeight="semibold">
              {shipment.order.name}
            </Text>
            <Text as="span">{shipment.trackingNumber}</Text>
            {shipment.trackingCompany ? (
              <Text as="span" tone="subdued">
                (entered as {shipment.trackingCompany})
              </Text>
            ) : null}
            {shipment.candidates.map((candidate) => (
              <Form method="post" key={candidate.carrier}>
                <input type="hidden" name="intent" value="confirm-carrier" />
                <input type="hidden" name="shipmentId" value={shipment.id} />
                <input type="hidden" name="carrier" value={candidate.carrier} />
                <Button
                  submit
                  accessibilityLabel={`${shipment.order.name}: ${candidate.courierName ?? candidate.carrier}`}
                >
                  {`${candidate.courierName ?? candidate.carrier} · ${Math.round(candidate.confidence * 100)}%`}
                </Button>
              </Form>
            ))}
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
