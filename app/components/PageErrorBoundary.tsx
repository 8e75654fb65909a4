import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { Banner, BlockStack, Button, Page, Text } from "@shopify/polaris";

// A page's own error state: the navigation stays, the page says what failed and offers to try again.
// Responses thrown by Shopify's authentication (an expired session, a re-authorisation) go to Shopify's
// boundary, which answers them inside the admin, as app.tsx does for the layout.
export function PageErrorBoundary({
  title,
  notFoundTitle,
  back,
}: {
  title: string;
  // What a 404 thrown by the page's loader means, e.g. "This shipment does not exist".
  notFoundTitle?: string;
  back?: { content: string; url: string };
}) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (isRouteErrorResponse(error) && !notFound) return boundary.error(error);
  return (
    <Page title={title} backAction={back}>
      <Banner
        tone="critical"
        title={notFound ? (notFoundTitle ?? "This page does not exist") : `${title} could not be loaded`}
      >
        <BlockStack gap="200">
          <Text as="p">
            {notFound
              ? "The link may be out of date."
              : "Something went wrong on our side. Your data is safe; trying again usually helps."}
          </Text>
          {notFound ? null : (
            <div>
              <Button onClick={() => window.location.reload()}>Try again</Button>
            </div>
          )}
        </BlockStack>
      </Banner>
    </Page>
  );
}
