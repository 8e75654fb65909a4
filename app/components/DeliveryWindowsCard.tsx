import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import { formatDay } from "../lib/format";
import { ScrollableDataTable } from "./ScrollableDataTable";

export type EstimateRevision = {
  id: string;
  isOriginal: boolean;
  earliestAt: string | Date;
  latestAt: string | Date;
  likelyAt: string | Date | null;
  basis: string;
  createdAt: string | Date;
};

const BASIS_LABELS: Record<string, string> = {
  carrier: "Carrier's estimate",
  lane: "This lane's history",
  region: "Region's history",
  carrier_history: "Carrier's history",
  global: "Shop's history",
  merchant_default: "Your processing and transit settings",
};

function windowText(revision: EstimateRevision): string {
  const start = formatDay(revision.earliestAt);
  const end = formatDay(revision.latestAt);
  return start === end ? end : `${start} – ${end}`;
}

// Every window the shipment was given, oldest first: the first is the promise "on time" is judged against.
export function DeliveryWindowsCard({ revisions }: { revisions: EstimateRevision[] }) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Box paddingInline="400" paddingBlockStart="400">
          <Text as="h2" variant="headingMd">
            Delivery window and revisions
          </Text>
        </Box>
        {revisions.length === 0 ? (
          <Box paddingInline="400" paddingBlockEnd="400">
            <Text as="p" tone="subdued">
              No window predicted yet. One is made when the parcel ships and revised as scans arrive.
            </Text>
          </Box>
        ) : (
          <div data-delivery-windows>
            <ScrollableDataTable
              label="Delivery window and revisions"
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["Window", "Most likely", "Based on", "Made"]}
              rows={revisions.map((revision) => [
                <InlineStack key="window" gap="100" blockAlign="center" wrap={false}>
                  <span style={{ whiteSpace: "nowrap" }}>{windowText(revision)}</span>
                  {revision.isOriginal ? <Badge tone="info">Promise</Badge> : null}
                </InlineStack>,
                formatDay(revision.likelyAt),
                BASIS_LABELS[revision.basis] ?? revision.basis,
                formatDay(revision.createdAt),
              ])}
            />
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
