import { Badge, BlockStack, Box, Button, Card, Divider, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDay } from "../../lib/format";

export type AttentionRow = {
  shipmentId: string;
  orderName: string;
  kind: "late" | "stuck" | "exception" | "lost";
  kindLabel: string;
  reasonLabel: string | null;
  nextStep: string;
  since: Date;
  carrier: string | null;
};

const KIND_TONES = { lost: "critical", exception: "critical", late: "warning", stuck: "attention" } as const;

// The oldest open problems, each with its next step; the full queue is on the Needs attention page.
export function AttentionQueueCard({
  rows,
  total,
  openHelpRequests,
}: {
  rows: AttentionRow[];
  total: number;
  openHelpRequests: number;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Needs attention
          </Text>
          <Badge tone={total > 0 ? "warning" : "success"}>{`${total} open`}</Badge>
        </InlineStack>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing needs attention: no late, stuck, likely lost or exception parcels right now.
          </Text>
        ) : (
          <ul style={{ margin: 0, padding: 0, listStyle: "none" }} aria-label="Oldest open problems">
            {rows.map((row, index) => (
              <li key={row.shipmentId} data-attention-row>
                {index > 0 ? <Divider /> : null}
                <Box paddingBlock="200">
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center" wrap>
                      <Link url={`/app/shipments/${row.shipmentId}`}>
                        <Text as="span" fontWeight="semibold">
                          {row.orderName}
                        </Text>
                      </Link>
                      <Badge tone={KIND_TONES[row.kind]}>{row.kindLabel}</Badge>
                      <Text as="span" tone="subdued">
                        since {formatDay(row.since)}
                        {row.carrier ? ` · ${row.carrier}` : ""}
                      </Text>
                    </InlineStack>
                    {row.reasonLabel ? <Text as="p">{row.reasonLabel}</Text> : null}
                    <Text as="p" tone="subdued">
                      Next step: {row.nextStep}
                    </Text>
                  </BlockStack>
                </Box>
              </li>
            ))}
          </ul>
        )}
        <InlineStack gap="200" wrap>
          <Button url="/app/attention">{total > rows.length ? `See all ${total}` : "Open the queue"}</Button>
          <Button url="/app/support" variant="plain">
            {`${openHelpRequests} open help ${openHelpRequests === 1 ? "request" : "requests"}`}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
