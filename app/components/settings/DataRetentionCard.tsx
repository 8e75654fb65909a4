import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { FormResultBanner, type FormResult } from "../FormResultBanner";

export function DataRetentionCard({
  days,
  result,
  saving,
}: {
  days: number;
  result: FormResult | null;
  saving: boolean;
}) {
  const [value, setValue] = useState(String(days));
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="retention" />
        <FormLayout>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Data retention
            </Text>
            <Text as="p" tone="subdued">
              How long after an order is placed Parcelwise keeps its tracking history, messages and help
              requests. Shorter keeps less personal data; longer gives delivery promises and carrier
              performance more history to learn from. Shoppers&apos; data requests and erasures through
              Shopify are answered whatever you choose.
            </Text>
          </BlockStack>
          <FormResultBanner
            result={result}
            success="Data retention saved"
            failure="Check the highlighted field"
          />
          <TextField
            label="Keep tracking data for (days)"
            name="dataRetentionDays"
            type="number"
            value={value}
            onChange={setValue}
            helpText="30 to 3650 days. 365 covers a full year of peak seasons."
            error={result?.fieldErrors.dataRetentionDays}
            autoComplete="off"
          />
          <Button submit variant="primary" loading={saving}>
            Save retention
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
