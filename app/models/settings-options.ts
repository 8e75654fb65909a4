// What the Settings page offers, shared by its model (validation) and its components (the form, the preview).

export const BUSINESS_DAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const;
export type BusinessDay = (typeof BUSINESS_DAYS)[number];

export const BUSINESS_DAY_LABELS: Record<BusinessDay, string> = {
  MON: "Monday",
  TUE: "Tuesday",
  WED: "Wednesday",
  THU: "Thursday",
  FRI: "Friday",
  SAT: "Saturday",
  SUN: "Sunday",
};

// The storefront tracking page's look and words. Blank texts mean the block's own translated defaults; the
// other defaults are the block's schema defaults (extensions/tracking-page/blocks/tracking-page.liquid).
export type TrackingPageLook = {
  heading: string;
  intro: string;
  lateMessage: string;
  accentColor: string;
  buttonStyle: "filled" | "outline";
  cornerRadius: number;
  logoUrl: string | null;
};

export const DEFAULT_TRACKING_PAGE_LOOK: TrackingPageLook = {
  heading: "",
  intro: "",
  lateMessage: "",
  accentColor: "#1a5fb4",
  buttonStyle: "filled",
  cornerRadius: 6,
  logoUrl: null,
};
