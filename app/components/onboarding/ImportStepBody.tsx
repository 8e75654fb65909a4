import { Form } from "@remix-run/react";
import { BlockStack, Button, ProgressBar, Text } from "@shopify/polaris";
import { formatDay } from "../../lib/format";
import { progressPercent } from "../SyncStatusCard";

export type ImportRunView = {
  status: string;
  objectCount: number;
  processedLines: number;
  ordersApplied: number;
  error: string | null;
  finishedAt: Date | null;
};

const count = (value: number) => value.toLocaleString("en");

export function ImportStepBody({ run, starting }: { run: ImportRunView | null; starting: boolean }) {
  const active = run?.status === "running" || run?.status === "pending";
  return (
    <BlockStack gap="300">
      <Text as="p">
        Parcelwise reads your last 60 days of orders and their fulfillments from Shopify, then follows every
        parcel with its carrier. New orders arrive on their own from then on.
      </Text>
      {run ? (
        <BlockStack gap="200">
          <Text as="p" id="import-progress-label" tone={run.status === "failed" ? "critical" : undefined}>
            {run.status === "completed"
              ? `${count(run.ordersApplied)} orders imported${run.finishedAt ? ` on ${formatDay(run.finishedAt)}` : ""}.`
              : run.status === "failed"
                ? `The import stopped: ${run.error ?? "Shopify did not finish the export"}.`
                : `Importing… ${count(run.ordersApplied)} orders imported${
                    run.objectCount
                      ? ` · ${count(run.processedLines)} of ${count(run.objectCount)} records`
                      : " · waiting for Shopify's export"
                  }`}
          </Text>
          <ProgressBar
            progress={progressPercent(run)}
            size="small"
            tone={run.status === "failed" ? "critical" : run.status === "completed" ? "success" : "primary"}
            ariaLabelledBy="import-progress-label"
          />
        </BlockStack>
      ) : null}
      {run?.status === "completed" ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="backfill" />
          <Button submit variant="primary" disabled={active} loading={starting}>
            {run?.status === "failed"
              ? "Try the import again"
              : active
                ? "Importing…"
                : "Import the last 60 days"}
          </Button>
        </Form>
      )}
    </BlockStack>
  );
}
