import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";

// Rules, templates and providers have their own page; Settings says where they stand and links there.
export function NotificationsSettingsCard({
  emailProviderConfigured,
  emailMilestonesEnabled,
}: {
  emailProviderConfigured: boolean;
  emailMilestonesEnabled: number;
}) {
  const on = emailProviderConfigured && emailMilestonesEnabled > 0;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Shipping notifications
          </Text>
          {on ? <Badge tone="success">On</Badge> : <Badge tone="attention">Off</Badge>}
        </InlineStack>
        <Text as="p">
          {emailProviderConfigured
            ? `Emails go out for ${emailMilestonesEnabled} ${emailMilestonesEnabled === 1 ? "milestone" : "milestones"}.`
            : "Connect the email account Parcelwise sends from, then choose which milestones shoppers hear about."}
        </Text>
        <BlockStack inlineAlign="start">
          <Button url="/app/notifications">Notification rules and templates</Button>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
