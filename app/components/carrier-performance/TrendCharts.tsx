import { InlineGrid } from "@shopify/polaris";
import { LineChart } from "@shopify/polaris-viz";
import type { CarrierPerformanceReport } from "../../models/delivery-stats/report-types";
import { ChartCard } from "./ChartCard";
import {
  daysAxis,
  ON_TIME,
  percentAxis,
  seriesOf,
  TRANSIT_MEDIAN,
  TRANSIT_P90,
  weeklyRows,
} from "./chart-series";

export function TrendCharts({ weekly }: { weekly: CarrierPerformanceReport["weekly"] }) {
  const rows = weeklyRows(weekly);
  const onTime = seriesOf(rows, [ON_TIME]);
  const transit = seriesOf(rows, [TRANSIT_MEDIAN, TRANSIT_P90]);
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <ChartCard
        id="weekly-on-time"
        title="On-time rate by week"
        caption="Orders placed that week"
        data={onTime}
        keyHeading="Week of"
        formatValue={percentAxis}
      >
        {() => <LineChart data={onTime} yAxisOptions={{ labelFormatter: percentAxis }} />}
      </ChartCard>
      <ChartCard
        id="weekly-transit"
        title="Transit time by week"
        caption="First carrier scan to delivered"
        data={transit}
        keyHeading="Week of"
        formatValue={daysAxis}
      >
        {() => <LineChart data={transit} yAxisOptions={{ labelFormatter: daysAxis }} />}
      </ChartCard>
    </InlineGrid>
  );
}
