import { Form } from "@remix-run/react";
import { Button, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { Channel, Milestone } from "../models/notification-rules";
import { FormResultBanner, type FormResult } from "./FormResultBanner";

// "Send me a test": the previewed message, through the shop's own provider, to the merchant. It never
// touches the outbox, so it doesn't count towards any shopper's limits.
export function TestSendForm({
  milestone,
  channel,
  locale,
  shipmentId,
  result,
  sending,
}: {
  milestone: Milestone;
  channel: Channel;
  // The previewed language: the test reads exactly like the preview.
  locale: string;
  shipmentId: string;
  result: FormResult | null;
  sending: boolean;
}) {
  const [to, setTo] = useState("");
  const isEmail = channel === "email";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="test-send" />
      <input type="hidden" name="milestone" value={milestone} />
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <input type="hidden" name="locale" value={locale} />
      <FormLayout>
        <Text as="h3" variant="headingSm">
          Send me a test
        </Text>
        <TextField
          label={isEmail ? "Your email address" : "Your mobile number"}
          name="to"
          type={isEmail ? "email" : "tel"}
          value={to}
          onChange={setTo}
          placeholder={isEmail ? "you@yourstore.com" : "+14155550134"}
          helpText={
            isEmail
              ? "Sent through your email provider, as previewed, with [Test] in the subject."
              : "With the country code. Sent through your SMS provider, as previewed."
          }
          error={result?.fieldErrors.to}
          autoComplete={isEmail ? "email" : "tel"}
        />
        <FormResultBanner result={result} success="Test sent" failure="The test was not sent">
          <p>
            Provider message id: <code data-provider-message-id>{result?.providerMessageId}</code>
          </p>
        </FormResultBanner>
        <Button submit loading={sending}>
          Send me a test
        </Button>
      </FormLayout>
    </Form>
  );
}
