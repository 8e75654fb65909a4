import {
  ChoiceList,
  IndexFilters,
  IndexFiltersMode,
  TextField,
  useSetIndexFiltersMode,
  type AppliedFilterInterface,
  type FilterInterface,
  type SortButtonChoice,
} from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { attentionKindLabel } from "../../models/attention-guidance";
import {
  ATTENTION_FILTERS,
  formatDestination,
  parseDestination,
  type AttentionFilter,
  type ShipmentListParams,
  type ShipmentSort,
} from "../../models/shipment-list-params";
import { SHIPMENT_STATUSES, SHIPMENT_STATUS_LABELS, statusLabel } from "../../models/shipment-status";
import { carrierLabel, destinationOptionLabel } from "../../lib/performance-labels";

// Search, filters and sort of the Shipments page. Every change becomes the page's URL (see
// shipment-list-params.ts), so a view can be shared, and starts again from its first page.

type Change = Partial<ShipmentListParams>;

const SEARCH_DELAY_MS = 400;

const SORT_OPTIONS: Array<{
  sort: ShipmentSort;
  option: SortButtonChoice;
}> = [
  { sort: "newest", option: { label: "Created", value: "created desc", directionLabel: "Newest first" } },
  { sort: "oldest", option: { label: "Created", value: "created asc", directionLabel: "Oldest first" } },
  {
    sort: "last-scan",
    option: { label: "Last scan", value: "last-scan asc", directionLabel: "Most silent first" },
  },
  {
    sort: "window-end",
    option: { label: "Delivery window end", value: "window-end asc", directionLabel: "Soonest first" },
  },
];

// The page offers the order day; ship and delivery days arrive from the dashboard's links, shown to be removed.
const DAY_RANGES = [
  { key: "ordered", label: "Ordered", from: "orderedFrom", to: "orderedTo" },
  { key: "shipped", label: "Shipped", from: "shippedFrom", to: "shippedTo" },
  { key: "delivered", label: "Delivered", from: "deliveredFrom", to: "deliveredTo" },
] as const;

export function attentionFilterLabel(value: AttentionFilter): string {
  return value === "any" ? "Any open problem" : attentionKindLabel(value);
}

export function ShipmentFilters({
  params,
  options,
  loading,
  onChange,
}: {
  params: ShipmentListParams;
  options: { carriers: string[]; destinations: string[] };
  loading: boolean;
  onChange: (change: Change) => void;
}) {
  const { mode, setMode } = useSetIndexFiltersMode(IndexFiltersMode.Filtering);
  const search = useDebouncedSearch(params.q ?? "", (q) => onChange({ q: q.trim() || null }));

  const filters: FilterInterface[] = [
    {
      key: "status",
      label: "Status",
      pinned: true,
      filter: (
        <ChoiceList
          title="Status"
          titleHidden
          allowMultiple
          choices={SHIPMENT_STATUSES.map((status) => ({
            label: SHIPMENT_STATUS_LABELS[status],
            value: status,
          }))}
          selected={params.statuses}
          onChange={(statuses) => onChange({ statuses: statuses as ShipmentListParams["statuses"] })}
        />
      ),
    },
    {
      key: "attention",
      label: "Problem",
      pinned: true,
      filter: (
        <ChoiceList
          title="Problem"
          titleHidden
          choices={ATTENTION_FILTERS.map((value) => ({ label: attentionFilterLabel(value), value }))}
          selected={params.attention ? [params.attention] : []}
          onChange={([attention]) => onChange({ attention: (attention as AttentionFilter) ?? null })}
        />
      ),
    },
    {
      key: "carrier",
      label: "Carrier",
      filter: (
        <ChoiceList
          title="Carrier"
          titleHidden
          choices={withSelected(options.carriers, params.carrier).map((carrier) => ({
            label: carrierLabel(carrier),
            value: carrier,
          }))}
          selected={params.carrier ? [params.carrier] : []}
          onChange={([carrier]) => onChange({ carrier: carrier ?? null })}
        />
      ),
    },
    {
      key: "ordered",
      label: "Ordered",
      filter: (
        <OrderedRange from={params.orderedFrom} to={params.orderedTo} onChange={(range) => onChange(range)} />
      ),
    },
    {
      key: "destination",
      label: "Destination",
      filter: (
        <DestinationFilter
          value={params.destination ? formatDestination(params.destination) : null}
          destinations={options.destinations}
          onChange={(destination) => onChange({ destination: parseDestination(destination) })}
        />
      ),
    },
  ];

  const applied: AppliedFilterInterface[] = [];
  if (params.statuses.length) {
    applied.push({
      key: "status",
      label: `Status: ${params.statuses.map(statusLabel).join(", ")}`,
      onRemove: () => onChange({ statuses: [] }),
    });
  }
  if (params.attention) {
    applied.push({
      key: "attention",
      label: `Problem: ${attentionFilterLabel(params.attention)}`,
      onRemove: () => onChange({ attention: null }),
    });
  }
  if (params.carrier) {
    applied.push({
      key: "carrier",
      label: `Carrier: ${carrierLabel(params.carrier)}`,
      onRemove: () => onChange({ carrier: null }),
    });
  }
  for (const range of DAY_RANGES) {
    const from = params[range.from];
    const to = params[range.to];
    if (!from && !to) continue;
    applied.push({
      key: range.key,
      label: `${range.label} ${[from ? `from ${from}` : "", to ? `to ${to}` : ""].filter(Boolean).join(" ")}`,
      onRemove: () => onChange({ [range.from]: null, [range.to]: null }),
    });
  }
  if (params.destination) {
    applied.push({
      key: "destination",
      label: `Destination: ${destinationOptionLabel(formatDestination(params.destination))}`,
      onRemove: () => onChange({ destination: null }),
    });
  }

  const sortValue = SORT_OPTIONS.find((entry) => entry.sort === params.sort)?.option.value ?? "created desc";
  return (
    <IndexFilters
      tabs={[{ id: "all-shipments", content: "All shipments" }]}
      selected={0}
      onSelect={() => undefined}
      canCreateNewView={false}
      queryValue={search.value}
      queryPlaceholder="Order, tracking number or customer email"
      onQueryChange={search.set}
      onQueryClear={() => search.set("", { now: true })}
      sortOptions={SORT_OPTIONS.map((entry) => entry.option)}
      sortSelected={[sortValue]}
      onSort={([value]) =>
        onChange({ sort: SORT_OPTIONS.find((entry) => entry.option.value === value)?.sort ?? "newest" })
      }
      filters={filters}
      appliedFilters={applied}
      onClearAll={() =>
        onChange({
          statuses: [],
          attention: null,
          carrier: null,
          orderedFrom: null,
          orderedTo: null,
          shippedFrom: null,
          shippedTo: null,
          deliveredFrom: null,
          deliveredTo: null,
          destination: null,
        })
      }
      mode={mode}
      setMode={setMode}
      loading={loading}
      filteringAccessibilityLabel="Search and filter shipments"
      autoFocusSearchField={false}
    />
  );
}

