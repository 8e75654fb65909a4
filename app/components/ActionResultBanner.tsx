import { Banner, Text } from "@shopify/polaris";
import type { ActionResult } from "../models/action-result";
import { Timestamp } from "./Timestamp";

// What one of a page's actions answered, shown next to the form that sent it.
export function ActionResultBanner({
  result,
  timeZone,
  onDismiss,
}: {
  result: ActionResult | null | undefined;
  timeZone: string;
  onDismiss?: () => void;
}) {
  if (!result) return null;
  return (
    <div data-action-result={result.intent}>
      <Banner tone={result.tone} title={result.title} onDismiss={onDismiss}>
        {result.detail ? <Text as="p">{result.detail}</Text> : null}
        {result.at ? (
          <Text as="p" tone="subdued">
            {result.at.label} <Timestamp value={result.at.value} timeZone={timeZone} />
          </Text>
        ) : null}
      </Banner>
    </div>
  );
}
