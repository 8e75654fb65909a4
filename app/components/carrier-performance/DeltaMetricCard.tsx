import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { Change } from "../../lib/performance-format";

// One headline figure, a line of context under it, and how it moved against the previous period.
export function DeltaMetricCard({
  id,
  label,
  value,
  detail,
  change,
}: {
  id: string;
  label: string;
  value: string;
  detail?: string;
  change: Change | null;
}) {
  return (
    <div data-metric={id}>
      <Card>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm" tone="subdued">
            {label}
          </Text>
          <InlineStack gap="200" blockAlign="center">
            <Text as="p" variant="headingXl">
              <span data-metric-value>{value}</span>
            </Text>
            {change ? (
              <span data-metric-change title="Against the previous period">
                <Badge tone={change.tone}>{change.text}</Badge>
              </span>
            ) : null}
          </InlineStack>
          {detail ? (
            <Text as="p" variant="bodySm" tone="subdued">
              <span data-metric-detail>{detail}</span>
            </Text>
          ) : null}
        </BlockStack>
      </Card>
    </div>
  );
}
