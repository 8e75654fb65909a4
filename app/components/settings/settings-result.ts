import type { FormResult } from "../FormResultBanner";

// What the Settings page's action answers: which form was saved, and how it went.
export type SettingsIntent =
  | "tracking-page-look"
  | "tracking-page-added"
  | "promises"
  | "retention"
  | "write-back"
  | "carrier-account"
  | "backfill";

export type SettingsResult = FormResult & {
  intent: SettingsIntent;
  // A saved tracking page look: on the storefront, nothing new for it, or waiting for Shopify.
  storefront?: "published" | "unchanged" | "pending";
};

export function resultFor(
  result: SettingsResult | null | undefined,
  intent: SettingsIntent,
): SettingsResult | null {
  return result?.intent === intent ? result : null;
}
