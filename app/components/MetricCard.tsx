import { BlockStack, Card, Text } from "@shopify/polaris";

export function MetricCard({ id, label, value }: { id: string; label: string; value: number | string }) {
  return (
    <div data-metric={id}>
      <Card>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm" tone="subdued">
            {label}
          </Text>
          <Text as="p" variant="heading2xl">
            <span data-metric-value>{value}</span>
          </Text>
        </BlockStack>
      </Card>
    </div>
  );
}
