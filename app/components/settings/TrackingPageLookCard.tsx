import { Form } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  FormLayout,
  InlineGrid,
  RangeSlider,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { TrackingPageLook } from "../../models/settings-options";
import type { TrackingPagePreviewParts } from "../../models/settings-preview.server";
import { FormResultBanner } from "../FormResultBanner";
import type { SettingsResult } from "./settings-result";
import { trackingPagePreviewDocument } from "./tracking-page-preview";

const BUTTON_STYLES = [
  { label: "Filled", value: "filled" },
  { label: "Outline", value: "outline" },
];
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
// Typing redraws the preview after a short pause rather than on every key.
const PREVIEW_DELAY_MS = 150;

export function TrackingPageLookCard({
  look,
  storefrontPending,
  preview,
  result,
  saving,
}: {
  look: TrackingPageLook;
  // The storefront may still show an earlier look: Shopify has not taken the saved one yet.
  storefrontPending: boolean;
  preview: TrackingPagePreviewParts;
  result: SettingsResult | null;
  saving: boolean;
}) {
  const [draft, setDraft] = useState({
    ...look,
    cornerRadius: String(look.cornerRadius),
    logoUrl: look.logoUrl ?? "",
  });
  const set = (name: keyof typeof draft) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const errors = result?.fieldErrors ?? {};
  const shown = useDebounced(draft, PREVIEW_DELAY_MS);
  const previewDocument = trackingPagePreviewDocument(preview, {
    ...shown,
    buttonStyle: shown.buttonStyle === "outline" ? "outline" : "filled",
    cornerRadius: Number(shown.cornerRadius),
    logoUrl: shown.logoUrl || null,
  });

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Look and words
          </Text>
          <Text as="p" tone="subdued">
            Blank texts use the block&apos;s own wording in the shopper&apos;s language. Saving sends the look
            to your store&apos;s tracking page, where texts and a logo set on the block in the theme editor
            still come first. The logo and accent colour are also used in your shipping emails.
          </Text>
        </BlockStack>
        <FormResultBanner
          result={result}
          success="Tracking page look saved"
          failure="Check the highlighted fields"
        >
          {result?.storefront === "published" ? <p>Your store&apos;s tracking page shows it now.</p> : null}
          {result?.storefront === "pending" ? (
            <p>Your store&apos;s tracking page gets it as soon as Shopify answers.</p>
          ) : null}
        </FormResultBanner>
        {storefrontPending ? (
          <Banner tone="warning" title="Not on your storefront yet">
            <p>
              Shopify hasn&apos;t answered, so your store&apos;s tracking page still shows the previous look.
              Your changes are saved: Parcelwise keeps sending them, and the tracking page picks them up as
              soon as Shopify answers.
            </p>
          </Banner>
        ) : null}
        <InlineGrid columns={{ xs: 1, lg: 2 }} gap="400">
          <Form method="post">
            <input type="hidden" name="intent" value="tracking-page-look" />
            <FormLayout>
              <TextField
                label="Heading"
                name="heading"
                value={draft.heading}
                onChange={set("heading")}
                placeholder={preview.defaults.heading}
                maxLength={80}
                error={errors.heading}
                autoComplete="off"
              />
              <TextField
                label="Introduction"
                name="intro"
                value={draft.intro}
                onChange={set("intro")}
                placeholder={preview.defaults.intro}
                multiline={2}
                maxLength={300}
                error={errors.intro}
                autoComplete="off"
              />
              <TextField
                label="Message when a parcel is late"
                name="lateMessage"
                value={draft.lateMessage}
                onChange={set("lateMessage")}
                helpText="Shown under the answer, for example your own delivery promise."
                multiline={2}
                maxLength={300}
                error={errors.lateMessage}
                autoComplete="off"
              />
              <FormLayout.Group condensed>
                <TextField
                  label="Accent colour"
                  name="accentColor"
                  value={draft.accentColor}
                  onChange={set("accentColor")}
                  prefix={<Swatch colour={draft.accentColor} />}
                  connectedRight={
                    <input
                      type="color"
                      aria-label="Choose the accent colour"
                      value={HEX_COLOUR.test(draft.accentColor) ? draft.accentColor : "#1a5fb4"}
                      onChange={(event) => set("accentColor")(event.currentTarget.value)}
                      style={{
                        inlineSize: 44,
                        blockSize: 36,
                        padding: 2,
                        border: "none",
                        background: "none",
                      }}
                    />
                  }
                  error={errors.accentColor}
                  autoComplete="off"
                />
                <Select
                  label="Button style"
                  name="buttonStyle"
                  options={BUTTON_STYLES}
                  value={draft.buttonStyle}
                  onChange={set("buttonStyle")}
                  error={errors.buttonStyle}
                />
              </FormLayout.Group>
              <RangeSlider
                label="Corner radius"
                min={0}
                max={24}
                step={2}
                value={Number(draft.cornerRadius)}
                onChange={(value) => set("cornerRadius")(String(value))}
                output
                suffix={<Text as="span">{draft.cornerRadius} px</Text>}
                error={errors.cornerRadius}
              />
              <input type="hidden" name="cornerRadius" value={draft.cornerRadius} />
              <TextField
                label="Logo URL"
                name="logoUrl"
                type="url"
                value={draft.logoUrl}
                onChange={set("logoUrl")}
                placeholder="https://cdn.shopify.com/…/logo.png"
                error={errors.logoUrl}
                autoComplete="off"
              />
              <Button submit variant="primary" loading={saving}>
                Save look
              </Button>
            </FormLayout>
          </Form>
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Preview
            </Text>
            <Box
              borderColor="border"
              borderWidth="025"
              borderRadius="200"
              overflowX="hidden"
              overflowY="hidden"
            >
              {/* No scripts and no form posts inside: it only shows. */}
              <iframe
                title="Tracking page preview"
                sandbox=""
                srcDoc={previewDocument}
                data-tracking-preview
                style={{ display: "block", inlineSize: "100%", blockSize: 560, border: 0 }}
              />
            </Box>
          </BlockStack>
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

function Swatch({ colour }: { colour: string }) {
  return (
    <span
      aria-hidden
      style={{
        display: "inline-block",
        inlineSize: 16,
        blockSize: 16,
        borderRadius: 4,
        border: "1px solid var(--p-color-border)",
        background: HEX_COLOUR.test(colour) ? colour : "transparent",
      }}
    />
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
