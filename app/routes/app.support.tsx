import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Card,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Select,
  Text,
  useBreakpoints,
} from "@shopify/polaris";
import { KeyboardIndexTable } from "../components/KeyboardIndexTable";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { StatusBadge } from "../components/StatusBadge";
import { AttentionKindBadge, EscalationBadge, SupportStatusBadge } from "../components/SupportBadges";
import { formatDay } from "../lib/format";
import { pageMeta } from "../lib/page-title";
import { listSupportAssignees, listSupportRequests, supportListQuerySchema } from "../models/support.server";
import {
  ESCALATION_LABELS,
  ESCALATIONS,
  HELP_REASON_LABELS,
  helpReasonLabel,
  SUPPORT_STATUS_LABELS,
  SUPPORT_STATUSES,
  UNASSIGNED,
} from "../models/support-labels";
import { requireAdminContext } from "../services/admin-context.server";

export const meta = () => pageMeta("Support");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = supportListQuerySchema.safeParse(
    Object.fromEntries(Object.entries(params).filter(([, value]) => value !== "")),
  );
  const query = parsed.success ? parsed.data : supportListQuerySchema.parse({});
  const [page, assignees] = await Promise.all([
    listSupportRequests({ shop, ...query }),
    listSupportAssignees({ shop }),
  ]);
  return { ...page, assignees };
}

const FILTERS = ["status", "reason", "escalation", "assignee"] as const;
type FilterName = (typeof FILTERS)[number];

const STATUS_OPTIONS = [
  { label: "Open and waiting", value: "" },
  ...SUPPORT_STATUSES.map((status) => ({ label: SUPPORT_STATUS_LABELS[status], value: status })),
  { label: "All", value: "all" },
];
const REASON_OPTIONS = [
  { label: "Any reason", value: "" },
  ...Object.entries(HELP_REASON_LABELS).map(([value, label]) => ({ label, value })),
];
const ESCALATION_OPTIONS = [
  { label: "Any", value: "" },
  { label: "Escalated", value: "any" },
  ...ESCALATIONS.map((escalation) => ({ label: ESCALATION_LABELS[escalation], value: escalation })),
];

export default function Support() {
  const { requests, nextCursor, assignees } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { smDown } = useBreakpoints();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, searchParams.get(name) ?? ""])) as Record<
    FilterName,
    string
  >;
  const search = (changes: Partial<Record<FilterName | "cursor", string>>) =>
    `?${new URLSearchParams(Object.entries({ ...filters, ...changes }).filter(([, value]) => value))}`;
  const filtered = FILTERS.some((name) => filters[name]);
  const assigneeOptions = [
    { label: "Anyone", value: "" },
    { label: "Unassigned", value: UNASSIGNED },
    ...assignees.map((name) => ({ label: name, value: name })),
  ];

  return (
    <Page
      title="Support"
      subtitle="Help requests from the tracking page, with their shipment"
      pagination={{
        hasPrevious: searchParams.has("cursor"),
        onPrevious: () => navigate(search({})),
        hasNext: Boolean(nextCursor),
        onNext: () => navigate(search({ cursor: nextCursor ?? "" })),
      }}
    >
      <Card padding="0">
        <Box padding="300">
          <InlineStack gap="300" wrap>
            <Select
              label="Status"
              options={STATUS_OPTIONS}
              value={filters.status}
              onChange={(status) => navigate(search({ status }))}
            />
            <Select
              label="Reason"
              options={REASON_OPTIONS}
              value={filters.reason}
              onChange={(reason) => navigate(search({ reason }))}
            />
            <Select
              label="Escalation"
              options={ESCALATION_OPTIONS}
              value={filters.escalation}
              onChange={(escalation) => navigate(search({ escalation }))}
            />
            <Select
              label="Assignee"
              options={assigneeOptions}
              value={filters.assignee}
              onChange={(assignee) => navigate(search({ assignee }))}
            />
          </InlineStack>
        </Box>
        <KeyboardIndexTable
          resourceName={{ singular: "help request", plural: "help requests" }}
          itemCount={requests.length}
          selectable={false}
          condensed={smDown}
          loading={navigation.state === "loading" && navigation.location.pathname === "/app/support"}
          emptyState={
            <Box padding="600">
              <BlockStack gap="200" inlineAlign="center">
                <Text as="h2" variant="headingMd">
                  {filtered ? "No help requests match these filters" : "No open help requests"}
                </Text>
                <Text as="p" tone="subdued" alignment="center">
                  {filtered
                    ? "Change or clear the filters to see more."
                    : "Requests shoppers send from the tracking page appear here with their shipment attached."}
                </Text>
              </BlockStack>
            </Box>
          }
          headings={[
            { title: "Order" },
            { title: "Reason" },
            { title: "Shipment" },
            { title: "Escalation" },
            { title: "Status" },
            { title: "Assignee" },
            { title: "Received" },
          ]}
        >
          {requests.map((request, index) => {
            const order = (
              // The row's primary link: Polaris makes the whole row open the request.
              <Link dataPrimaryLink url={`/app/support/${request.id}`} monochrome removeUnderline>
                <Text as="span" fontWeight="semibold">
                  {request.order?.name ?? "Order removed"}
                </Text>
              </Link>
            );
            const shipment = request.shipment ? (
              <InlineStack gap="100" wrap>
                <StatusBadge status={request.shipment.status} />
                <AttentionKindBadge kind={request.shipment.attention} />
              </InlineStack>
            ) : (
              "—"
            );
            const assignee = request.assignee ?? "Unassigned";
            return (
              <IndexTable.Row id={request.id} key={request.id} position={index}>
                {smDown ? (
                  <IndexTable.Cell>
                    <BlockStack gap="100">
                      <InlineStack gap="200" align="space-between" blockAlign="center">
                        {order}
                        <Text as="span" tone="subdued">
                          {formatDay(request.createdAt)}
                        </Text>
                      </InlineStack>
                      <Text as="span">
                        {helpReasonLabel(request.reason)} · {assignee}
                      </Text>
                      <InlineStack gap="100" wrap>
                        <SupportStatusBadge status={request.status} />
                        <EscalationBadge escalation={request.escalation} />
                      </InlineStack>
                      {shipment}
                    </BlockStack>
                  </IndexTable.Cell>
                ) : (
                  <>
                    <IndexTable.Cell>{order}</IndexTable.Cell>
                    <IndexTable.Cell>{helpReasonLabel(request.reason)}</IndexTable.Cell>
                    <IndexTable.Cell>{shipment}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <EscalationBadge escalation={request.escalation} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <SupportStatusBadge status={request.status} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>{assignee}</IndexTable.Cell>
                    <IndexTable.Cell>{formatDay(request.createdAt)}</IndexTable.Cell>
                  </>
                )}
              </IndexTable.Row>
            );
          })}
        </KeyboardIndexTable>
      </Card>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary title="Support" />;
}
