import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Combobox, Listbox, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { ActionResult } from "../models/action-result";
import { SUPPORT_STATUS_LABELS, SUPPORT_STATUSES } from "../models/support-labels";
import { ActionResultBanner } from "./ActionResultBanner";

// Where the request stands and who handles it. The assignee is free text (a name, a team), suggested from
// the names used before.
export function RequestHandlingCard({
  status,
  assignee,
  assignees,
  timeZone,
}: {
  status: string;
  assignee: string | null;
  assignees: string[];
  timeZone: string;
}) {
  const fetcher = useFetcher<ActionResult | null>();
  const [nextStatus, setNextStatus] = useState(status);
  const [nextAssignee, setNextAssignee] = useState(assignee ?? "");
  const suggestions = assignees.filter(
    (name) => name !== nextAssignee && name.toLowerCase().includes(nextAssignee.trim().toLowerCase()),
  );
  const result = fetcher.data?.intent === "update" ? fetcher.data : null;
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Handling
          </Text>
          <input type="hidden" name="intent" value="update" />
          <Select
            label="Status"
            name="status"
            options={SUPPORT_STATUSES.map((value) => ({ label: SUPPORT_STATUS_LABELS[value], value }))}
            value={nextStatus}
            onChange={setNextStatus}
          />
          <Combobox
            activator={
              <Combobox.TextField
                label="Assignee"
                name="assignee"
                helpText="A name or a team; leave empty for nobody."
                value={nextAssignee}
                onChange={setNextAssignee}
                autoComplete="off"
                maxLength={100}
              />
            }
          >
            {suggestions.length > 0 ? (
              <Listbox onSelect={setNextAssignee}>
                {suggestions.map((name) => (
                  <Listbox.Option key={name} value={name} accessibilityLabel={name}>
                    {name}
                  </Listbox.Option>
                ))}
              </Listbox>
            ) : null}
          </Combobox>
          <ActionResultBanner result={result} timeZone={timeZone} />
          <div>
            <Button submit loading={fetcher.state !== "idle"}>
              Save
            </Button>
          </div>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
