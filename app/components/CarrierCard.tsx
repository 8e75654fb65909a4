import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, InlineGrid, InlineStack, Link, Select, Text } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { carrierLabel } from "../lib/performance-labels";
import type { ActionResult } from "../models/action-result";
import { ActionResultBanner } from "./ActionResultBanner";
import { Timestamp } from "./Timestamp";

export type CarrierFacts = {
  carrier: string | null;
  carrierConfirmed: boolean;
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  service: string | null;
  lastMileCarrier: string | null;
  lastMileTrackingNumber: string | null;
  lastCheckedAt: string | Date | null;
  nextCheckAt: string | Date | null;
  lastPollError: string | null;
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" breakWord>
        {children}
      </Text>
    </BlockStack>
  );
}

// Who has the parcel, how to follow it, when Parcelwise last asked, and the merchant's correction when the
// detected carrier is wrong.
export function CarrierCard({
  facts,
  carrierOptions,
  timeZone,
}: {
  facts: CarrierFacts;
  carrierOptions: string[];
  timeZone: string;
}) {
  const fetcher = useFetcher<ActionResult | null>();
  const [carrier, setCarrier] = useState(facts.carrier ?? "");
  const result = fetcher.data?.intent === "correct-carrier" ? fetcher.data : null;
  const detected = facts.carrier ? carrierLabel(facts.carrier) : "Unknown";
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Carrier
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
          <Fact label="Carrier">
            {facts.carrierConfirmed ? `${detected} (set by you)` : detected}
            {facts.trackingCompany && facts.trackingCompany !== detected
              ? ` · entered in Shopify as ${facts.trackingCompany}`
              : ""}
          </Fact>
          <Fact label="Tracking">
            {facts.trackingUrl && facts.trackingNumber ? (
              <Link url={facts.trackingUrl} target="_blank">
                {facts.trackingNumber}
              </Link>
            ) : (
              (facts.trackingNumber ?? "No tracking number")
            )}
            {facts.service ? ` · ${facts.service}` : ""}
          </Fact>
          {facts.lastMileCarrier ? (
            <Fact label="Last mile">
              {carrierLabel(facts.lastMileCarrier)} {facts.lastMileTrackingNumber ?? ""}
            </Fact>
          ) : null}
          <Fact label="Last checked">
            <Timestamp value={facts.lastCheckedAt} timeZone={timeZone} />
          </Fact>
          <Fact label="Next check">
            {facts.nextCheckAt ? (
              <Timestamp value={facts.nextCheckAt} timeZone={timeZone} />
            ) : (
              "Not scheduled"
            )}
          </Fact>
          {facts.lastPollError ? <Fact label="Last carrier answer">{facts.lastPollError}</Fact> : null}
        </InlineGrid>
        <fetcher.Form method="post">
          <BlockStack gap="200">
            <input type="hidden" name="intent" value="correct-carrier" />
            <InlineStack gap="200" blockAlign="end" wrap>
              <div style={{ minWidth: "12rem", flex: "1 1 12rem" }}>
                <Select
                  label="Correct the carrier"
                  helpText="Tracking starts over with it, and new numbers like this one get it too."
                  name="carrier"
                  options={[
                    ...(facts.carrier ? [] : [{ label: "Choose a carrier", value: "" }]),
                    ...carrierOptions.map((code) => ({ label: carrierLabel(code), value: code })),
                  ]}
                  value={carrier}
                  onChange={setCarrier}
                />
              </div>
              <Button
                submit
                loading={fetcher.state !== "idle"}
                disabled={!carrier || carrier === facts.carrier}
              >
                Save carrier
              </Button>
            </InlineStack>
            <ActionResultBanner result={result} timeZone={timeZone} />
          </BlockStack>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}
