import { BlockStack, Box, Card, Text } from "@shopify/polaris";
import { PolarisVizProvider, type DataSeries } from "@shopify/polaris-viz";
import { useRef, type ReactNode } from "react";
import { useOutOfTabOrder } from "../../lib/use-out-of-tab-order";
import { ClientOnly } from "./ClientOnly";

const CHART_HEIGHT = 260;
// What Tab could stop on inside a chart: controls, anything with a tabindex, and any SVG element (Chromium lets
// Tab stop on an SVG element that has a focus listener, as polaris-viz's bars and lines do, tabindex or not).
const CHART_TAB_STOPS = "a[href], button, input, select, textarea, [tabindex], svg *";

// A titled card holding one chart, the same height before and after the chart draws so the page does not jump.
//
// The chart is a picture for the eye: assistive technology gets the same figures as a table instead (`data`,
// the series the chart draws), since polaris-viz's own markup does not hold together for it (its legend is a
// list of buttons, a line's points are images without a name). The drawing is hidden from it and kept out of
// the Tab order (hidden content must not take focus); the pointer still gets the chart's tooltips.
export function ChartCard({
  id,
  title,
  caption,
  data,
  keyHeading,
  formatValue = String,
  children,
}: {
  id: string;
  title: string;
  caption?: string;
  data: DataSeries[];
  // The heading of the table's first column: what each point of the chart is (a carrier, a week…).
  keyHeading: string;
  formatValue?: (value: number) => string;
  children: () => ReactNode;
}) {
  const drawing = useRef<HTMLDivElement>(null);
  useOutOfTabOrder(drawing, CHART_TAB_STOPS);
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          {caption ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {caption}
            </Text>
          ) : null}
        </BlockStack>
        <div data-chart={id} aria-hidden="true" ref={drawing} style={{ height: CHART_HEIGHT }}>
          <ClientOnly fallback={null}>
            {() => <PolarisVizProvider>{children()}</PolarisVizProvider>}
          </ClientOnly>
        </div>
        <ChartFigures title={title} data={data} keyHeading={keyHeading} formatValue={formatValue} />
      </BlockStack>
    </Card>
  );
}

// The chart's figures as a table that only assistive technology reads: one row per point, one column per series.
function ChartFigures({
  title,
  data,
  keyHeading,
  formatValue,
}: {
  title: string;
  data: DataSeries[];
  keyHeading: string;
  formatValue: (value: number) => string;
}) {
  const keys = [...new Set(data.flatMap((series) => series.data.map((point) => String(point.key))))];
  const valueAt = (series: DataSeries, key: string) => {
    const value = series.data.find((point) => String(point.key) === key)?.value;
    return typeof value === "number" ? formatValue(value) : "No data";
  };
  return (
    <Box visuallyHidden>
      <table data-chart-figures>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            {data.map((series) => (
              <th key={series.name} scope="col">
                {series.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              {data.map((series) => (
                <td key={series.name}>{valueAt(series, key)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}
