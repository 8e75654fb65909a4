import type { MetaDescriptor } from "@remix-run/node";

export const APP_NAME = "Parcelwise";

// A page's document title, most specific part first, the app's name last: "Shipments · Parcelwise",
// "Shipment #1042 · 1Z999AA10123456784 · Parcelwise". Empty parts are left out.
export function pageTitle(...parts: Array<string | null | undefined>): string {
  return [...parts.filter((part): part is string => Boolean(part?.trim())), APP_NAME].join(" · ");
}

// What an admin route's `meta` export returns: `export const meta = () => pageMeta("Shipments");`.
export function pageMeta(...parts: Array<string | null | undefined>): MetaDescriptor[] {
  return [{ title: pageTitle(...parts) }];
}
