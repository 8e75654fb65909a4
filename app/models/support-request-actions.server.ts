import { z } from "zod";
import type { ActionResult } from "./action-result";
import {
  addSupportNote,
  SupportNoteError,
  supportUpdateSchema,
  updateSupportRequest,
} from "./support.server";
import { SUPPORT_STATUS_LABELS } from "./support-labels";

// The help request page's form posts: status and assignee, resolve, add a note. Null when the request is not
// this shop's (the route answers 404).

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update") }).merge(supportUpdateSchema),
  z.object({ intent: z.literal("resolve") }),
  z.object({ intent: z.literal("add-note"), note: z.string() }),
]);

export async function runSupportRequestAction({
  shop,
  requestId,
  form,
  now = new Date(),
}: {
  shop: string;
  requestId: string;
  form: FormData;
  now?: Date;
}): Promise<ActionResult | null> {
  const parsed = intentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { intent: String(form.get("intent") ?? ""), tone: "critical", title: "That did not look right" };
  const input = parsed.data;
  switch (input.intent) {
    case "update": {
      const { intent, ...update } = input;
      if (!(await updateSupportRequest({ shop, requestId, update, now }))) return null;
      const parts = [
        update.status ? `status ${SUPPORT_STATUS_LABELS[update.status].toLowerCase()}` : null,
        update.assignee !== undefined
          ? update.assignee
            ? `assigned to ${update.assignee}`
            : "unassigned"
          : null,
      ].filter(Boolean);
      return { intent, tone: "success", title: parts.length ? `Saved: ${parts.join(", ")}` : "Saved" };
    }
    case "resolve":
      if (!(await updateSupportRequest({ shop, requestId, update: { status: "resolved" }, now })))
        return null;
      return { intent: input.intent, tone: "success", title: "Request resolved" };
    case "add-note":
      try {
        if (!(await addSupportNote({ shop, requestId, text: input.note, now }))) return null;
        return { intent: input.intent, tone: "success", title: "Note added" };
      } catch (error) {
        if (error instanceof SupportNoteError)
          return { intent: input.intent, tone: "critical", title: error.message };
        throw error;
      }
  }
}
