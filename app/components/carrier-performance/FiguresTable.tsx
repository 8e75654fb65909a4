import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { CsvTable } from "../../services/analytics-csv";
import type { PerformanceFigures, StatsFilters } from "../../models/delivery-stats/report-types";
import { ScrollableDataTable } from "../ScrollableDataTable";
import { ExportCsvButton } from "./ExportCsvButton";
import { FIGURE_COLUMNS, type FigureColumn } from "./figure-columns";

export type FiguresRow = { id: string; keys: ReactNode[]; figures: PerformanceFigures };

// One breakdown of the report: its key columns (carrier, destination, week…) then the chosen figures, with the
// table's CSV export for the current filters.
export function FiguresTable({
  table,
  title,
  description,
  keyHeadings,
  columns,
  rows,
  filters,
  emptyText = "Nothing to show for these filters.",
}: {
  table: CsvTable;
  title: string;
  description?: string;
  keyHeadings: string[];
  columns: readonly FigureColumn[];
  rows: FiguresRow[];
  filters: StatsFilters;
  emptyText?: string;
}) {
  return (
    <div data-table={table}>
      <Card padding="0">
        <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
          <InlineStack align="space-between" blockAlign="start" gap="200">
            <BlockStack gap="100">
              <Text as="h2" variant="headingMd">
                {title}
              </Text>
              {description ? (
                <Text as="p" variant="bodySm" tone="subdued">
                  {description}
                </Text>
              ) : null}
            </BlockStack>
            <ExportCsvButton table={table} title={title} filters={filters} />
          </InlineStack>
        </div>
        {rows.length === 0 ? (
          <div style={{ padding: "var(--p-space-400)" }}>
            <Text as="p" tone="subdued">
              {emptyText}
            </Text>
          </div>
        ) : (
          <ScrollableDataTable
            label={title}
            columnContentTypes={[
              ...keyHeadings.map(() => "text" as const),
              ...columns.map(() => "numeric" as const),
            ]}
            headings={[...keyHeadings, ...columns.map((column) => FIGURE_COLUMNS[column].heading)]}
            rows={rows.map((row) => [
              ...row.keys,
              ...columns.map((column) => FIGURE_COLUMNS[column].format(row.figures)),
            ])}
            increasedTableDensity
            hasZebraStripingOnData
          />
        )}
      </Card>
    </div>
  );
}
