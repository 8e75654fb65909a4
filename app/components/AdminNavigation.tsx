import { NavMenu } from "@shopify/app-bridge-react";
import { Link, useLocation } from "@remix-run/react";
import { Frame, Navigation } from "@shopify/polaris";
import type { ReactNode } from "react";

export const ADMIN_PAGES = [
  { url: "/app", label: "Dashboard" },
  { url: "/app/onboarding", label: "Setup guide" },
  { url: "/app/shipments", label: "Shipments" },
  { url: "/app/attention", label: "Needs attention" },
  { url: "/app/carriers", label: "Carrier performance" },
  { url: "/app/support", label: "Support" },
  { url: "/app/notifications", label: "Notifications" },
  { url: "/app/settings", label: "Settings" },
] as const;

// Inside Shopify admin, App Bridge renders the navigation in the admin's own sidebar.
export function EmbeddedNavigation() {
  return (
    <NavMenu>
      {ADMIN_PAGES.map((page) => (
        <Link key={page.url} to={page.url} rel={page.url === "/app" ? "home" : undefined}>
          {page.label}
        </Link>
      ))}
    </NavMenu>
  );
}

// The demo runs in a plain browser tab, so it draws the same navigation itself.
export function DemoFrame({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <Frame
      navigation={
        <Navigation location={location.pathname}>
          <Navigation.Section
            title="Parcelwise (demo)"
            items={ADMIN_PAGES.map((page) => ({
              url: page.url,
              label: page.label,
              exactMatch: page.url === "/app",
            }))}
          />
        </Navigation>
      }
    >
      {children}
    </Frame>
  );
}
