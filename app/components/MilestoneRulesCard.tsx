import { BlockStack, Box, Card, Checkbox, DataTable, Text } from "@shopify/polaris";
import { createContext, useContext, useMemo, useState } from "react";
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

type RulesState = {
  rules: Record<Milestone, MilestoneRule>;
  setEnabled: (milestone: Milestone, enabled: boolean) => void;
  setChannel: (milestone: Milestone, channel: Channel, on: boolean) => void;
};

const RulesContext = createContext<RulesState | null>(null);

function useRules(): RulesState {
  const state = useContext(RulesContext);
  if (!state) throw new Error("MilestoneRulesCard's cells render inside it");
  return state;
}

// Part of the notification rules form (NotificationRulesForm): which milestones go out, on which channels.
export function MilestoneRulesCard({ milestones }: { milestones: Record<Milestone, MilestoneRule> }) {
  const [rules, setRules] = useState(milestones);
  const state = useMemo<RulesState>(
    () => ({
      rules,
      setEnabled: (milestone, enabled) =>
        setRules((current) => ({ ...current, [milestone]: { ...current[milestone], enabled } })),
      setChannel: (milestone, channel, on) =>
        setRules((current) => {
          const others = current[milestone].channels.filter((existing) => existing !== channel);
          return {
            ...current,
            [milestone]: { ...current[milestone], channels: on ? [...others, channel] : others },
          };
        }),
    }),
    [rules],
  );
  // Built once: Polaris' DataTable measures every cell again whenever its rows change, which made each tick slow
  // on a phone (INP). The cells read the ticks from context instead, so a tick re-renders only its own cells.
  const rows = useMemo(
    () =>
      MILESTONE_ORDER.map((milestone) => [
        <EnabledCell key="enabled" milestone={milestone} />,
        ...CHANNEL_ORDER.map((channel) => (
          <ChannelCell key={channel} milestone={milestone} channel={channel} />
        )),
      ]),
    [],
  );

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
          <RulesContext.Provider value={state}>
            <DataTable
              columnContentTypes={["text", "text", "text"]}
              headings={["Message", ...CHANNEL_ORDER.map((channel) => CHANNEL_LABELS[channel])]}
              rows={rows}
            />
          </RulesContext.Provider>
        </div>
      </BlockStack>
    </Card>
  );
}

function EnabledCell({ milestone }: { milestone: Milestone }) {
  const { rules, setEnabled } = useRules();
  const rule = rules[milestone];
  return (
    <div>
      <Checkbox
        label={MILESTONE_LABELS[milestone]}
        helpText={MILESTONE_HELP[milestone]}
        checked={rule.enabled}
        onChange={(checked) => setEnabled(milestone, checked)}
      />
      <HiddenFlag name={`${milestone}.enabled`} on={rule.enabled} />
    </div>
  );
}

function ChannelCell({ milestone, channel }: { milestone: Milestone; channel: Channel }) {
  const { rules, setChannel } = useRules();
  const rule = rules[milestone];
  const on = rule.channels.includes(channel);
  return (
    <div>
      <Checkbox
        label={`${MILESTONE_LABELS[milestone]} by ${CHANNEL_LABELS[channel]}`}
        labelHidden
        disabled={!rule.enabled}
        checked={on}
        onChange={(checked) => setChannel(milestone, channel, checked)}
      />
      <HiddenFlag name={`${milestone}.${channel}`} on={on} />
    </div>
  );
}
