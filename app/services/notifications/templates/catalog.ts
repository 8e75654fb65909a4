import type { Milestone } from "../../../models/notification-rules";
import type { SubstatusCode } from "../../../models/tracking-taxonomy";
import { resolveLocale, type Language } from "../../tracking-page/translations";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";

// A situation is what the substatus says: any taxonomy code, plus the delay kinds Parcelwise detects itself.
export const SITUATION_EXTRAS = ["stuck", "late", "window_moved"] as const;
export type SituationCode = SubstatusCode | (typeof SITUATION_EXTRAS)[number];

export type SituationCopy = {
  label: string; // what happened, as a short status line
  next: string;
  action: string | null;
  smsAction: string | null; // short enough to sit beside a link in one SMS
};

export type MilestoneCopy = SituationCopy & {
  subject: string; // {order}
  headline: string;
  sms: string; // what happened, one SMS sentence: {order}
};

export type Catalog = {
  greeting: string; // {name}
  greetingNoName: string;
  orderHeading: string; // {order}
  labelled: string; // {label} {value}: a "Label: value" line, with each language's punctuation
  subjectWithSituation: string; // {order} {label}
  smsWithSituation: string; // {order} {label}
  nextHeading: string;
  actionHeading: string;
  itemsHeading: string;
  moreItems: { one: string; other: string }; // {count}
  carrier: string;
  trackingNumber: string;
  expected: string; // {dates}
  expectedMoved: string; // {dates}
  deliveredAt: string; // {date}
  pickupDeadlineAction: string; // {date}
  pickupDeadlineSmsAction: string; // {date}
  trackButton: string;
  linkFallback: string;
  footerReason: string; // {shop}
  footerSupport: string; // {email}
  unsubscribe: string;
  smsStop: string;
  milestones: Record<Milestone, MilestoneCopy>;
  situations: Record<SituationCode, SituationCopy>;
};

export const CATALOGS: Record<Language, Catalog> = { en, fr, de, es };

export type MessageLocale = { language: Language; copy: Catalog; dateLocale: string };

// Same rules as the tracking page: the shopper's tag when it is well formed, else the shop's; a language
// Parcelwise doesn't speak falls back to English.
export function messageLocale(locale: string | null, shopLocale: string): MessageLocale {
  const resolved = resolveLocale(locale, shopLocale);
  const sameLanguage = resolved.tag.split("-")[0]?.toLowerCase() === resolved.language;
  return {
    language: resolved.language,
    copy: CATALOGS[resolved.language],
    // "fr-CA" keeps Canadian date style; "pt-BR" reads English text, so its dates are English too.
    dateLocale: sameLanguage && isIntlLocale(resolved.tag) ? resolved.tag : resolved.language,
  };
}

function isIntlLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

export function fill(template: string, values: Record<string, string | number>): string {
  // Abbreviated dates end in a full stop ("lun. 30 nov."); a sentence ending on one needs no second.
  return template.replace(/\{(\w+)\}(\.?)/g, (_, name: string, stop: string) => {
    const value = String(values[name] ?? "");
    return stop && value.endsWith(".") ? value : value + stop;
  });
}

export function fillHtml(
  template: string,
  htmlValues: Record<string, string>,
  escape: (text: string) => string,
): string {
  return template
    .split(PLACEHOLDER)
    .map((piece, index) => (index % 2 === 1 ? (htmlValues[piece] ?? "") : escape(piece)))
    .join("");
}
