import { BlockStack, Box, Button, Card, Text } from "@shopify/polaris";

// Nothing was ordered in the range (or for these filters): say so, and offer the same dates unfiltered.
export function NoDataCard({ clearFiltersUrl }: { clearFiltersUrl: string | null }) {
  const filtered = clearFiltersUrl !== null;
  return (
    <div data-empty-state>
      <Card>
        <Box paddingBlock="800">
          <BlockStack gap="300" inlineAlign="center">
            <Text as="h2" variant="headingLg">
              No orders in this range
            </Text>
            <Text as="p" tone="subdued" alignment="center">
              {filtered
                ? "No order matches these filters between these dates. Try a longer range or fewer filters."
                : "Figures appear here once orders placed in this range have shipped."}
            </Text>
            {clearFiltersUrl ? <Button url={clearFiltersUrl}>Clear filters</Button> : null}
          </BlockStack>
        </Box>
      </Card>
    </div>
  );
}
