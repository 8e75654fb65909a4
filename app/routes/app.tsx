import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import polarisFixes from "../styles/polaris-fixes.css?url";
import { DemoFrame, EmbeddedNavigation } from "../components/AdminNavigation";
import { config } from "../config.server";
import { requireAdminContext } from "../services/admin-context.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: polarisFixes },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { demo } = await requireAdminContext(request);
  return { apiKey: config().SHOPIFY_API_KEY, demo };
}

export default function AdminLayout() {
  const { apiKey, demo } = useLoaderData<typeof loader>();
  if (demo) {
    return (
      <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
        <DemoFrame>
          <Outlet />
        </DemoFrame>
      </AppProvider>
    );
  }
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <EmbeddedNavigation />
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs its own error boundary and headers to run the auth redirects inside the admin iframe.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
