import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { TrackingPageEvidence } from "../models/onboarding.server";

export const TRACKING_PAGE_EVIDENCE_TEXT: Record<TrackingPageEvidence, string> = {
  lookups: "Shoppers are looking up their orders on it.",
  help_requests: "Shoppers are asking for help through it.",
  confirmed: "You told us it is on your store.",
};

// Settings → the storefront tracking page: one click opens the theme editor with the block added to a page.
export function TrackingPageCard({
  addBlockUrl,
  evidence,
  confirming,
}: {
  addBlockUrl: string;
  evidence: TrackingPageEvidence | null;
  confirming: boolean;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Tracking page in your store
          </Text>
          {evidence ? <Badge tone="success">Live</Badge> : <Badge>Not seen yet</Badge>}
        </InlineStack>
        <Text as="p">
          Shoppers look up an order by its number and email (or phone or postal code), or by a tracking
          number, in your store&apos;s own look. Add the Parcelwise tracking block to a page, then link that
          page from your menu and your shipping emails.
        </Text>
        {evidence ? (
          <Text as="p" tone="subdued">
            {TRACKING_PAGE_EVIDENCE_TEXT[evidence]}
          </Text>
        ) : null}
        <InlineStack gap="200">
          <Button url={addBlockUrl} target="_top" variant="primary">
            Add the tracking page
          </Button>
          {evidence ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value="tracking-page-added" />
              <Button submit loading={confirming}>
                I&apos;ve added it
              </Button>
            </Form>
          )}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
