import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, ChoiceList, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { BUSINESS_DAYS, BUSINESS_DAY_LABELS, type BusinessDay } from "../../models/settings-options";
import { FormResultBanner, type FormResult } from "../FormResultBanner";

const DAY_CHOICES = BUSINESS_DAYS.map((day) => ({ label: BUSINESS_DAY_LABELS[day], value: day }));

export function PromiseDefaultsCard({
  settings,
  result,
  saving,
}: {
  settings: { processingDays: number; orderCutoffLocalTime: string; businessDays: BusinessDay[] };
  result: FormResult | null;
  saving: boolean;
}) {
  const [processingDays, setProcessingDays] = useState(String(settings.processingDays));
  const [cutoff, setCutoff] = useState(settings.orderCutoffLocalTime);
  const [days, setDays] = useState<string[]>(settings.businessDays);
  const errors = result?.fieldErrors ?? {};
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="promises" />
        {days.map((day) => (
          <input key={day} type="hidden" name="businessDays" value={day} />
        ))}
        <FormLayout>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Delivery promises
            </Text>
            <Text as="p" tone="subdued">
              How you work before a parcel reaches the carrier: how long you take to ship, the time of day
              after which an order waits for the next day, and the days you ship on.
            </Text>
          </BlockStack>
          <FormResultBanner
            result={result}
            success="Delivery promises saved"
            failure="Check the highlighted fields"
          />
          <FormLayout.Group>
            <TextField
              label="Processing days before shipping"
              name="processingDays"
              type="number"
              value={processingDays}
              onChange={setProcessingDays}
              error={errors.processingDays}
              autoComplete="off"
            />
            <TextField
              label="Same-day cut-off (shop time)"
              name="orderCutoffLocalTime"
              type="time"
              value={cutoff}
              onChange={setCutoff}
              helpText="Orders placed later count from the next business day."
              error={errors.orderCutoffLocalTime}
              autoComplete="off"
            />
          </FormLayout.Group>
          <ChoiceList
            title="Days you ship"
            allowMultiple
            choices={DAY_CHOICES}
            selected={days}
            onChange={setDays}
            error={errors.businessDays}
          />
          <Button submit variant="primary" loading={saving}>
            Save promises
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
