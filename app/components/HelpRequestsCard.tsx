import { BlockStack, Card, Divider, InlineStack, Link, Text } from "@shopify/polaris";
import { Fragment } from "react";
import type { InternalNote } from "../models/internal-notes";
import { helpReasonLabel } from "../models/support-labels";
import { AddNoteForm, InternalNotesList } from "./InternalNotes";
import { EscalationBadge, SupportStatusBadge } from "./SupportBadges";
import { Timestamp } from "./Timestamp";

export type OrderHelpRequest = {
  id: string;
  reason: string;
  message: string;
  status: string;
  escalation: string | null;
  assignee: string | null;
  createdAt: string | Date;
  notes: InternalNote[];
};

// The shipment's own notes and the order's help requests on its support view, each request with its status,
// its notes and a link to handle it on the Support page; a note added here goes to the shipment or to the
// request picked.
export function HelpRequestsCard({
  requests,
  notes,
  timeZone,
}: {
  requests: OrderHelpRequest[];
  notes: InternalNote[];
  timeZone: string;
}) {
  // A shopper's open question comes first: the note most often belongs with the request being answered.
  const noteTargets = [
    ...requests.map((request) => ({
      id: request.id,
      label: `${helpReasonLabel(request.reason)} request · ${request.status}`,
    })),
    { id: "", label: "This shipment" },
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Help requests and notes
        </Text>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Notes on this shipment
          </Text>
          <InternalNotesList notes={notes} timeZone={timeZone} />
        </BlockStack>
        <Divider />
        {requests.length === 0 ? (
          <Text as="p" tone="subdued">
            The shopper has not asked for help with this order.
          </Text>
        ) : (
          <BlockStack gap="300">
            {requests.map((request, index) => (
              <Fragment key={request.id}>
                {index > 0 ? <Divider /> : null}
                <BlockStack gap="200">
                  <InlineStack gap="200" blockAlign="center" wrap>
                    <Link
                      url={`/app/support/${request.id}`}
                    >{`${helpReasonLabel(request.reason)} request`}</Link>
                    <SupportStatusBadge status={request.status} />
                    <EscalationBadge escalation={request.escalation} />
                  </InlineStack>
                  <Text as="p" tone="subdued" variant="bodySm">
                    Received <Timestamp value={request.createdAt} timeZone={timeZone} />
                    {request.assignee ? ` · Assigned to ${request.assignee}` : " · Unassigned"}
                  </Text>
                  {request.message ? (
                    <Text as="p" breakWord>
                      “{request.message}”
                    </Text>
                  ) : null}
                  <InternalNotesList notes={request.notes} timeZone={timeZone} />
                </BlockStack>
              </Fragment>
            ))}
          </BlockStack>
        )}
        <Divider />
        <AddNoteForm timeZone={timeZone} requests={noteTargets} />
      </BlockStack>
    </Card>
  );
}
