import { isSubstatus } from "../../../models/tracking-taxonomy";
import type { Milestone } from "../../../models/notification-rules";
import { fill, messageLocale, SITUATION_EXTRAS, type Catalog, type SituationCode } from "./catalog";
import { formatDay, formatDayAndTime, formatWindow } from "./format";
import type { TemplateInput } from "./types";

const MAX_LISTED_ITEMS = 3;

// Milestones whose news makes a predicted window beside the point: a delivered parcel has a delivery time, a
// parcel at the pickup point has a collect-by date, and a problem makes the old prediction unreliable.
const WITHOUT_WINDOW: ReadonlySet<Milestone> = new Set(["delivered", "ready_for_pickup", "exception"]);

/** Everything a message says, in the shopper's language, before it is shaped for a channel. */
export type MessageContent = {
  language: string;
  copy: Catalog;
  subject: string;
  orderHeading: string;
  headline: string;
  greeting: string;
  happened: string; // a status line
  smsHappened: { full: string; short: string }; // one sentence, with and without the order name
  timing: string | null; // expected delivery or delivery time
  next: string;
  action: string | null;
  smsAction: string | null;
  items: string[];
};

export function situationOf(substatus: string | null): SituationCode | null {
  if (isSubstatus(substatus)) return substatus;
  return SITUATION_EXTRAS.find((extra) => extra === substatus) ?? null;
}

export function composeMessage(input: TemplateInput): MessageContent {
  const { language, copy, dateLocale } = messageLocale(input.locale, input.shopLocale);
  const milestone = copy.milestones[input.milestone];
  const situationCode = situationOf(input.substatus);
  const situation = situationCode ? copy.situations[situationCode] : null;
  const order = input.orderName;
  const firstName = input.firstName?.trim();
  const pickupDeadline =
    input.milestone === "ready_for_pickup" && input.pickupDeadline
      ? formatDay(input.pickupDeadline, dateLocale, input.timeZone)
      : null;

  return {
    language,
    copy,
    subject: situation
      ? fill(copy.subjectWithSituation, { order, label: situation.label })
      : fill(milestone.subject, { order }),
    orderHeading: fill(copy.orderHeading, { order }),
    headline: milestone.headline,
    greeting: firstName ? fill(copy.greeting, { name: firstName }) : copy.greetingNoName,
    happened: situation?.label ?? milestone.label,
    smsHappened: {
      full: situation
        ? sentence(fill(copy.smsWithSituation, { order, label: situation.label }))
        : fill(milestone.sms, { order }),
      short: sentence(situation?.label ?? milestone.label),
    },
    timing: timingLine(input, copy, dateLocale, situationCode),
    next: situation?.next ?? milestone.next,
    action: pickupDeadline
      ? fill(copy.pickupDeadlineAction, { date: pickupDeadline })
      : (situation?.action ?? milestone.action),
    smsAction: pickupDeadline
      ? fill(copy.pickupDeadlineSmsAction, { date: pickupDeadline })
      : (situation?.smsAction ?? milestone.smsAction),
    items: itemLines(input.items, copy, language),
  };
}

function timingLine(
  input: TemplateInput,
  copy: Catalog,
  dateLocale: string,
  situation: SituationCode | null,
): string | null {
  if (input.milestone === "delivered") {
    return input.deliveredAt
      ? fill(copy.deliveredAt, { date: formatDayAndTime(input.deliveredAt, dateLocale, input.timeZone) })
      : null;
  }
  if (!input.window || WITHOUT_WINDOW.has(input.milestone)) return null;
  const dates = formatWindow(input.window, dateLocale, input.timeZone);
  return fill(situation === "window_moved" ? copy.expectedMoved : copy.expected, { dates });
}

function itemLines(items: TemplateInput["items"], copy: Catalog, language: string): string[] {
  const listed = items
    .slice(0, MAX_LISTED_ITEMS)
    .map((item) => (item.quantity > 1 ? `${item.quantity} × ${item.title}` : item.title));
  const hidden = items.length - listed.length;
  if (hidden <= 0) return listed;
  const plural = new Intl.PluralRules(language).select(hidden) === "one" ? "one" : "other";
  return [...listed, fill(copy.moreItems[plural], { count: hidden })];
}

/** Ends a line with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
