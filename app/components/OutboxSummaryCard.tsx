import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";

const SHOWN = [
  { status: "queued", label: "Queued" },
  { status: "sent", label: "Sent" },
  { status: "suppressed", label: "Suppressed" },
  { status: "failed", label: "Failed, retrying" },
  { status: "dead", label: "Dead letters" },
] as const;

// `counts`: status → messages created in the window. A message mid-send is counted as queued: the send takes
// seconds and the merchant's question is "is anything still waiting?".
export function OutboxSummaryCard({ counts, days }: { counts: Record<string, number>; days: number }) {
  const count = (status: string) => (counts[status] ?? 0) + (status === "queued" ? (counts.sending ?? 0) : 0);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Messages in the last {days} days
        </Text>
        <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
          {SHOWN.map(({ status, label }) => (
            <div key={status} data-outbox-status={status}>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm" tone="subdued">
                  {label}
                </Text>
                <Text as="p" variant="headingXl">
                  <span data-outbox-count>{count(status)}</span>
                </Text>
              </BlockStack>
            </div>
          ))}
        </InlineGrid>
        <Text as="p" tone="subdued">
          Suppressed messages were deliberately not sent: the milestone is turned off, a newer message
          replaced it, the news was too old, the shopper opted out or has no address for that channel, or no
          provider is set up.
        </Text>
      </BlockStack>
    </Card>
  );
}
