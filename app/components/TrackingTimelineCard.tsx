import { BlockStack, Box, Card, DataTable, Text } from "@shopify/polaris";
import { statusLabel } from "../models/shipment-status";
import { isSubstatus, SUBSTATUSES } from "../models/tracking-taxonomy";
import type { TrackedEvent } from "../models/tracking-lookup.server";
import { Timestamp } from "./Timestamp";

// One scan as the shipment page shows it: the storefront's event, with its row id.
export type TrackingEventView = TrackedEvent & { id: string };

function plainLanguage(event: TrackingEventView): string {
  return isSubstatus(event.substatus) ? SUBSTATUSES[event.substatus].label : statusLabel(event.status);
}

// Newest scan first. Times are local to where the scan happened when the carrier says where that was.
export function TrackingTimelineCard({
  events,
  timeZone,
}: {
  events: TrackingEventView[];
  timeZone: string;
}) {
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <Box paddingInline="400" paddingBlockStart="400">
          <Text as="h2" variant="headingMd">
            Tracking timeline
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
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["When", "What happened", "Carrier's words", "Where"]}
              rows={events.map((event) => [
                <Timestamp
                  key="when"
                  value={event.occurredAt}
                  timeZone={timeZone}
                  utcOffsetMinutes={event.utcOffset}
                />,
                plainLanguage(event),
                event.rawText ?? "—",
                [event.city, event.region, event.country].filter(Boolean).join(", ") || "—",
              ])}
            />
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
