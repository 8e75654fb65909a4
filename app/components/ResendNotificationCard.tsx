import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { ActionResult } from "../models/action-result";
import { ActionResultBanner } from "./ActionResultBanner";
import { channelLabel, milestoneLabel } from "./notification-labels";

export type ResendChoice = { milestone: string; channel: string; lastStatus: string | null };

// Send one of the shipment's messages again, as a new message the guardrails judge like any other.
export function ResendNotificationCard({ options, timeZone }: { options: ResendChoice[]; timeZone: string }) {
  const fetcher = useFetcher<ActionResult | null>();
  const values = options.map((option) => `${option.milestone}:${option.channel}`);
  const [message, setMessage] = useState(values[0] ?? "");
  const chosen = values.includes(message) ? message : (values[0] ?? "");
  const result = fetcher.data?.intent === "resend" ? fetcher.data : null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Send a message again
        </Text>
        {options.length === 0 && !result ? (
          <Text as="p" tone="subdued">
            Nothing to send again: no message yet, the parcel has moved past them, or one is on its way.
          </Text>
        ) : null}
        {options.length > 0 ? (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="resend" />
            <InlineStack gap="200" blockAlign="end" wrap>
              <div style={{ minWidth: "12rem", flex: "1 1 12rem" }}>
                <Select
                  label="Message"
                  name="message"
                  helpText="Quiet hours, the daily limit and the shopper's opt-outs still apply."
                  options={options.map((option) => ({
                    label: `${milestoneLabel(option.milestone)} · ${channelLabel(option.channel)}${
                      option.lastStatus ? ` (last: ${option.lastStatus})` : ""
                    }`,
                    value: `${option.milestone}:${option.channel}`,
                  }))}
                  value={chosen}
                  onChange={setMessage}
                />
              </div>
              <Button submit loading={fetcher.state !== "idle"}>
                Send again
              </Button>
            </InlineStack>
          </fetcher.Form>
        ) : null}
        <ActionResultBanner result={result} timeZone={timeZone} />
      </BlockStack>
    </Card>
  );
}
