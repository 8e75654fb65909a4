import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { SmsProviderView } from "../models/messaging-providers.server";
import { FormResultBanner, type FormResult } from "./FormResultBanner";
import { Timestamp } from "./Timestamp";

// Texts go out through the merchant's own Twilio (or Twilio-compatible) account. Saving looks the account up
// first, so a wrong SID or token shows up here.
export function SmsProviderCard({
  saved,
  defaultBaseUrl,
  inboundWebhookUrl,
  result,
  saving,
}: {
  saved: SmsProviderView | null;
  defaultBaseUrl: string;
  inboundWebhookUrl: string;
  result: FormResult | null;
  saving: boolean;
}) {
  const [baseUrl, setBaseUrl] = useState(saved?.baseUrl ?? defaultBaseUrl);
  const [accountSid, setAccountSid] = useState(saved?.accountSid ?? "");
  const [authToken, setAuthToken] = useState("");
  const [fromNumber, setFromNumber] = useState(saved?.fromNumber ?? "");
  const errors = result?.fieldErrors ?? {};

  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="sms-provider" />
        <FormLayout>
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              SMS provider
            </Text>
            {saved ? <Badge tone="success">Connected</Badge> : <Badge>Not set up</Badge>}
          </InlineStack>
          {saved ? (
            <div data-sms-provider-state>
              <Text as="p">
                Texting from {saved.fromNumber} with the account &ldquo;{saved.accountName}&rdquo; (
                {saved.accountSid}). Checked <Timestamp value={saved.verifiedAt} />.
              </Text>
            </div>
          ) : (
            <Text as="p" tone="subdued">
              Connect your Twilio account. Parcelwise looks the account up to check the settings before saving
              them.
            </Text>
          )}
          <FormResultBanner result={result} success="SMS provider saved" failure="SMS settings not saved" />
          <TextField
            label="API base URL"
            name="baseUrl"
            type="url"
            value={baseUrl}
            onChange={setBaseUrl}
            helpText="Keep the default for Twilio; change it only for a Twilio-compatible provider."
            error={errors.baseUrl}
            autoComplete="off"
          />
          <FormLayout.Group>
            <TextField
              label="Account SID"
              name="accountSid"
              value={accountSid}
              onChange={setAccountSid}
              placeholder="AC…"
              error={errors.accountSid}
              autoComplete="off"
            />
            <TextField
              label="Auth token"
              name="authToken"
              type="password"
              value={authToken}
              onChange={setAuthToken}
              placeholder={saved ? `Unchanged (${saved.authToken})` : undefined}
              helpText={saved ? "Leave empty to keep the saved token." : undefined}
              error={errors.authToken}
              autoComplete="new-password"
            />
          </FormLayout.Group>
          <TextField
            label="From number or Messaging Service SID"
            name="fromNumber"
            value={fromNumber}
            onChange={setFromNumber}
            placeholder="+14155550134 or MG…"
            helpText="A number with its country code, or a Messaging Service SID."
            error={errors.fromNumber}
            autoComplete="off"
          />
          <BlockStack gap="100">
            <Text as="p">
              So shoppers can reply STOP or HELP, set this as the number&apos;s &ldquo;A message comes
              in&rdquo; webhook (HTTP POST) in the Twilio Console:
            </Text>
            <Text as="p" fontWeight="semibold" breakWord>
              <span data-sms-inbound-url>{inboundWebhookUrl}</span>
            </Text>
          </BlockStack>
          <Button submit loading={saving}>
            Check and save SMS settings
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
