import { formatMonth, formatWeek } from "../../lib/performance-format";
import { carrierLabel, destinationLabel, serviceLabel } from "../../lib/performance-labels";
import type { CarrierPerformanceReport } from "../../models/delivery-stats/report-types";
import { CARRIER_COLUMNS } from "./figure-columns";
import { FiguresTable } from "./FiguresTable";

type ReportProps = { report: CarrierPerformanceReport };

export function CarrierTable({ report }: ReportProps) {
  return (
    <FiguresTable
      table="carriers"
      title="By carrier"
      description="Transit and on-time are the carrier's part: first scan to delivered, against your promise."
      keyHeadings={["Carrier"]}
      columns={CARRIER_COLUMNS}
      rows={report.byCarrier.map((row) => ({
        id: row.carrier,
        keys: [carrierLabel(row.carrier)],
        figures: row.figures,
      }))}
      filters={report.filters}
    />
  );
}

export function ServiceTable({ report }: ReportProps) {
  return (
    <FiguresTable
      table="services"
      title="By service"
      keyHeadings={["Carrier", "Service"]}
      columns={CARRIER_COLUMNS}
      rows={report.byService.map((row) => ({
        id: `${row.carrier}/${row.service}`,
        keys: [carrierLabel(row.carrier), serviceLabel(row.service)],
        figures: row.figures,
      }))}
      filters={report.filters}
    />
  );
}

export function DestinationTable({ report }: ReportProps) {
  return (
    <FiguresTable
      table="destinations"
      title="By destination"
      description="Where parcels are slow or go wrong, and where shoppers ask most."
      keyHeadings={["Destination"]}
      columns={[
        "orders",
        "delivered",
        "onTime",
        "transitMedian",
        "transitP90",
        "exceptions",
        "lost",
        "helpRequests",
      ]}
      rows={report.byDestination.map((row) => ({
        id: `${row.country}-${row.region}`,
        keys: [destinationLabel(row)],
        figures: row.figures,
      }))}
      filters={report.filters}
    />
  );
}

export function WeeklyTable({ report }: ReportProps) {
  return (
    <FiguresTable
      table="weekly"
      title="Week by week"
      description="Weeks start on Monday; orders count in the week they were placed."
      keyHeadings={["Week of"]}
      columns={[
        "orders",
        "timeToShipMedian",
        "transitMedian",
        "onTime",
        "exceptions",
        "helpRequests",
        "lookups",
      ]}
      rows={report.weekly.map((row) => ({
        id: row.week,
        keys: [formatWeek(row.week)],
        figures: row.figures,
      }))}
      filters={report.filters}
    />
  );
}

export function MonthlyTable({ report }: ReportProps) {
  return (
    <FiguresTable
      table="monthly"
      title="Month by month"
      description="The twelve months up to the end of the range, to see how peak season holds up."
      keyHeadings={["Month"]}
      columns={[
        "orders",
        "timeToShipMedian",
        "transitMedian",
        "transitP90",
        "onTime",
        "exceptions",
        "lookups",
      ]}
      rows={report.monthly.map((row) => ({
        id: row.month,
        keys: [formatMonth(row.month)],
        figures: row.figures,
      }))}
      filters={report.filters}
    />
  );
}
