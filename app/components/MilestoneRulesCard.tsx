import { BlockStack, Box, Card, Checkbox, DataTable, Text } from "@shopify/polaris";
import { useState } from "react";
import type { Channel, Milestone, MilestoneRule } from "../models/notification-rules";
import { CHANNEL_LABELS, CHANNEL_ORDER, MILESTONE_LABELS, MILESTONE_ORDER } from "./notification-labels";

const MILESTONE_HELP: Partial<Record<Milestone, string>> = {
  order_confirmed: "Off by default: Shopify already sends an order confirmation.",
  in_transit_update:
    "Only when something meaningful happens, like customs or a hand-over to the local carrier.",
  delayed: "A later delivery estimate, bad weather, or no scan for longer than usual.",
  exception: "A missed delivery, a damaged or returned parcel, an address problem.",
};

// Controlled checkboxes post nothing when unticked, so every choice travels as an explicit hidden field.
function HiddenFlag({ name, on }: { name: string; on: boolean }) {
  return <input type="hidden" name={name} value={on ? "on" : "off"} />;
}

// Part of the notification rules form (NotificationRulesForm): which milestones go out, on which channels.
export function MilestoneRulesCard({ milestones }: { milestones: Record<Milestone, MilestoneRule> }) {
  const [rules, setRules] = useState(milestones);
  const setEnabled = (milestone: Milestone, enabled: boolean) =>
    setRules((current) => ({ ...current, [milestone]: { ...current[milestone], enabled } }));
  const setChannel = (milestone: Milestone, channel: Channel, on: boolean) =>
    setRules((current) => {
      const others = current[milestone].channels.filter((existing) => existing !== channel);
      return {
        ...current,
        [milestone]: { ...current[milestone], channels: on ? [...others, channel] : others },
      };
    });

  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Box paddingInline="400" paddingBlockStart="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              What shoppers hear about
            </Text>
            <Text as="p" tone="subdued">
              Texts only go to shoppers who agreed to receive them, at checkout or on your tracking page.
              Every message links to your tracking page.
            </Text>
          </BlockStack>
        </Box>
        <div data-milestone-rules>
          <DataTable
            columnContentTypes={["text", "text", "text"]}
            headings={["Message", ...CHANNEL_ORDER.map((channel) => CHANNEL_LABELS[channel])]}
            rows={MILESTONE_ORDER.map((milestone) => {
              const rule = rules[milestone];
              const label = MILESTONE_LABELS[milestone];
              return [
                <div key="enabled">
                  <Checkbox
                    label={label}
                    helpText={MILESTONE_HELP[milestone]}
                    checked={rule.enabled}
                    onChange={(checked) => setEnabled(milestone, checked)}
                  />
                  <HiddenFlag name={`${milestone}.enabled`} on={rule.enabled} />
                </div>,
                ...CHANNEL_ORDER.map((channel) => (
                  <div key={channel}>
                    <Checkbox
                      label={`${label} by ${CHANNEL_LABELS[channel]}`}
                      labelHidden
                      disabled={!rule.enabled}
                      checked={rule.channels.includes(channel)}
                      onChange={(checked) => setChannel(milestone, channel, checked)}
                    />
                    <HiddenFlag name={`${milestone}.${channel}`} on={rule.channels.includes(channel)} />
                  </div>
                )),
              ];
            })}
          />
        </div>
      </BlockStack>
    </Card>
  );
}
