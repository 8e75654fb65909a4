import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { FilterBar } from "../components/carrier-performance/FilterBar";
import { NoDataCard } from "../components/carrier-performance/NoDataCard";
import { PerformanceReport } from "../components/carrier-performance/PerformanceReport";
import { pageMeta } from "../lib/page-title";
import { formatDayRange } from "../lib/performance-format";
import { requireAdminContext } from "../services/admin-context.server";
import { carrierPerformanceForUrl } from "../services/carrier-performance-report.server";

export const meta = () => pageMeta("Carrier performance");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisVizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  return carrierPerformanceForUrl({ shop, url: new URL(request.url) });
}

export default function CarrierPerformance() {
  const { report, today } = useLoaderData<typeof loader>();
  const loading = useNavigation().state === "loading";
  const { filters, totals } = report;
  const filtered = Boolean(filters.carrier || filters.service || filters.destination);

  return (
    <Page
      title="Carrier performance"
      subtitle={`${formatDayRange(filters)}, compared with ${formatDayRange(report.previousRange)}`}
    >
      <BlockStack gap="500">
        {/* Keyed by the filters so its custom dates follow the URL (back button, a shared link). */}
        <FilterBar key={JSON.stringify(filters)} filters={filters} options={report.options} today={today} />
        <div data-report aria-busy={loading} style={{ opacity: loading ? 0.6 : 1 }}>
          {totals.orders > 0 || totals.shipments > 0 ? (
            <PerformanceReport report={report} />
          ) : (
            <NoDataCard
              clearFiltersUrl={filtered ? `/app/carriers?from=${filters.from}&to=${filters.to}` : null}
            />
          )}
        </div>
      </BlockStack>
    </Page>
  );
}
