import { BlockStack, InlineGrid, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import {
  describeChange,
  formatCount,
  formatDays,
  formatHours,
  formatHoursAsDays,
  formatPer100,
  formatPercent,
} from "../../lib/performance-format";
import type { PerformanceFigures } from "../../models/delivery-stats/report-types";
import { DeltaMetricCard } from "./DeltaMetricCard";

const toDays = (hours: number | null) => (hours === null ? null : hours / 24);

function problemsDetail({ problemsByOwner }: PerformanceFigures): string {
  const total = Object.values(problemsByOwner).reduce((sum, count) => sum + count, 0);
  if (total === 0) return "No shipment had a problem";
  return `${formatCount(problemsByOwner.merchant)} of ${formatCount(total)} problems (carrier ${formatCount(problemsByOwner.carrier)}, shopper ${formatCount(problemsByOwner.shopper)}, customs and weather ${formatCount(problemsByOwner.customs + problemsByOwner.weather)})`;
}

function MetricGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        {title}
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
        {children}
      </InlineGrid>
    </BlockStack>
  );
}

// The period's figures at a glance, each against the same-length period before it.
export function HeadlineMetrics({ now, before }: { now: PerformanceFigures; before: PerformanceFigures }) {
  return (
    <BlockStack gap="400">
      <MetricGroup title="Volume and speed">
        <DeltaMetricCard
          id="orders"
          label="Orders"
          value={formatCount(now.orders)}
          detail={`${formatCount(now.shipments)} shipments, ${formatCount(now.delivered)} delivered`}
          change={describeChange(now.orders, before.orders, "count", "neither")}
        />
        <DeltaMetricCard
          id="time_to_ship"
          label="Time to ship (your part)"
          value={formatHoursAsDays(now.timeToShipHours.median)}
          detail={`Median, order to first carrier scan; 9 in 10 within ${formatHoursAsDays(now.timeToShipHours.p90)}`}
          change={describeChange(
            toDays(now.timeToShipHours.median),
            toDays(before.timeToShipHours.median),
            "days",
            "lower",
          )}
        />
        <DeltaMetricCard
          id="transit"
          label="Transit time (carrier's part)"
          value={formatDays(now.transitDays.median)}
          detail={`Median, first scan to delivered; 9 in 10 within ${formatDays(now.transitDays.p90)}`}
          change={describeChange(now.transitDays.median, before.transitDays.median, "days", "lower")}
        />
        <DeltaMetricCard
          id="scan_lag"
          label="Scan freshness"
          value={formatHours(now.scanLagHours)}
          detail="Average delay before a carrier's scan is known"
          change={describeChange(now.scanLagHours, before.scanLagHours, "hours", "lower")}
        />
      </MetricGroup>
      <MetricGroup title="Promises">
        <DeltaMetricCard
          id="on_time_rate"
          label="On time"
          value={formatPercent(now.onTimeRate)}
          detail={`Of ${formatCount(now.promised)} delivered with a promise; ${formatCount(now.late)} late`}
          change={describeChange(now.onTimeRate, before.onTimeRate, "rate", "higher")}
        />
        <DeltaMetricCard
          id="inside_window_rate"
          label="Inside the promised window"
          value={formatPercent(now.insideWindowRate)}
          detail="Neither earlier nor later than promised"
          change={describeChange(now.insideWindowRate, before.insideWindowRate, "rate", "higher")}
        />
        <DeltaMetricCard
          id="promise_error"
          label="Average promise error"
          value={formatDays(now.averagePromiseErrorDays)}
          detail="Days between delivery and the most likely day"
          change={describeChange(
            now.averagePromiseErrorDays,
            before.averagePromiseErrorDays,
            "days",
            "lower",
          )}
        />
        <DeltaMetricCard
          id="first_attempt_rate"
          label="Delivered at first attempt"
          value={formatPercent(now.firstAttemptRate)}
          detail="Of delivered parcels"
          change={describeChange(now.firstAttemptRate, before.firstAttemptRate, "rate", "higher")}
        />
      </MetricGroup>
      <MetricGroup title="Problems">
        <DeltaMetricCard
          id="exception_rate"
          label="Exceptions"
          value={formatPercent(now.exceptionRate)}
          detail="Of shipments"
          change={describeChange(now.exceptionRate, before.exceptionRate, "rate", "lower")}
        />
        <DeltaMetricCard
          id="return_rate"
          label="Returned to sender"
          value={formatPercent(now.returnRate)}
          detail="Of shipments"
          change={describeChange(now.returnRate, before.returnRate, "rate", "lower")}
        />
        <DeltaMetricCard
          id="lost_rate"
          label="Lost"
          value={formatPercent(now.lostRate)}
          detail="Of shipments"
          change={describeChange(now.lostRate, before.lostRate, "rate", "lower")}
        />
        <DeltaMetricCard
          id="merchant_share"
          label="Problems yours to fix"
          value={formatPercent(now.merchantControllableShare)}
          detail={problemsDetail(now)}
          change={describeChange(
            now.merchantControllableShare,
            before.merchantControllableShare,
            "rate",
            "lower",
          )}
        />
      </MetricGroup>
      <MetricGroup title="Where is my order?">
        <DeltaMetricCard
          id="help_requests"
          label="Help requests per 100 orders"
          value={formatPer100(now.helpRequestsPer100Orders)}
          change={describeChange(
            now.helpRequestsPer100Orders,
            before.helpRequestsPer100Orders,
            "per100",
            "lower",
          )}
        />
        <DeltaMetricCard
          id="lookups"
          label="Tracking-page lookups per 100 orders"
          value={formatPer100(now.lookupsPer100Orders)}
          change={describeChange(now.lookupsPer100Orders, before.lookupsPer100Orders, "per100", "lower")}
        />
      </MetricGroup>
    </BlockStack>
  );
}
