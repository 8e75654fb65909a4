import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, FormLayout, Text } from "@shopify/polaris";
import { useState } from "react";
import { FormResultBanner, type FormResult } from "../FormResultBanner";

export function WriteBackCard({
  enabled,
  result,
  saving,
}: {
  enabled: boolean;
  result: FormResult | null;
  saving: boolean;
}) {
  const [checked, setChecked] = useState(enabled);
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="write-back" />
        <input type="hidden" name="writeBackToShopify" value={checked ? "on" : "off"} />
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Write-back to Shopify
          </Text>
          <FormResultBanner
            result={result}
            success="Write-back setting saved"
            failure="It could not be saved"
          />
          <Checkbox
            label="Write carrier milestones back to Shopify"
            helpText="Carrier scans Shopify does not know yet (in transit, out for delivery, delivered, …) are added to the order's fulfillment, so Shopify's order status page, the Shop app and Flow stay in step."
            checked={checked}
            onChange={setChecked}
          />
          <BlockStack inlineAlign="start">
            <Button submit variant="primary" loading={saving}>
              Save write-back
            </Button>
          </BlockStack>
        </FormLayout>
      </Form>
    </Card>
  );
}
