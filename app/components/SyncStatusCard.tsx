import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";

export type SyncRunView = {
  status: string;
  objectCount: number;
  processedLines: number;
  ordersApplied: number;
  error: string | null;
};

const TONES: Record<string, "success" | "info" | "critical" | undefined> = {
  completed: "success",
  running: "info",
  pending: "info",
  failed: "critical",
};

// Shopify reports how many objects the export holds; lines applied against it is the import's progress.
export function progressPercent(run: Pick<SyncRunView, "status" | "objectCount" | "processedLines">): number {
  if (run.status === "completed") return 100;
  if (!run.objectCount) return 0;
  return Math.min(99, Math.round((run.processedLines / run.objectCount) * 100));
}

export function SyncStatusCard({ run, busy }: { run: SyncRunView | null; busy: boolean }) {
  const active = run?.status === "running" || run?.status === "pending";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Order history import
          </Text>
          {run ? <Badge tone={TONES[run.status]}>{run.status}</Badge> : null}
        </InlineStack>
        {run ? (
          <BlockStack gap="200">
            <ProgressBar
              progress={progressPercent(run)}
              size="small"
              tone={run.status === "failed" ? "critical" : "primary"}
              ariaLabelledBy="order-import-progress"
            />
            <Text as="p" tone="subdued" id="order-import-progress">
              {run.ordersApplied.toLocaleString("en")} orders imported
              {run.objectCount
                ? ` · ${run.processedLines.toLocaleString("en")} of ${run.objectCount.toLocaleString("en")} records`
                : ""}
            </Text>
            {run.error ? (
              <Text as="p" tone="critical">
                {run.error}
              </Text>
            ) : null}
          </BlockStack>
        ) : (
          <Text as="p">Parcelwise has not imported your recent orders yet.</Text>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="backfill" />
          <Button submit disabled={active} loading={busy}>
            Import the last 60 days
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}
