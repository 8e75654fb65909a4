import { BlockStack, Box, Card, Text } from "@shopify/polaris";
import { channelLabel, milestoneLabel } from "./notification-labels";
import { NotificationStatusBadge } from "./NotificationStatusBadge";
import { ScrollableDataTable } from "./ScrollableDataTable";
import { Timestamp } from "./Timestamp";

export type NotificationAttemptView = {
  id: string;
  milestone: string;
  channel: string;
  status: string;
  heldUntil: Date | null;
  reason: string | null;
  attempts: number;
  lastError: string | null;
  recipientHint: string | null;
  sentAt: Date | null;
  // Sent again by a person from the support view, not by a scan.
  resent?: boolean;
};

// Why it is in its state (held, suppressed) and what last went wrong, in one cell so the table fits the page.
function Details({ notification, timeZone }: { notification: NotificationAttemptView; timeZone: string }) {
  const reason = notification.heldUntil ? (
    <>
      Held until <Timestamp value={notification.heldUntil} timeZone={timeZone} />: {notification.reason}
    </>
  ) : (
    notification.reason
  );
  if (!reason && !notification.lastError) return <>—</>;
  return (
    <BlockStack gap="100">
      {reason ? <Text as="p">{reason}</Text> : null}
      {notification.lastError ? (
        <Text as="p" tone="critical" breakWord>
          Last error: {notification.lastError}
        </Text>
      ) : null}
    </BlockStack>
  );
}

// Every message Parcelwise queued for this shipment, oldest first, whatever became of it.
export function NotificationAttemptsCard({
  notifications,
  timeZone,
}: {
  notifications: NotificationAttemptView[];
  timeZone: string;
}) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Box paddingInline="400" paddingBlockStart="400">
          <Text as="h2" variant="headingMd">
            Notifications
          </Text>
        </Box>
        {notifications.length === 0 ? (
          <Box paddingInline="400" paddingBlockEnd="400">
            <Text as="p" tone="subdued">
              No messages for this shipment yet.
            </Text>
          </Box>
        ) : (
          <div data-shipment-notifications>
            <ScrollableDataTable
              label="Notifications"
              columnContentTypes={["text", "text", "text", "numeric", "text", "text"]}
              headings={["Message", "Status", "Details", "Attempts", "To", "Sent"]}
              rows={notifications.map((notification) => [
                `${milestoneLabel(notification.milestone)} · ${channelLabel(notification.channel)}${
                  notification.resent ? " (sent again)" : ""
                }`,
                <NotificationStatusBadge
                  key="status"
                  status={notification.status}
                  held={Boolean(notification.heldUntil)}
                />,
                <Details key="details" notification={notification} timeZone={timeZone} />,
                notification.attempts,
                notification.recipientHint ?? "—",
                <Timestamp key="sent" value={notification.sentAt} timeZone={timeZone} />,
              ])}
            />
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
