import { Badge, InlineStack, Text } from "@shopify/polaris";
import { laneLeaders } from "../../lib/lane-leaders";
import { carrierLabel, destinationLabel } from "../../lib/performance-labels";
import type { CarrierPerformanceReport } from "../../models/delivery-stats/report-types";
import { FiguresTable, type FiguresRow } from "./FiguresTable";

// Carrier against carrier where both deliver to the same destination: the fair comparison for choosing one.
export function LanesTable({ report }: { report: CarrierPerformanceReport }) {
  const rows: FiguresRow[] = report.lanes.flatMap((lane) => {
    const leaders = laneLeaders(lane.carriers);
    return lane.carriers.map(({ carrier, figures }) => ({
      id: `${lane.country}-${lane.region}/${carrier}`,
      keys: [
        destinationLabel(lane),
        <InlineStack key="carrier" gap="100" blockAlign="center" wrap={false}>
          <Text as="span">{carrierLabel(carrier)}</Text>
          {leaders.bestOnTime.includes(carrier) ? (
            <span data-lane-leader="on-time">
              <Badge tone="success">Best on time</Badge>
            </span>
          ) : null}
          {leaders.fastest.includes(carrier) ? (
            <span data-lane-leader="fastest">
              <Badge tone="info">Fastest</Badge>
            </span>
          ) : null}
        </InlineStack>,
      ],
      figures,
    }));
  });
  return (
    <FiguresTable
      table="lanes"
      title="Carrier vs carrier, same destination"
      description="Destinations two or more carriers delivered to in this range."
      keyHeadings={["Destination", "Carrier"]}
      columns={["shipments", "delivered", "onTime", "transitMedian", "transitP90", "exceptions", "lost"]}
      rows={rows}
      filters={report.filters}
      emptyText="No destination had parcels from two carriers in this range."
    />
  );
}
