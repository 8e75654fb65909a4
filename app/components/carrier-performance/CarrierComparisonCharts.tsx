import { InlineGrid } from "@shopify/polaris";
import { BarChart } from "@shopify/polaris-viz";
import type { CarrierPerformanceReport } from "../../models/delivery-stats/report-types";
import { ChartCard } from "./ChartCard";
import {
  carrierRows,
  daysAxis,
  ON_TIME,
  percentAxis,
  seriesOf,
  TRANSIT_MEDIAN,
  TRANSIT_P90,
} from "./chart-series";

export function CarrierComparisonCharts({ byCarrier }: { byCarrier: CarrierPerformanceReport["byCarrier"] }) {
  const rows = carrierRows(byCarrier);
  const onTime = seriesOf(rows, [ON_TIME]);
  const transit = seriesOf(rows, [TRANSIT_MEDIAN, TRANSIT_P90]);
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <ChartCard
        id="carrier-on-time"
        title="On-time rate by carrier"
        caption="Against the first promised window"
        data={onTime}
        keyHeading="Carrier"
        formatValue={percentAxis}
      >
        {() => <BarChart data={onTime} yAxisOptions={{ labelFormatter: percentAxis }} />}
      </ChartCard>
      <ChartCard
        id="carrier-transit"
        title="Transit time by carrier"
        caption="Half, and nine in ten, arrived within"
        data={transit}
        keyHeading="Carrier"
        formatValue={daysAxis}
      >
        {() => <BarChart data={transit} yAxisOptions={{ labelFormatter: daysAxis }} />}
      </ChartCard>
    </InlineGrid>
  );
}
