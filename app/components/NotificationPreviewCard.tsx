import { Form } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, FormLayout, Link, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { Channel, Milestone } from "../models/notification-rules";
import type { RenderedEmail, RenderedSms } from "../services/notifications/templates/types";
import { CHANNEL_LABELS, CHANNEL_ORDER, MILESTONE_LABELS, MILESTONE_ORDER } from "./notification-labels";
import type { FormResult } from "./FormResultBanner";
import { TestSendForm } from "./TestSendForm";

export const PREVIEW_LANGUAGES = [
  { label: "English", value: "en" },
  { label: "Français", value: "fr" },
  { label: "Deutsch", value: "de" },
  { label: "Español", value: "es" },
] as const;

export type PreviewChoice = { milestone: Milestone; channel: Channel; locale: string };

export type PreviewView =
  | {
      ok: true;
      rendered: RenderedEmail | RenderedSms;
      shipment: { id: string; orderName: string; trackingNumber: string | null };
    }
  | { ok: false; error: string };

const MILESTONE_OPTIONS = MILESTONE_ORDER.map((milestone) => ({
  label: MILESTONE_LABELS[milestone],
  value: milestone,
}));
const CHANNEL_OPTIONS = CHANNEL_ORDER.map((channel) => ({ label: CHANNEL_LABELS[channel], value: channel }));

const preformatted = { whiteSpace: "pre-wrap", margin: 0, fontFamily: "inherit" } as const;

function EmailPreview({ email }: { email: RenderedEmail }) {
  return (
    <BlockStack gap="300">
      <BlockStack gap="100">
        <Text as="p">
          <Text as="span" fontWeight="semibold">
            Subject:
          </Text>{" "}
          <span data-preview-subject>{email.subject}</span>
        </Text>
        <Text as="p" tone="subdued">
          Preview text: {email.preheader}
        </Text>
      </BlockStack>
      {/* An empty sandbox: the email's HTML runs no scripts and cannot reach this page. */}
      <iframe
        title="Email preview"
        sandbox=""
        srcDoc={email.html}
        style={{
          width: "100%",
          height: 640,
          border: "1px solid var(--p-color-border)",
          borderRadius: "var(--p-border-radius-200)",
          background: "#fff",
        }}
      />
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          Plain-text version
        </Text>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <pre style={preformatted} data-preview-text>
            {email.text}
          </pre>
        </Box>
      </BlockStack>
    </BlockStack>
  );
}

function SmsPreview({ sms }: { sms: RenderedSms }) {
  return (
    <BlockStack gap="200">
      <Box background="bg-surface-secondary" padding="300" borderRadius="300" maxWidth="420px">
        <pre style={preformatted} data-preview-sms>
          {sms.body}
        </pre>
      </Box>
      <Text as="p" tone="subdued">
        <span data-preview-segments>
          {sms.segments} {sms.segments === 1 ? "segment" : "segments"}, {sms.encoding}
        </span>
        {sms.encoding === "UCS-2"
          ? " (a character outside the basic SMS alphabet halves what fits in a segment)"
          : null}
      </Text>
    </BlockStack>
  );
}

// The message a shopper would get, rendered with one of the shop's own shipments; the choice travels in the
// URL (?preview=…&channel=…&locale=…) so the loader renders it and the page can be linked.
export function NotificationPreviewCard({
  choice,
  preview,
  testResult,
  sending,
}: {
  choice: PreviewChoice;
  preview: PreviewView | null;
  testResult: FormResult | null;
  sending: boolean;
}) {
  const [milestone, setMilestone] = useState<string>(choice.milestone);
  const [channel, setChannel] = useState<string>(choice.channel);
  const [locale, setLocale] = useState(choice.locale);

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Preview
        </Text>
        <Form method="get">
          <FormLayout>
            <FormLayout.Group>
              <Select
                label="Message"
                name="preview"
                options={MILESTONE_OPTIONS}
                value={milestone}
                onChange={setMilestone}
              />
              <Select
                label="Channel"
                name="channel"
                options={CHANNEL_OPTIONS}
                value={channel}
                onChange={setChannel}
              />
              <Select
                label="Language"
                name="locale"
                options={[...PREVIEW_LANGUAGES]}
                value={locale}
                onChange={setLocale}
              />
            </FormLayout.Group>
            <Button submit>Show preview</Button>
          </FormLayout>
        </Form>
        {preview && !preview.ok ? (
          <Banner tone="warning" title="No preview">
            <p>{preview.error}</p>
          </Banner>
        ) : null}
        {preview?.ok ? (
          <BlockStack gap="400">
            <Text as="p" tone="subdued">
              <span data-preview-shipment>
                Written for order{" "}
                <Link url={`/app/shipments/${preview.shipment.id}`}>{preview.shipment.orderName}</Link>
                {preview.shipment.trackingNumber ? ` (tracking ${preview.shipment.trackingNumber})` : ""}
              </span>
              , one of your recent shipments.
            </Text>
            {preview.rendered.channel === "email" ? (
              <EmailPreview email={preview.rendered} />
            ) : (
              <SmsPreview sms={preview.rendered} />
            )}
            <TestSendForm
              key={`${choice.milestone}-${choice.channel}`}
              milestone={choice.milestone}
              channel={preview.rendered.channel}
              locale={choice.locale}
              shipmentId={preview.shipment.id}
              result={testResult}
              sending={sending}
            />
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
