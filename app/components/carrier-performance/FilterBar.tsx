import { useSearchParams } from "@remix-run/react";
import { Button, Card, InlineGrid, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { carrierLabel, destinationOptionLabel } from "../../lib/performance-labels";
import { matchingPreset, presetRange, RANGE_PRESET_DAYS } from "../../lib/stats-date-range";
import type { CarrierPerformanceReport, StatsFilters } from "../../models/delivery-stats/report-types";

type FilterKey = keyof StatsFilters;
const CUSTOM = "custom";

// A value from a shared link that the shop no longer has (or not in this range) still shows as chosen.
function selectOptions(
  all: string,
  values: string[],
  current: string | null,
  label: (value: string) => string = (value) => value,
) {
  const choices = current && !values.includes(current) ? [...values, current] : values;
  return [{ label: all, value: "" }, ...choices.map((value) => ({ label: label(value), value }))];
}

// Every choice lands in the URL (from, to, carrier, service, destination), so a filtered view can be
// bookmarked and shared; other parameters (the admin's host, shop…) are kept.
export function FilterBar({
  filters,
  options,
  today,
}: {
  filters: StatsFilters;
  options: CarrierPerformanceReport["options"];
  today: string;
}) {
  const [, setSearchParams] = useSearchParams();
  const preset = matchingPreset(filters, today);
  const [customRange, setCustomRange] = useState(preset === null);
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);

  const apply = (changes: Partial<Record<FilterKey, string | null>>) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { preventScrollReset: true },
    );

  const chooseRange = (value: string) => {
    if (value === CUSTOM) return setCustomRange(true);
    setCustomRange(false);
    const range = presetRange(Number(value), today);
    setFrom(range.from);
    setTo(range.to);
    apply(range);
  };

  return (
    <Card>
      <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
        <Select
          label="Date range"
          options={[
            ...RANGE_PRESET_DAYS.map((days) => ({ label: `Last ${days} days`, value: String(days) })),
            { label: "Custom", value: CUSTOM },
          ]}
          value={customRange || preset === null ? CUSTOM : String(preset)}
          onChange={chooseRange}
        />
        <Select
          label="Carrier"
          options={selectOptions("All carriers", options.carriers, filters.carrier, carrierLabel)}
          value={filters.carrier ?? ""}
          onChange={(carrier) => apply({ carrier })}
        />
        <Select
          label="Service"
          options={selectOptions("All services", options.services, filters.service)}
          value={filters.service ?? ""}
          onChange={(service) => apply({ service })}
        />
        <Select
          label="Destination"
          options={selectOptions(
            "All destinations",
            options.destinations,
            filters.destination,
            destinationOptionLabel,
          )}
          value={filters.destination ?? ""}
          onChange={(destination) => apply({ destination })}
        />
      </InlineGrid>
      {customRange || preset === null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            apply({ from, to });
          }}
        >
          <div style={{ marginTop: "var(--p-space-300)" }}>
            <InlineStack gap="300" blockAlign="end">
              <TextField
                label="From"
                type="date"
                value={from}
                onChange={setFrom}
                autoComplete="off"
                max={to}
              />
              <TextField label="To" type="date" value={to} onChange={setTo} autoComplete="off" min={from} />
              <Button submit>Apply dates</Button>
            </InlineStack>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
