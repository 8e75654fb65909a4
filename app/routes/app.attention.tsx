import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Card,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import { KeyboardIndexTable } from "../components/KeyboardIndexTable";
import { StatusBadge } from "../components/StatusBadge";
import { formatDay } from "../lib/format";
import { pageMeta } from "../lib/page-title";
import { attentionKindLabel, attentionOwnerLabel } from "../models/attention-guidance";
import { listNeedsAttention, needsAttentionQuerySchema } from "../models/needs-attention.server";
import { ATTENTION_OWNERS } from "../models/shipment-attention";
import { ATTENTION_KINDS } from "../models/shipment-status";
import { requireAdminContext } from "../services/admin-context.server";

export const meta = () => pageMeta("Needs attention");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = needsAttentionQuerySchema.safeParse({
    ...params,
    kind: params.kind || undefined,
    owner: params.owner || undefined,
  });
  const query = parsed.success ? parsed.data : needsAttentionQuerySchema.parse({});
  return listNeedsAttention({ shop, ...query });
}

const KIND_OPTIONS = [
  { label: "All problems", value: "" },
  ...ATTENTION_KINDS.map((kind) => ({ label: attentionKindLabel(kind), value: kind })),
];
const OWNER_OPTIONS = [
  { label: "Anyone", value: "" },
  ...ATTENTION_OWNERS.map((owner) => ({ label: attentionOwnerLabel(owner), value: owner })),
];
const KIND_TONES = { lost: "critical", exception: "critical", late: "warning", stuck: "attention" } as const;

export default function NeedsAttention() {
  const { items, nextCursor } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = {
    kind: searchParams.get("kind") ?? "",
    owner: searchParams.get("owner") ?? "",
  };
  const search = (changes: Partial<typeof filters> & { cursor?: string }) => {
    const next = Object.entries({ ...filters, ...changes }).filter(([, value]) => value);
    return `?${new URLSearchParams(next)}`;
  };

  return (
    <Page
      title="Needs attention"
      subtitle="Late, stuck, likely lost and exception shipments, waiting longest first"
      backAction={{ content: "Dashboard", url: "/app" }}
      pagination={{
        hasPrevious: searchParams.has("cursor"),
        onPrevious: () => navigate(search({})),
        hasNext: Boolean(nextCursor),
        onNext: () => navigate(search({ cursor: nextCursor ?? "" })),
      }}
    >
      <Card padding="0">
        <div style={{ padding: "var(--p-space-300)" }}>
          <InlineStack gap="400">
            <Select
              label="Problem"
              labelInline
              options={KIND_OPTIONS}
              value={filters.kind}
              onChange={(kind) => navigate(search({ kind }))}
            />
            <Select
              label="Who can act"
              labelInline
              options={OWNER_OPTIONS}
              value={filters.owner}
              onChange={(owner) => navigate(search({ owner }))}
            />
          </InlineStack>
        </div>
        <KeyboardIndexTable
          resourceName={{ singular: "shipment", plural: "shipments" }}
          itemCount={items.length}
          selectable={false}
          emptyState={
            <Box padding="600">
              <BlockStack gap="200" inlineAlign="center">
                <Text as="h2" variant="headingMd">
                  Nothing needs attention
                </Text>
                <Text as="p" tone="subdued">
                  Late, stuck, likely lost and exception shipments show up here with what to do next.
                </Text>
              </BlockStack>
            </Box>
          }
          headings={[
            { title: "Order" },
            { title: "Problem" },
            { title: "Status" },
            { title: "Why" },
            { title: "Who can act" },
            { title: "Next step" },
            { title: "Since" },
            { title: "Carrier" },
          ]}
        >
          {items.map((item, index) => (
            <IndexTable.Row id={item.shipmentId} key={item.shipmentId} position={index}>
              <IndexTable.Cell>
                {/* The row's primary link: Polaris makes the whole row open the shipment's page. */}
                <Link dataPrimaryLink url={`/app/shipments/${item.shipmentId}`} monochrome removeUnderline>
                  <Text as="span" fontWeight="semibold">
                    {item.orderName}
                  </Text>
                </Link>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={KIND_TONES[item.kind]}>{item.kindLabel}</Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <StatusBadge status={item.status} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                <div style={{ whiteSpace: "normal", minWidth: "10rem" }}>{item.reasonLabel ?? "—"}</div>
              </IndexTable.Cell>
              <IndexTable.Cell>{item.ownerLabel ?? "—"}</IndexTable.Cell>
              <IndexTable.Cell>
                <div style={{ whiteSpace: "normal", minWidth: "14rem" }}>{item.nextStep}</div>
              </IndexTable.Cell>
              <IndexTable.Cell>{formatDay(item.since)}</IndexTable.Cell>
              <IndexTable.Cell>
                <BlockStack gap="050">
                  <Text as="span">{item.carrier ?? "Unknown"}</Text>
                  <Text as="span" tone="subdued">
                    {item.trackingNumber ?? "—"}
                  </Text>
                </BlockStack>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </KeyboardIndexTable>
      </Card>
    </Page>
  );
}
