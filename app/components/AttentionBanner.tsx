import { Banner, BlockStack, Text } from "@shopify/polaris";
import { formatDay } from "../lib/format";
import type { AttentionSummary } from "../models/needs-attention.server";

// A shipment's open problem on its page: what it is, who can act, and the suggested next step.
export function AttentionBanner({ attention }: { attention: AttentionSummary }) {
  const tone = attention.kind === "lost" || attention.kind === "exception" ? "critical" : "warning";
  const facts = [
    attention.ownerLabel ? `Who can act: ${attention.ownerLabel}` : null,
    attention.since ? `Since ${formatDay(attention.since)}` : null,
  ].filter(Boolean);
  return (
    <Banner tone={tone} title={`Needs attention: ${attention.kindLabel}`}>
      <BlockStack gap="100">
        {attention.reasonLabel ? <Text as="p">{attention.reasonLabel}</Text> : null}
        {facts.length ? (
          <Text as="p" tone="subdued">
            {facts.join(" · ")}
          </Text>
        ) : null}
        <Text as="p" fontWeight="semibold">
          Next step: {attention.nextStep}
        </Text>
      </BlockStack>
    </Banner>
  );
}
