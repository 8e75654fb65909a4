import { BlockStack, Card, Text } from "@shopify/polaris";
import { PolarisVizProvider } from "@shopify/polaris-viz";
import type { ReactNode } from "react";
import { ClientOnly } from "./ClientOnly";

const CHART_HEIGHT = 260;

// A titled card holding one chart, the same height before and after the chart draws so the page does not jump.
export function ChartCard({
  id,
  title,
  caption,
  children,
}: {
  id: string;
  title: string;
  caption?: string;
  children: () => ReactNode;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          {caption ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {caption}
            </Text>
          ) : null}
        </BlockStack>
        <div data-chart={id} style={{ height: CHART_HEIGHT }}>
          <ClientOnly fallback={null}>
            {() => <PolarisVizProvider>{children()}</PolarisVizProvider>}
          </ClientOnly>
        </div>
      </BlockStack>
    </Card>
  );
}
