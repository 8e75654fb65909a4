import { Form } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { formatDay } from "../lib/format";
import { FormResultBanner, type FormResult } from "./FormResultBanner";

export type CarrierAccountView = {
  carrier: string;
  credentialHint: string;
  status: string;
  lastError: string | null;
  verifiedAt: Date | null;
};

const CARRIER_OPTIONS = [
  { label: "UPS", value: "ups" },
  { label: "FedEx", value: "fedex" },
  { label: "USPS", value: "usps" },
  { label: "DHL (Shipment Tracking – Unified)", value: "dhl" },
  { label: "DHL Express", value: "dhl_express" },
  { label: "Canada Post", value: "canada_post" },
];

// What each carrier's developer portal calls the fields it issues.
const FIELDS: Record<string, Array<{ name: string; label: string; secret?: boolean }>> = {
  ups: [
    { name: "clientId", label: "Client ID" },
    { name: "clientSecret", label: "Client secret", secret: true },
  ],
  fedex: [
    { name: "clientId", label: "API key" },
    { name: "clientSecret", label: "Secret key", secret: true },
  ],
  usps: [
    { name: "clientId", label: "Consumer key" },
    { name: "clientSecret", label: "Consumer secret", secret: true },
  ],
  dhl: [{ name: "apiKey", label: "API key", secret: true }],
  dhl_express: [
    { name: "userId", label: "Site ID" },
    { name: "password", label: "Password", secret: true },
  ],
  canada_post: [
    { name: "userId", label: "Username" },
    { name: "password", label: "Password", secret: true },
  ],
};

export function CarrierAccountsCard({
  accounts,
  result,
  saving,
}: {
  accounts: CarrierAccountView[];
  result: FormResult | null;
  saving: boolean;
}) {
  const [carrier, setCarrier] = useState("ups");
  const [values, setValues] = useState<Record<string, string>>({});
  // Once stored, secrets leave the form: they are never shown again.
  useEffect(() => {
    if (result?.ok) setValues({});
  }, [result]);
  const label = (code: string) => CARRIER_OPTIONS.find((option) => option.value === code)?.label ?? code;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Carrier accounts
        </Text>
        <Text as="p" tone="subdued">
          Optional: with your own API account, Parcelwise reads scans straight from the carrier. Credentials
          are checked with the carrier before they are saved, stored encrypted, and never shown again in full.
        </Text>
        <FormResultBanner
          result={result}
          success="Carrier account connected"
          failure="The account was not saved"
        />
        {accounts.map((account) => (
          <InlineStack key={account.carrier} gap="200" blockAlign="center" wrap>
            <Text as="span" fontWeight="semibold">
              {label(account.carrier)}
            </Text>
            <Text as="span">{account.credentialHint}</Text>
            <Badge tone={account.status === "active" ? "success" : "critical"}>{account.status}</Badge>
            {account.verifiedAt ? (
              <Text as="span" tone="subdued">
                checked {formatDay(account.verifiedAt)}
              </Text>
            ) : null}
            {account.lastError ? (
              <Text as="span" tone="critical">
                {account.lastError}
              </Text>
            ) : null}
          </InlineStack>
        ))}
        <Form method="post">
          <input type="hidden" name="intent" value="carrier-account" />
          <FormLayout>
            <Select
              label="Carrier"
              name="carrier"
              options={CARRIER_OPTIONS}
              value={carrier}
              onChange={setCarrier}
            />
            {(FIELDS[carrier] ?? []).map((field) => (
              <TextField
                key={`${carrier}-${field.name}`}
                label={field.label}
                name={field.name}
                type={field.secret ? "password" : "text"}
                value={values[`${carrier}-${field.name}`] ?? ""}
                onChange={(value) =>
                  setValues((current) => ({ ...current, [`${carrier}-${field.name}`]: value }))
                }
                autoComplete="off"
              />
            ))}
            <BlockStack inlineAlign="start">
              <Button submit loading={saving}>
                Check and connect
              </Button>
            </BlockStack>
          </FormLayout>
        </Form>
      </BlockStack>
    </Card>
  );
}
