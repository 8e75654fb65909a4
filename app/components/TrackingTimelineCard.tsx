import { BlockStack, Box, Card, Text } from "@shopify/polaris";
import { carrierLabel } from "../lib/performance-labels";
import { statusLabel } from "../models/shipment-status";
import { isSubstatus, SUBSTATUSES } from "../models/tracking-taxonomy";
import type { TrackedEvent } from "../models/tracking-lookup.server";
import { ScrollableDataTable } from "./ScrollableDataTable";
import { Timestamp } from "./Timestamp";

// One scan as the shipment page shows it: the storefront's event, with its row id, and for support the
// carrier's own code and where the scan came from.
export type TrackingEventView = TrackedEvent & { id: string; rawCode?: string | null; source?: string };

function plainLanguage(event: TrackingEventView): string {
  return isSubstatus(event.substatus) ? SUBSTATUSES[event.substatus].label : statusLabel(event.status);
}

// The carrier's own words and code, and where the scan came from ("carrier:ups" → "UPS", "shopify" → "Shopify").
function CarrierWords({ event }: { event: TrackingEventView }) {
  const text = event.rawText ?? "—";
  const source = event.source?.startsWith("carrier:")
    ? carrierLabel(event.source.slice("carrier:".length))
    : event.source && event.source.charAt(0).toUpperCase() + event.source.slice(1);
  return (
    <BlockStack gap="050">
      <span>{event.rawCode ? `${text} (${event.rawCode})` : text}</span>
      {source ? (
        <Text as="span" variant="bodySm" tone="subdued">
          via {source}
        </Text>
      ) : null}
    </BlockStack>
  );
}

// Newest scan first. Times are local to where the scan happened when the carrier says where that was.
export function TrackingTimelineCard({
  events,
  timeZone,
  title = "Tracking timeline",
}: {
  events: TrackingEventView[];
  timeZone: string;
  title?: string;
}) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Box paddingInline="400" paddingBlockStart="400">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
        </Box>
        {events.length === 0 ? (
          <Box paddingInline="400" paddingBlockEnd="400">
            <Text as="p" tone="subdued">
              No scans yet. The timeline fills in when the carrier first scans the parcel.
            </Text>
          </Box>
        ) : (
          <div data-tracking-timeline>
            <ScrollableDataTable
              label={title}
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["When", "What happened", "Carrier's words (code)", "Where"]}
              rows={events.map((event) => [
                <span key="when" style={{ whiteSpace: "nowrap" }}>
                  <Timestamp
                    value={event.occurredAt}
                    timeZone={timeZone}
                    utcOffsetMinutes={event.utcOffset}
                  />
                </span>,
                plainLanguage(event),
                <CarrierWords key="words" event={event} />,
                [event.city, event.region, event.country].filter(Boolean).join(", ") || "—",
              ])}
            />
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
