import { Button } from "@shopify/polaris";
import { useState } from "react";
import type { CsvTable } from "../../services/analytics-csv";
import type { StatsFilters } from "../../models/delivery-stats/report-types";
import { downloadCsv } from "./download-csv";

export function csvExportUrl(table: CsvTable, filters: StatsFilters): string {
  const params = new URLSearchParams({ table, from: filters.from, to: filters.to });
  for (const key of ["carrier", "service", "destination"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return `/app/carriers/csv?${params}`;
}

export function ExportCsvButton({
  table,
  title,
  filters,
}: {
  table: CsvTable;
  title: string;
  filters: StatsFilters;
}) {
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  const exportTable = async () => {
    setState("loading");
    try {
      await downloadCsv(csvExportUrl(table, filters));
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  const text = state === "failed" ? "Export failed, retry" : "Export CSV";
  return (
    <Button
      size="slim"
      onClick={exportTable}
      loading={state === "loading"}
      tone={state === "failed" ? "critical" : undefined}
      // The visible text first, then which table: "Export CSV: by carrier" (WCAG 2.5.3, label in name).
      accessibilityLabel={`${text}: ${title.charAt(0).toLowerCase()}${title.slice(1)}`}
    >
      {text}
    </Button>
  );
}
