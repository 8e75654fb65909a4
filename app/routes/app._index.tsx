import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { MetricCard } from "../components/MetricCard";
import { getDashboardSummary } from "../models/dashboard.server";
import { requireAdminContext } from "../services/admin-context.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  return { summary: await getDashboardSummary({ shop }) };
}

export default function Dashboard() {
  const { summary } = useLoaderData<typeof loader>();
  const { byStatus, attention } = summary;
  const inFlight = byStatus.pre_transit + byStatus.in_transit + byStatus.delayed + byStatus.attempted;
  return (
    <Page title="Dashboard">
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
            <MetricCard id="orders" label="Orders" value={summary.orders} />
            <MetricCard id="shipments" label="Shipments" value={summary.shipments} />
            <MetricCard id="in_flight" label="On the way" value={inFlight} />
            <MetricCard id="out_for_delivery" label="Out for delivery" value={byStatus.out_for_delivery} />
            <MetricCard id="delivered" label="Delivered" value={byStatus.delivered} />
            <MetricCard id="late" label="Late" value={attention.late} />
            <MetricCard id="stuck" label="Stuck" value={attention.stuck} />
            <MetricCard id="exception" label="Exceptions" value={byStatus.exception} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Needs attention
              </Text>
              <Text as="p">
                {attention.late + attention.stuck + attention.exception + attention.lost} shipments need a
                look, and {summary.openSupportRequests} help requests are open.{" "}
                <Link url="/app/attention">See what needs attention</Link> ·{" "}
                <Link url="/app/support">See support</Link>
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
