import { BlockStack, Button, Card, Text } from "@shopify/polaris";

// Settings → the storefront tracking page: one click opens the theme editor with the block added to a page.
export function TrackingPageCard({ addBlockUrl }: { addBlockUrl: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Tracking page in your store
        </Text>
        <Text as="p">
          Shoppers look up an order by its number and email (or phone or postal code), or by a tracking
          number, in your store&apos;s own look. Add the Parcelwise tracking block to a page, then link that
          page from your menu and your shipping emails.
        </Text>
        <div>
          <Button url={addBlockUrl} target="_top" variant="primary">
            Add the tracking page
          </Button>
        </div>
      </BlockStack>
    </Card>
  );
}
