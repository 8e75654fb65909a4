import type { JobRequest } from "./jobs.server";
import type { TrackingPageLook } from "./settings-options";

// How the tracking page's look reaches the storefront (storefront-look.server.ts does it): an app-data
// metafield on the app's installation, which the theme block reads as `app.metafields.tracking_page.look.value`.

export const LOOK_METAFIELD = { namespace: "tracking_page", key: "look" } as const;

export const CURRENT_APP_INSTALLATION_QUERY = `#graphql
  query CurrentAppInstallation {
    currentAppInstallation {
      id
    }
  }
`;

export const TRACKING_PAGE_LOOK_SET_MUTATION = `#graphql
  mutation TrackingPageLookSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        namespace
        key
        value
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

// What the block reads: the names of its own settings, so Liquid reads the same words either way.
export type StorefrontLook = {
  heading: string;
  intro: string;
  late_message: string;
  accent_color: string;
  button_style: "filled" | "outline";
  corner_radius: number;
  logo_url: string | null;
};

export function storefrontLook(look: TrackingPageLook): StorefrontLook {
  return {
    heading: look.heading,
    intro: look.intro,
    late_message: look.lateMessage,
    accent_color: look.accentColor,
    button_style: look.buttonStyle,
    corner_radius: look.cornerRadius,
    logo_url: look.logoUrl,
  };
}

// The job that copies the shop's tracking page look to Shopify, where the storefront block reads it
// (storefront-look.server.ts). One per shop: queued in the transaction that changes the look, so a saved look
// always reaches the storefront, however the save itself went.
export const PUBLISH_LOOK_JOB_TYPE = "tracking_page.publish_look";

// A save publishes at once itself; the job is the safety net for when that fails or never finishes.
export const PUBLISH_LOOK_SAFETY_NET_MS = 60_000;

export function publishLookJob(shop: string, runAt: Date): JobRequest {
  return { shop, type: PUBLISH_LOOK_JOB_TYPE, uniqueKey: PUBLISH_LOOK_JOB_TYPE, runAt };
}
