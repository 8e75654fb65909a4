import { Banner } from "@shopify/polaris";

// What a bulk action did, in numbers, above the list.
export type BulkActionOutcome =
  | { intent: "recheck"; queued: number; skipped: number }
  | { intent: "resolve"; resolved: number; selected: number }
  | { intent: "export"; failed: true }
  | { intent: "invalid"; message: string };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function bulkActionMessage(outcome: BulkActionOutcome): {
  tone: "success" | "warning" | "critical";
  title: string;
  detail?: string;
} {
  switch (outcome.intent) {
    case "recheck":
      return {
        tone: outcome.queued ? "success" : "warning",
        title: `${plural(outcome.queued, "shipment", "shipments")} queued for a carrier check now`,
        detail: outcome.skipped
          ? `${plural(outcome.skipped, "shipment was", "shipments were")} skipped: delivered, returned or without a tracking number.`
          : undefined,
      };
    case "resolve":
      return {
        tone: outcome.resolved ? "success" : "warning",
        title: `${plural(outcome.resolved, "problem", "problems")} marked resolved`,
        detail:
          outcome.selected > outcome.resolved
            ? `${plural(outcome.selected - outcome.resolved, "selected shipment has", "selected shipments have")} no open problem.`
            : undefined,
      };
    case "export":
      return { tone: "critical", title: "The CSV export failed. Try again." };
    case "invalid":
      return { tone: "critical", title: outcome.message };
  }
}

export function BulkActionBanner({
  outcome,
  onDismiss,
}: {
  outcome: BulkActionOutcome | null;
  onDismiss: () => void;
}) {
  if (!outcome) return null;
  const { tone, title, detail } = bulkActionMessage(outcome);
  return (
    <div role="status" data-bulk-result={outcome.intent}>
      <Banner tone={tone} title={title} onDismiss={onDismiss}>
        {detail ? <p>{detail}</p> : null}
      </Banner>
    </div>
  );
}
