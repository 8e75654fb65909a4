import { BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";

// On the dashboard until the required setup steps are done.
export function SetupProgressCard({
  done,
  total,
  nextStep,
}: {
  done: number;
  total: number;
  nextStep: string | null;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Finish setting up
          </Text>
          <Text as="p" tone="subdued" id="dashboard-setup-progress">
            {done} of {total} steps done
          </Text>
        </InlineStack>
        <ProgressBar
          progress={Math.round((done / total) * 100)}
          size="small"
          ariaLabelledBy="dashboard-setup-progress"
        />
        {nextStep ? <Text as="p">Next: {nextStep}</Text> : null}
        <div>
          <Button url="/app/onboarding" variant="primary">
            Continue setup
          </Button>
        </div>
      </BlockStack>
    </Card>
  );
}
