import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Button, Page, Text } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";

// The Shipments page's error state: the admin's navigation stays and the page offers to try again. Responses
// thrown by Shopify's authentication (an expired session) go to Shopify's own boundary, as in app.tsx.
export function ShipmentsErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) return boundary.error(error);
  return (
    <Page title="Shipments">
      <Banner tone="critical" title="Shipments could not be loaded">
        <BlockStack gap="200">
          <Text as="p">Something went wrong on our side. Your data is safe; trying again usually helps.</Text>
          <div>
            <Button onClick={() => window.location.reload()}>Try again</Button>
          </div>
        </BlockStack>
      </Banner>
    </Page>
  );
}
