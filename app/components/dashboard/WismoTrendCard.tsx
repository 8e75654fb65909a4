import { BlockStack, Card, InlineGrid, Link, Text } from "@shopify/polaris";
import { formatPer100, formatWeek } from "../../lib/performance-format";
import { Sparkline } from "./Sparkline";

export type WismoWeekView = {
  week: string;
  orders: number;
  lookups: number;
  helpRequests: number;
  lookupsPer100Orders: number | null;
  helpRequestsPer100Orders: number | null;
};

const SERIES = [
  {
    id: "lookups",
    label: "Tracking page lookups",
    colour: "#2c6ecb",
    per100: (week: WismoWeekView) => week.lookupsPer100Orders,
    count: (week: WismoWeekView) => week.lookups,
  },
  {
    id: "help-requests",
    label: "Help requests",
    colour: "#b98900",
    per100: (week: WismoWeekView) => week.helpRequestsPer100Orders,
    count: (week: WismoWeekView) => week.helpRequests,
  },
] as const;

// Where-is-my-order load: fewer lookups and help requests per 100 orders mean shoppers already know.
export function WismoTrendCard({ weeks, updatedAt }: { weeks: WismoWeekView[]; updatedAt: Date | null }) {
  const orders = weeks.reduce((total, week) => total + week.orders, 0);
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Where-is-my-order load
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            Per 100 orders, by the week they were placed, last {weeks.length} weeks.
          </Text>
        </BlockStack>
        {orders === 0 ? (
          <Text as="p" tone="subdued">
            {updatedAt
              ? "No orders in these weeks yet: the trend fills in as orders arrive."
              : "The first figures appear once Parcelwise has summed up your orders, within the hour."}
          </Text>
        ) : (
          <>
            {SERIES.map((series) => {
              const total = weeks.reduce((sum, week) => sum + series.count(week), 0);
              return (
                <InlineGrid key={series.id} columns={{ xs: "1fr 1fr" }} gap="300" alignItems="center">
                  <BlockStack gap="050">
                    <Text as="h3" variant="headingSm">
                      {series.label}
                    </Text>
                    <Text as="p" variant="headingLg" id={`wismo-${series.id}`}>
                      {formatPer100(Math.round((total / orders) * 1000) / 10)}
                    </Text>
                    <Text as="p" variant="bodySm" tone="subdued">
                      per 100 orders over the {weeks.length} weeks
                    </Text>
                  </BlockStack>
                  <Sparkline values={weeks.map(series.per100)} colour={series.colour} />
                </InlineGrid>
              );
            })}
            <details>
              <summary style={{ cursor: "pointer" }}>
                <Text as="span">Week by week</Text>
              </summary>
              <div style={{ paddingBlockStart: "var(--p-space-200)", overflowX: "auto" }}>
                <table
                  style={{
                    inlineSize: "100%",
                    borderCollapse: "collapse",
                    fontSize: "var(--p-font-size-300)",
                  }}
                >
                  <thead>
                    <tr>
                      <th scope="col" style={CELL_START}>
                        Week of
                      </th>
                      <th scope="col" style={CELL_END}>
                        Orders
                      </th>
                      <th scope="col" style={CELL_END}>
                        Lookups / 100
                      </th>
                      <th scope="col" style={CELL_END}>
                        Help / 100
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {weeks.map((week) => (
                      <tr key={week.week}>
                        <th scope="row" style={{ ...CELL_START, fontWeight: "normal" }}>
                          {formatWeek(week.week)}
                        </th>
                        <td style={CELL_END}>{week.orders}</td>
                        <td style={CELL_END}>{formatPer100(week.lookupsPer100Orders)}</td>
                        <td style={CELL_END}>{formatPer100(week.helpRequestsPer100Orders)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
        <Link url="/app/carriers">Carrier performance</Link>
      </BlockStack>
    </Card>
  );
}

const CELL_START = {
  textAlign: "start",
  padding: "var(--p-space-100) var(--p-space-200) var(--p-space-100) 0",
} as const;
const CELL_END = {
  textAlign: "end",
  padding: "var(--p-space-100) 0 var(--p-space-100) var(--p-space-200)",
} as const;
