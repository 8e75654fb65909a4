import { z } from "zod";
import prisma from "../db.server";
import { carrierLabel } from "../lib/performance-labels";
import { channelLabel, milestoneLabel } from "../components/notification-labels";
import type { ActionResult } from "./action-result";
import { recheckShipmentNow, type RecheckResult } from "./carrier-recheck.server";
import { resendNotification, type ResendResult } from "./notification-resend.server";
import { CarrierConfirmationError, correctShipmentCarrier } from "./shipment-carrier.server";
import { statusLabel } from "./shipment-status";
import { addShipmentNote, addSupportNote, SupportNoteError } from "./support.server";

// The support view's form posts: re-check the carrier now, correct the carrier, send a message again, add a
// note to the shipment or to one of the order's help requests. Null when the shipment is not this shop's (the route answers 404).

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("recheck") }),
  z.object({ intent: z.literal("correct-carrier"), carrier: z.string().min(1) }),
  z.object({ intent: z.literal("resend"), message: z.string().regex(/^[a-z_]+:[a-z]+$/) }),
  // Without a request, the note goes on the shipment itself.
  z.object({ intent: z.literal("add-note"), requestId: z.string().optional(), note: z.string() }),
]);

export async function runShipmentSupportAction({
  shop,
  shipmentId,
  form,
  now = new Date(),
}: {
  shop: string;
  shipmentId: string;
  form: FormData;
  now?: Date;
}): Promise<ActionResult | null> {
  const parsed = intentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { intent: String(form.get("intent") ?? ""), tone: "critical", title: "That did not look right" };
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: { id: true, orderId: true, carrier: true, trackingCompany: true },
  });
  if (!shipment) return null;
  const input = parsed.data;
  switch (input.intent) {
    case "recheck": {
      const result = await recheckShipmentNow({ shop, shipmentId: shipment.id, now });
      return result && describeRecheck(result, shipment.carrier ? carrierLabel(shipment.carrier) : null);
    }
    case "correct-carrier":
      try {
        const { carrier } = await correctShipmentCarrier({
          shop,
          shipmentId: shipment.id,
          carrier: input.carrier,
          now,
        });
        return {
          intent: input.intent,
          tone: "success",
          title: `Carrier set to ${carrierLabel(carrier)}`,
          detail: `Tracking starts over with ${carrierLabel(carrier)}, and new numbers like this one get it too.`,
        };
      } catch (error) {
        if (error instanceof CarrierConfirmationError)
          return { intent: input.intent, tone: "critical", title: error.message };
        throw error;
      }
    case "resend": {
      const [milestone = "", channel = ""] = input.message.split(":");
      const result = await resendNotification({ shop, shipmentId: shipment.id, milestone, channel, now });
      return result && describeResend(result, `${milestoneLabel(milestone)} · ${channelLabel(channel)}`);
    }
    case "add-note": {
      if (!input.requestId) {
        try {
          await addShipmentNote({ shop, shipmentId: shipment.id, text: input.note, now });
          return { intent: input.intent, tone: "success", title: "Note added" };
        } catch (error) {
          if (error instanceof SupportNoteError)
            return { intent: input.intent, tone: "critical", title: error.message };
          throw error;
        }
      }
      // Only the order's own requests: the note belongs with this parcel's story.
      const request = await prisma.supportRequest.findFirst({
        where: { id: input.requestId, shop, orderId: shipment.orderId },
        select: { id: true },
      });
      if (!request)
        return { intent: input.intent, tone: "critical", title: "That help request is not this order's" };
      try {
        await addSupportNote({ shop, requestId: request.id, text: input.note, now });
        return { intent: input.intent, tone: "success", title: "Note added" };
      } catch (error) {
        if (error instanceof SupportNoteError)
          return { intent: input.intent, tone: "critical", title: error.message };
        throw error;
      }
    }
  }
}

function describeRecheck(result: RecheckResult, carrier: string | null): ActionResult {
  const name = carrier ?? "the carrier";
  const intent = "recheck";
  switch (result.kind) {
    case "final":
      return {
        intent,
        tone: "info",
        title: "Nothing left to check",
        detail: `The parcel is ${statusLabel(result.status).toLowerCase()}; ${name} has nothing more to say about it.`,
      };
    case "in_progress":
      return {
        intent,
        tone: "info",
        title: `Checking ${name}…`,
        detail: "The answer shows on this page in a moment.",
        pending: true,
      };
    case "failed":
      return {
        intent,
        tone: "critical",
        title: `Could not reach ${name}`,
        detail: `${result.message}. Parcelwise tries again by itself.`,
        at: { label: "Next try:", value: result.retryAt.toISOString() },
      };
    case "checked": {
      const checkedAt = { label: "Checked at", value: result.checkedAt.toISOString() };
      switch (result.outcome) {
        case "updated":
          return {
            intent,
            tone: "success",
            title:
              result.newEvents > 0
                ? `Checked ${name}: ${result.newEvents} new ${result.newEvents === 1 ? "scan" : "scans"}`
                : `Checked ${name}: the parcel's state changed`,
            at: checkedAt,
          };
        case "unchanged":
          return { intent, tone: "success", title: `Checked ${name}: nothing new`, at: checkedAt };
        case "not_found":
          return {
            intent,
            tone: "warning",
            title: `${name} does not know this number yet`,
            detail:
              "New labels can take hours to appear; Parcelwise keeps asking. If the carrier is wrong, correct it.",
            at: checkedAt,
          };
        case "no_carrier_api":
          return {
            intent,
            tone: "warning",
            title: `Parcelwise cannot ask ${name}`,
            detail:
              "There is no tracking connection for this carrier. If it is wrong, correct it; otherwise use the tracking link.",
          };
        case "no_credentials":
          return {
            intent,
            tone: "warning",
            title: `No account to ask ${name} with`,
            detail: "Connect the carrier account in Settings.",
          };
        case "auth_failed":
          return {
            intent,
            tone: "critical",
            title: `${name} refused the account`,
            detail: "Check the carrier account in Settings.",
            at: checkedAt,
          };
        case "rate_limited":
          return {
            intent,
            tone: "info",
            title: `${name} is busy`,
            detail: "Parcelwise asks again shortly.",
            ...(result.nextCheckAt
              ? { at: { label: "Next check:", value: result.nextCheckAt.toISOString() } }
              : {}),
          };
        case "malformed_response":
          return {
            intent,
            tone: "warning",
            title: `${name} answered with something unreadable`,
            detail: "The last good state is kept; Parcelwise asks again later.",
            at: checkedAt,
          };
      }
    }
  }
}

function describeResend(result: ResendResult, message: string): ActionResult {
  const intent = "resend";
  switch (result.kind) {
    case "queued":
      return {
        intent,
        tone: "success",
        title: `${message} queued to send again`,
        detail:
          "Quiet hours, the daily limit and the shopper's opt-outs still apply; the outcome shows under Notifications.",
      };
    case "already_queued":
      return {
        intent,
        tone: "info",
        title: `${message} was already queued again`,
        detail: "A resend from the last few minutes is on its way; nothing more was queued.",
      };
    case "not_allowed":
      return { intent, tone: "warning", title: `${message} cannot be sent again now`, detail: result.reason };
  }
}
