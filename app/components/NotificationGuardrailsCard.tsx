import { BlockStack, Card, Checkbox, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { NotificationRules } from "../models/notification-rules";

export type BrandingView = { logoUrl: string | null; accentColor: string | null };

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function ColourSwatch({ colour }: { colour: string }) {
  return (
    <span
      aria-hidden
      style={{
        display: "inline-block",
        width: 16,
        height: 16,
        borderRadius: 4,
        border: "1px solid var(--p-color-border)",
        background: HEX_COLOUR.test(colour) ? colour : "transparent",
      }}
    />
  );
}

// Part of the notification rules form (NotificationRulesForm): the limits that keep messages welcome, and the
// brand the emails wear.
export function NotificationGuardrailsCard({
  rules,
  branding,
  errors,
}: {
  rules: NotificationRules;
  branding: BrandingView;
  errors: Record<string, string>;
}) {
  const [quietHours, setQuietHours] = useState(rules.quietHours.enabled);
  const [quietStart, setQuietStart] = useState(rules.quietHours.start);
  const [quietEnd, setQuietEnd] = useState(rules.quietHours.end);
  const [maxPerDay, setMaxPerDay] = useState(String(rules.maxPerShipmentPerDay));
  const [burstMinutes, setBurstMinutes] = useState(String(rules.burstWindowMinutes));
  const [maxAgeHours, setMaxAgeHours] = useState(String(rules.maxEventAgeHours));
  const [logoUrl, setLogoUrl] = useState(branding.logoUrl ?? "");
  const [accentColor, setAccentColor] = useState(branding.accentColor ?? "");

  return (
    <Card>
      <FormLayout>
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Guardrails
          </Text>
          <Text as="p" tone="subdued">
            Fewer, well-timed messages get read; a burst of scans at 3 a.m. does not.
          </Text>
        </BlockStack>
        <Checkbox
          label="Quiet hours"
          helpText="In the shopper's time zone. Messages wait until quiet hours end; they are not dropped."
          checked={quietHours}
          onChange={setQuietHours}
        />
        <input type="hidden" name="quietHours.enabled" value={quietHours ? "on" : "off"} />
        <FormLayout.Group>
          <TextField
            label="Quiet from"
            name="quietHours.start"
            type="time"
            value={quietStart}
            onChange={setQuietStart}
            disabled={!quietHours}
            error={errors["quietHours.start"]}
            autoComplete="off"
          />
          <TextField
            label="Quiet until"
            name="quietHours.end"
            type="time"
            value={quietEnd}
            onChange={setQuietEnd}
            disabled={!quietHours}
            error={errors["quietHours.end"]}
            autoComplete="off"
          />
        </FormLayout.Group>
        {/* Disabled inputs are not posted; the times are kept while quiet hours are off. */}
        {quietHours ? null : (
          <>
            <input type="hidden" name="quietHours.start" value={quietStart} />
            <input type="hidden" name="quietHours.end" value={quietEnd} />
          </>
        )}
        <FormLayout.Group>
          <TextField
            label="Most messages per shipment per day"
            name="maxPerShipmentPerDay"
            type="number"
            min={1}
            max={20}
            value={maxPerDay}
            onChange={setMaxPerDay}
            helpText="More wait for the next day."
            error={errors.maxPerShipmentPerDay}
            autoComplete="off"
          />
          <TextField
            label="Burst window (minutes)"
            name="burstWindowMinutes"
            type="number"
            min={0}
            max={120}
            value={burstMinutes}
            onChange={setBurstMinutes}
            helpText="Scans within this window become one message, about the newest."
            error={errors.burstWindowMinutes}
            autoComplete="off"
          />
          <TextField
            label="Ignore scans older than (hours)"
            name="maxEventAgeHours"
            type="number"
            min={1}
            max={336}
            value={maxAgeHours}
            onChange={setMaxAgeHours}
            helpText="A scan that reaches Parcelwise this late is history, not news."
            error={errors.maxEventAgeHours}
            autoComplete="off"
          />
        </FormLayout.Group>
        <Text as="h2" variant="headingMd">
          Brand
        </Text>
        <FormLayout.Group>
          <TextField
            label="Logo URL"
            name="logoUrl"
            type="url"
            value={logoUrl}
            onChange={setLogoUrl}
            placeholder="https://cdn.shopify.com/…/logo.png"
            helpText="Shown at the top of emails. Leave empty to use your store name."
            error={errors.logoUrl}
            autoComplete="off"
          />
          <TextField
            label="Accent colour"
            name="accentColor"
            value={accentColor}
            onChange={setAccentColor}
            prefix={<ColourSwatch colour={accentColor} />}
            placeholder="#1a73e8"
            helpText="Buttons and links in emails."
            error={errors.accentColor}
            autoComplete="off"
          />
        </FormLayout.Group>
      </FormLayout>
    </Card>
  );
}
