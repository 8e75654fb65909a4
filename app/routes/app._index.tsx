import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Layout, Page, Text } from "@shopify/polaris";
import { PageBusy } from "../components/PageBusy";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { AttentionQueueCard } from "../components/dashboard/AttentionQueueCard";
import { SetupProgressCard } from "../components/dashboard/SetupProgressCard";
import { TodayNumbers } from "../components/dashboard/TodayNumbers";
import { WismoTrendCard } from "../components/dashboard/WismoTrendCard";
import { formatDay } from "../lib/format";
import { pageMeta } from "../lib/page-title";
import { getDashboardSummary, todayTiles } from "../models/dashboard.server";
import { getWismoTrend } from "../models/dashboard-wismo.server";
import { listNeedsAttention } from "../models/needs-attention.server";
import { getOnboarding, isFreshInstall, nextSetupStep } from "../models/onboarding.server";
import { requireAdminContext } from "../services/admin-context.server";

const QUEUE_ROWS = 6;

export const meta = () => pageMeta("Dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const [onboarding, summary, queue, wismo] = await Promise.all([
    getOnboarding({ shop }),
    getDashboardSummary({ shop }),
    listNeedsAttention({ shop, limit: QUEUE_ROWS }),
    getWismoTrend({ shop }),
  ]);
  // Right after install there is nothing to show yet: the admin opens on the setup checklist instead.
  if (!onboarding.complete && !onboarding.steps.importOrders.run && (await isFreshInstall({ shop }))) {
    throw redirect(`/app/onboarding${new URL(request.url).search}`);
  }
  return {
    summary,
    tiles: todayTiles(summary),
    setup: onboarding.complete
      ? null
      : { done: onboarding.requiredDone, total: onboarding.requiredTotal, next: nextSetupStep(onboarding) },
    queue: queue.items,
    wismo,
  };
}

export default function Dashboard() {
  const { summary, tiles, setup, queue, wismo } = useLoaderData<typeof loader>();
  const needingAttention = Object.values(summary.attention).reduce((total, count) => total + count, 0);
  return (
    <Page
      title="Dashboard"
      subtitle={`Today, ${formatDay(summary.today.day)} · ${summary.today.timeZone.replaceAll("_", " ")}`}
    >
      <PageBusy>
        <BlockStack gap="400">
          {setup ? <SetupProgressCard done={setup.done} total={setup.total} nextStep={setup.next} /> : null}
          {/* On phones Polaris cards run edge to edge; the loose heading, tiles and text keep a margin. */}
          <Box paddingInline={{ xs: "400", sm: "0" }}>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Today
              </Text>
              <TodayNumbers tiles={tiles} />
              <Text as="p" tone="subdued">
                Following{" "}
                <span data-metric="orders">
                  <span data-metric-value>{summary.orders}</span> orders
                </span>{" "}
                and{" "}
                <span data-metric="shipments">
                  <span data-metric-value>{summary.shipments}</span> shipments
                </span>
                .
              </Text>
            </BlockStack>
          </Box>
          <Layout>
            <Layout.Section>
              <AttentionQueueCard
                rows={queue}
                total={needingAttention}
                openHelpRequests={summary.openSupportRequests}
              />
            </Layout.Section>
            <Layout.Section variant="oneThird">
              <WismoTrendCard weeks={wismo.weeks} updatedAt={wismo.updatedAt} />
            </Layout.Section>
          </Layout>
        </BlockStack>
      </PageBusy>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary title="Dashboard" />;
}
