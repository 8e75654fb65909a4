import { Form } from "@remix-run/react";
import { BlockStack, Button, InlineStack } from "@shopify/polaris";
import type { NotificationRules } from "../models/notification-rules";
import { FormResultBanner, type FormResult } from "./FormResultBanner";
import { MilestoneRulesCard } from "./MilestoneRulesCard";
import { NotificationGuardrailsCard, type BrandingView } from "./NotificationGuardrailsCard";

// Milestones, guardrails and brand save together: they are one set of rules the dispatcher reads at once.
export function NotificationRulesForm({
  rules,
  branding,
  result,
  saving,
}: {
  rules: NotificationRules;
  branding: BrandingView;
  result: FormResult | null;
  saving: boolean;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="rules" />
      <BlockStack gap="400">
        <MilestoneRulesCard milestones={rules.milestones} />
        <NotificationGuardrailsCard rules={rules} branding={branding} errors={result?.fieldErrors ?? {}} />
        <FormResultBanner
          result={result}
          success="Notification settings saved"
          failure="Notification settings not saved"
        />
        <InlineStack align="end">
          <Button submit variant="primary" loading={saving}>
            Save notification settings
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}
