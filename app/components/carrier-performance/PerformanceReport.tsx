import { BlockStack, Layout, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { CarrierPerformanceReport } from "../../models/delivery-stats/report-types";
import { CarrierTable, DestinationTable, MonthlyTable, ServiceTable, WeeklyTable } from "./BreakdownTables";
import { CarrierComparisonCharts } from "./CarrierComparisonCharts";
import { HeadlineMetrics } from "./HeadlineMetrics";
import { LanesTable } from "./LanesTable";
import { PeakSeasonCharts } from "./PeakSeasonCharts";
import { TrendCharts } from "./TrendCharts";

// The report under the filter bar, in the order a merchant asks: how are we doing, which carrier, where,
// getting better or worse, and does it hold at peak.
export function PerformanceReport({ report }: { report: CarrierPerformanceReport }) {
  return (
    <Layout>
      <Layout.Section>
        <HeadlineMetrics now={report.totals} before={report.previous} />
      </Layout.Section>
      <ReportSection title="Carrier against carrier">
        <CarrierComparisonCharts byCarrier={report.byCarrier} />
        <CarrierTable report={report} />
        <LanesTable report={report} />
        <ServiceTable report={report} />
      </ReportSection>
      <ReportSection title="Where parcels go">
        <DestinationTable report={report} />
      </ReportSection>
      <ReportSection title="Week over week">
        <TrendCharts weekly={report.weekly} />
        <WeeklyTable report={report} />
      </ReportSection>
      <ReportSection title="Peak season">
        <PeakSeasonCharts monthly={report.monthly} />
        <MonthlyTable report={report} />
      </ReportSection>
    </Layout>
  );
}

function ReportSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Layout.Section>
      <BlockStack gap="400">
        <Text as="h2" variant="headingLg">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Layout.Section>
  );
}
