import { InlineGrid } from "@shopify/polaris";
import { BarChart, LineChart } from "@shopify/polaris-viz";
import type { CarrierPerformanceReport } from "../../models/delivery-stats/report-types";
import { ChartCard } from "./ChartCard";
import { monthlyRows, ON_TIME, ORDERS, percentAxis, seriesOf } from "./chart-series";

// The twelve months up to the range's end, whatever the range: does delivery hold up when orders peak?
export function PeakSeasonCharts({ monthly }: { monthly: CarrierPerformanceReport["monthly"] }) {
  const rows = monthlyRows(monthly);
  const orders = seriesOf(rows, [ORDERS]);
  const onTime = seriesOf(rows, [ON_TIME]);
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <ChartCard
        id="monthly-orders"
        title="Orders by month"
        caption="The last twelve months"
        data={orders}
        keyHeading="Month"
      >
        {() => <BarChart data={orders} yAxisOptions={{ integersOnly: true }} />}
      </ChartCard>
      <ChartCard
        id="monthly-on-time"
        title="On-time rate by month"
        caption="The last twelve months"
        data={onTime}
        keyHeading="Month"
        formatValue={percentAxis}
      >
        {() => <LineChart data={onTime} yAxisOptions={{ labelFormatter: percentAxis }} />}
      </ChartCard>
    </InlineGrid>
  );
}