function withSelected(values: string[], selected: string | null): string[] {
  return selected && !values.includes(selected) ? [...values, selected] : values;
}

// Typing updates the box at once and the list once the merchant pauses.
function useDebouncedSearch(initial: string, apply: (value: string) => void) {
  const [value, setValue] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const applyRef = useRef(apply);
  applyRef.current = apply;
  // A navigation elsewhere (back button, a shared link) brings its own search.
  useEffect(() => setValue(initial), [initial]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = (next: string, { now = false }: { now?: boolean } = {}) => {
    setValue(next);
    clearTimeout(timer.current);
    if (now) applyRef.current(next);
    else timer.current = setTimeout(() => applyRef.current(next), SEARCH_DELAY_MS);
  };
  return { value, set };
}

function OrderedRange({
  from,
  to,
  onChange,
}: {
  from: string | null;
  to: string | null;
  onChange: (range: { orderedFrom: string | null; orderedTo: string | null }) => void;
}) {
  return (
    <>
      <TextField
        label="Ordered on or after"
        type="date"
        autoComplete="off"
        value={from ?? ""}
        onChange={(value) => onChange({ orderedFrom: value || null, orderedTo: to })}
      />
      <TextField
        label="Ordered on or before"
        type="date"
        autoComplete="off"
        value={to ?? ""}
        onChange={(value) => onChange({ orderedFrom: from, orderedTo: value || null })}
      />
    </>
  );
}

function DestinationFilter({
  value,
  destinations,
  onChange,
}: {
  value: string | null;
  destinations: string[];
  onChange: (destination: string | null) => void;
}) {
  const typed = useDebouncedSearch(value ?? "", (next) => onChange(next.trim() || null));
  if (destinations.length === 0) {
    return (
      <TextField
        label="Country or country-region code"
        helpText="For example US or US-CA"
        autoComplete="off"
        value={typed.value}
        onChange={typed.set}
      />
    );
  }
  return (
    <ChoiceList
      title="Destination"
      titleHidden
      choices={withSelected(destinations, value).map((destination) => ({
        label: destinationOptionLabel(destination),
        value: destination,
      }))}
      selected={value ? [value] : []}
      onChange={([destination]) => onChange(destination ?? null)}
    />
  );
}
