import { Form } from "@remix-run/react";
import { BlockStack, Box, Button, Card, IndexTable, Link, Text } from "@shopify/polaris";
import { FormResultBanner, type FormResult } from "./FormResultBanner";
import { channelLabel, milestoneLabel } from "./notification-labels";
import { Timestamp } from "./Timestamp";

export type DeadNotificationView = {
  id: string;
  shipmentId: string | null;
  milestone: string;
  channel: string;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
  order: { name: string } | null;
  shipment: { trackingNumber: string | null } | null;
};

// Messages Parcelwise gave up on (the provider refused them, or kept failing): a person decides whether to
// send them again, usually after fixing the provider settings.
export function DeadLetterCard({
  notifications,
  timeZone,
  result,
  retryingId,
}: {
  notifications: DeadNotificationView[];
  timeZone: string;
  result: FormResult | null;
  retryingId: string | null;
}) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Box paddingInline="400" paddingBlockStart="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Dead letters
            </Text>
            <Text as="p" tone="subdued">
              {notifications.length === 0
                ? "None: every message was sent, is on its way, or was deliberately skipped."
                : "These messages failed for good. Fix the cause (often the provider settings above), then retry."}
            </Text>
            <FormResultBanner
              result={result}
              success="Queued again: it goes out with the next send round"
              failure="Not retried"
            />
          </BlockStack>
        </Box>
        {notifications.length === 0 ? null : (
          <div data-dead-letters>
            <IndexTable
              resourceName={{ singular: "dead letter", plural: "dead letters" }}
              itemCount={notifications.length}
              selectable={false}
              headings={[
                { title: "Order" },
                { title: "Tracking number" },
                { title: "Message" },
                { title: "Attempts", alignment: "end" },
                { title: "Last error" },
                { title: "When" },
                { title: "" },
              ]}
            >
              {notifications.map((notification, index) => (
                <IndexTable.Row id={notification.id} key={notification.id} position={index}>
                  <IndexTable.Cell>
                    {notification.shipmentId ? (
                      <Link url={`/app/shipments/${notification.shipmentId}`}>
                        {notification.order?.name ?? "Shipment"}
                      </Link>
                    ) : (
                      (notification.order?.name ?? "—")
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{notification.shipment?.trackingNumber ?? "—"}</IndexTable.Cell>
                  <IndexTable.Cell>
                    {milestoneLabel(notification.milestone)} · {channelLabel(notification.channel)}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {notification.attempts}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" breakWord>
                      {notification.lastError ?? "—"}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Timestamp value={notification.updatedAt} timeZone={timeZone} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Form method="post">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="id" value={notification.id} />
                      <Button
                        submit
                        size="slim"
                        loading={retryingId === notification.id}
                        accessibilityLabel={`Retry the ${milestoneLabel(notification.milestone)} ${channelLabel(notification.channel)} for ${notification.order?.name ?? "this shipment"}`}
                      >
                        Retry
                      </Button>
                    </Form>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
