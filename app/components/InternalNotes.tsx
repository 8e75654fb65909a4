import { useFetcher } from "@remix-run/react";
import { BlockStack, Box, Button, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useId, useState } from "react";
import type { ActionResult } from "../models/action-result";
import type { InternalNote } from "../models/internal-notes";
import { ActionResultBanner } from "./ActionResultBanner";
import { Timestamp } from "./Timestamp";

export function InternalNotesList({ notes, timeZone }: { notes: InternalNote[]; timeZone: string }) {
  if (notes.length === 0)
    return (
      <Text as="p" tone="subdued">
        No notes yet.
      </Text>
    );
  return (
    <ol data-internal-notes style={{ listStyle: "none", margin: 0, padding: 0 }}>
      <BlockStack gap="200">
        {notes.map((note, index) => (
          <li key={`${note.at ?? "undated"}-${index}`}>
            <Box background="bg-surface-secondary" padding="200" borderRadius="200">
              <BlockStack gap="050">
                <Text as="p" variant="bodySm" tone="subdued">
                  {note.at ? <Timestamp value={note.at} timeZone={timeZone} /> : "Earlier"}
                </Text>
                <Text as="p" breakWord>
                  <span style={{ whiteSpace: "pre-wrap" }}>{note.text}</span>
                </Text>
              </BlockStack>
            </Box>
          </li>
        ))}
      </BlockStack>
    </ol>
  );
}

// Appends a note to one help request; with several (the support view of an order), the person picks which.
export function AddNoteForm({
  requests,
  timeZone,
}: {
  requests: Array<{ id: string; label: string }>;
  timeZone: string;
}) {
  const fetcher = useFetcher<ActionResult | null>();
  const [note, setNote] = useState("");
  const [requestId, setRequestId] = useState(requests[0]?.id ?? "");
  const fieldId = useId();
  const result = fetcher.data?.intent === "add-note" ? fetcher.data : null;
  useEffect(() => {
    if (fetcher.state === "idle" && result?.tone === "success") setNote("");
  }, [fetcher.state, result]);
  if (requests.length === 0) return null;
  return (
    <fetcher.Form method="post">
      <BlockStack gap="200">
        <input type="hidden" name="intent" value="add-note" />
        {requests.length > 1 ? (
          <Select
            label="Add the note to"
            name="requestId"
            options={requests.map((request) => ({ label: request.label, value: request.id }))}
            value={requestId}
            onChange={setRequestId}
          />
        ) : (
          <input type="hidden" name="requestId" value={requestId} />
        )}
        <TextField
          id={fieldId}
          label="Internal note"
          helpText="Only your team sees notes. They are kept with the time they were added."
          name="note"
          value={note}
          onChange={setNote}
          multiline={3}
          maxLength={2000}
          autoComplete="off"
        />
        <ActionResultBanner result={result} timeZone={timeZone} />
        <div>
          <Button submit loading={fetcher.state !== "idle"} disabled={!note.trim()}>
            Add note
          </Button>
        </div>
      </BlockStack>
    </fetcher.Form>
  );
}
