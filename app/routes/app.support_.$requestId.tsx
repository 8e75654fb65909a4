import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { ActionResultBanner } from "../components/ActionResultBanner";
import { AddNoteForm, InternalNotesList } from "../components/InternalNotes";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { RequestHandlingCard } from "../components/RequestHandlingCard";
import { RequestShipmentCard } from "../components/RequestShipmentCard";
import { EscalationBadge, SupportStatusBadge } from "../components/SupportBadges";
import { Timestamp } from "../components/Timestamp";
import { pageMeta } from "../lib/page-title";
import type { ActionResult } from "../models/action-result";
import { getShop } from "../models/shop.server";
import { runSupportRequestAction } from "../models/support-request-actions.server";
import { getSupportRequest, listSupportAssignees } from "../models/support.server";
import { helpReasonLabel } from "../models/support-labels";
import { requireAdminContext } from "../services/admin-context.server";

// `support_` keeps this page out of the Support list's layout: it replaces the list instead of nesting in it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const [helpRequest, assignees, shopRow] = await Promise.all([
    getSupportRequest({ shop, requestId: params.requestId ?? "" }),
    listSupportAssignees({ shop }),
    getShop({ shop }),
  ]);
  if (!helpRequest) throw new Response(null, { status: 404 });
  return { helpRequest, assignees, timeZone: shopRow?.timezone ?? "UTC" };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    data?.helpRequest.order ? `Help request ${data.helpRequest.order.name}` : "Help request",
    "Support",
  );

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const result = await runSupportRequestAction({
    shop,
    requestId: params.requestId ?? "",
    form: await request.formData(),
  });
  if (!result) throw new Response(null, { status: 404 });
  return result;
}

export default function SupportRequestPage() {
  const { helpRequest, assignees, timeZone } = useLoaderData<typeof loader>();
  const resolve = useFetcher<ActionResult | null>({ key: `resolve-${helpRequest.id}` });
  const resolved = helpRequest.status === "resolved";
  return (
    <Page
      title={`${helpReasonLabel(helpRequest.reason)} · ${helpRequest.order?.name ?? "Order removed"}`}
      titleMetadata={<SupportStatusBadge status={helpRequest.status} />}
      backAction={{ content: "Support", url: "/app/support" }}
      primaryAction={
        resolved
          ? undefined
          : {
              content: "Resolve",
              loading: resolve.state !== "idle",
              onAction: () => resolve.submit({ intent: "resolve" }, { method: "post" }),
            }
      }
    >
      <BlockStack gap="400">
        <ActionResultBanner result={resolve.data} timeZone={timeZone} />
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    What the shopper said
                  </Text>
                  {helpRequest.escalation ? (
                    <InlineStack>
                      <EscalationBadge escalation={helpRequest.escalation} />
                    </InlineStack>
                  ) : null}
                  <Text as="p" breakWord>
                    {helpRequest.message ? `“${helpRequest.message}”` : "No message."}
                  </Text>
                  <Text as="p" tone="subdued">
                    Received <Timestamp value={helpRequest.createdAt} timeZone={timeZone} />
                    {helpRequest.resolvedAt ? (
                      <>
                        {" · Resolved "}
                        <Timestamp value={helpRequest.resolvedAt} timeZone={timeZone} />
                      </>
                    ) : null}
                  </Text>
                  {helpRequest.contactEmail ? (
                    <Text as="p">
                      Answer to: <a href={`mailto:${helpRequest.contactEmail}`}>{helpRequest.contactEmail}</a>
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
              <RequestShipmentCard shipment={helpRequest.shipment} timeZone={timeZone} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <RequestHandlingCard
                key={`${helpRequest.status}-${helpRequest.assignee ?? ""}`}
                status={helpRequest.status}
                assignee={helpRequest.assignee}
                assignees={assignees}
                timeZone={timeZone}
              />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Internal notes
                  </Text>
                  <InternalNotesList notes={helpRequest.notes} timeZone={timeZone} />
                  <AddNoteForm requests={[{ id: helpRequest.id, label: "" }]} timeZone={timeZone} />
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary title="Help request" />;
}
