import {
  Badge,
  BlockStack,
  Box,
  IndexTable,
  InlineStack,
  Link,
  Text,
  useBreakpoints,
  useIndexResourceState,
  type IndexTableProps,
} from "@shopify/polaris";
import { KeyboardIndexTable } from "../KeyboardIndexTable";
import { StatusBadge } from "../StatusBadge";
import { formatDay } from "../../lib/format";
import { carrierLabel } from "../../lib/performance-labels";
import { attentionKindLabel } from "../../models/attention-guidance";
import type { AttentionKind } from "../../models/shipment-status";

// The list itself: one row per shipment, each opening the shipment's page, with bulk selection. On a phone
// (Polaris' small breakpoint) each row becomes a compact block instead of a wide table.

export type ShipmentRow = {
  id: string;
  orderName: string;
  trackingNumber: string | null;
  trackingCompany: string | null;
  carrier: string | null;
  status: string;
  attention: string | null;
  orderedAt: Date | string;
  lastEventAt: Date | string | null;
  windowEnd: Date | string | null;
  destinationCountry: string | null;
  destinationProvince: string | null;
};

export type Selection = { ids: string[]; allMatching: boolean };

const PROBLEM_TONES: Record<AttentionKind, "critical" | "warning" | "attention"> = {
  lost: "critical",
  exception: "critical",
  late: "warning",
  stuck: "attention",
};

const HEADINGS: IndexTableProps["headings"] = [
  { title: "Order" },
  { title: "Tracking number" },
  { title: "Carrier" },
  { title: "Status" },
  { title: "Problem" },
  { title: "Destination" },
  { title: "Ordered" },
  { title: "Last scan" },
  { title: "Window ends" },
];

export function ShipmentsTable({
  shipments,
  loading,
  hasNext,
  hasPrevious,
  onNext,
  onPrevious,
  emptyState,
  bulkActions,
}: {
  shipments: ShipmentRow[];
  loading: boolean;
  hasNext: boolean;
  hasPrevious: boolean;
  onNext: () => void;
  onPrevious: () => void;
  emptyState: React.ReactNode;
  bulkActions: (selection: Selection, clear: () => void) => IndexTableProps["promotedBulkActions"];
}) {
  const { smDown } = useBreakpoints();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(shipments);
  const selection: Selection = { ids: selectedResources, allMatching: allResourcesSelected && hasNext };

  return (
    <KeyboardIndexTable
      resourceName={{ singular: "shipment", plural: "shipments" }}
      itemCount={shipments.length}
      selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      hasMoreItems={hasNext}
      promotedBulkActions={bulkActions(selection, clearSelection)}
      loading={loading}
      condensed={smDown}
      emptyState={emptyState}
      headings={HEADINGS}
      pagination={{
        hasNext,
        hasPrevious,
        onNext,
        onPrevious,
        accessibilityLabels: { next: "Next page of shipments", previous: "Previous page of shipments" },
      }}
    >
      {shipments.map((shipment, index) =>
        smDown ? (
          <CompactRow key={shipment.id} shipment={shipment} position={index} selected={selectedResources} />
        ) : (
          <FullRow key={shipment.id} shipment={shipment} position={index} selected={selectedResources} />
        ),
      )}
    </KeyboardIndexTable>
  );
}

type RowProps = { shipment: ShipmentRow; position: number; selected: string[] };

function OrderLink({ shipment }: { shipment: ShipmentRow }) {
  // The row's primary link: Polaris makes the whole row open the shipment's page.
  return (
    <Link dataPrimaryLink url={`/app/shipments/${shipment.id}`} monochrome removeUnderline>
      <Text as="span" fontWeight="semibold">
        {shipment.orderName}
      </Text>
    </Link>
  );
}

function FullRow({ shipment, position, selected }: RowProps) {
  return (
    <IndexTable.Row id={shipment.id} position={position} selected={selected.includes(shipment.id)}>
      <IndexTable.Cell>
        <OrderLink shipment={shipment} />
      </IndexTable.Cell>
      <IndexTable.Cell>{shipment.trackingNumber ?? "—"}</IndexTable.Cell>
      <IndexTable.Cell>{carrierName(shipment)}</IndexTable.Cell>
      <IndexTable.Cell>
        <StatusBadge status={shipment.status} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <ProblemBadge attention={shipment.attention} />
      </IndexTable.Cell>
      <IndexTable.Cell>{destination(shipment)}</IndexTable.Cell>
      <IndexTable.Cell>{formatDay(shipment.orderedAt)}</IndexTable.Cell>
      <IndexTable.Cell>
        {shipment.lastEventAt ? formatDay(shipment.lastEventAt) : "Not scanned"}
      </IndexTable.Cell>
      <IndexTable.Cell>{formatDay(shipment.windowEnd)}</IndexTable.Cell>
    </IndexTable.Row>
  );
}

function CompactRow({ shipment, position, selected }: RowProps) {
  return (
    <IndexTable.Row id={shipment.id} position={position} selected={selected.includes(shipment.id)}>
      <Box padding="300">
        <BlockStack gap="100">
          <InlineStack gap="200" align="space-between" blockAlign="center" wrap>
            <OrderLink shipment={shipment} />
            <InlineStack gap="100" wrap>
              <StatusBadge status={shipment.status} />
              <ProblemBadge attention={shipment.attention} />
            </InlineStack>
          </InlineStack>
          <Text as="p" tone="subdued" breakWord>
            {carrierName(shipment)} · {shipment.trackingNumber ?? "no tracking number"}
          </Text>
          <Text as="p" tone="subdued">
            Ordered {formatDay(shipment.orderedAt)} · last scan{" "}
            {shipment.lastEventAt ? formatDay(shipment.lastEventAt) : "none"}
            {destination(shipment) ? ` · ${destination(shipment)}` : ""}
          </Text>
        </BlockStack>
      </Box>
    </IndexTable.Row>
  );
}

function ProblemBadge({ attention }: { attention: string | null }) {
  if (!attention || !(attention in PROBLEM_TONES)) return null;
  const kind = attention as AttentionKind;
  return <Badge tone={PROBLEM_TONES[kind]}>{attentionKindLabel(kind)}</Badge>;
}

function carrierName(shipment: ShipmentRow): string {
  if (shipment.carrier) return carrierLabel(shipment.carrier);
  return shipment.trackingCompany ?? "Unknown carrier";
}

function destination(shipment: ShipmentRow): string {
  return [shipment.destinationProvince, shipment.destinationCountry].filter(Boolean).join(", ");
}
