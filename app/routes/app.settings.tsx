import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { getSettings, settingsUpdateSchema, updateSettings } from "../models/settings.server";
import { CarrierAccountsCard } from "../components/CarrierAccountsCard";
import { SyncStatusCard } from "../components/SyncStatusCard";
import { TrackingPageCard } from "../components/TrackingPageCard";
import { config } from "../config.server";
import { addAppBlockLink } from "../lib/theme-editor-link";
import { useRevalidateWhile } from "../lib/use-revalidate-while";
import { latestBackfill, startBackfill } from "../models/backfill.server";
import {
  CarrierCredentialsError,
  listCarrierAccounts,
  saveCarrierAccount,
  validateCredentials,
} from "../models/carrier-accounts.server";
import { isCarrierCode } from "../services/carriers/carrier-adapter";
import { fetchShopBasics } from "../models/shop-basics.server";
import { requireAdminContext } from "../services/admin-context.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, admin } = await requireAdminContext(request);
  const [settings, shopify, backfill, carrierAccounts] = await Promise.all([
    getSettings({ shop }),
    fetchShopBasics({ shop, admin }).catch(() => null),
    latestBackfill({ shop }),
    listCarrierAccounts({ shop }),
  ]);
  const addTrackingBlockUrl = addAppBlockLink({
    shop,
    apiKey: config().SHOPIFY_API_KEY,
    blockHandle: "tracking-page",
    template: "page",
  });
  return { settings, shopify, backfill, carrierAccounts, addTrackingBlockUrl };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, admin } = await requireAdminContext(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "backfill") {
    await startBackfill({ shop, admin });
    return { saved: false, errors: {} as Record<string, string> };
  }
  if (form.intent === "carrier-account") {
    const { intent: _intent, carrier, ...fields } = form;
    const credentials = Object.fromEntries(
      Object.entries(fields).filter(([, value]) => String(value).trim() !== ""),
    );
    if (typeof carrier !== "string" || !isCarrierCode(carrier))
      return { saved: false, errors: { carrierAccount: "Pick a carrier" } };
    try {
      await saveCarrierAccount({ shop, carrier, credentials: validateCredentials(carrier, credentials) });
      return { saved: true, errors: {} as Record<string, string> };
    } catch (error) {
      if (error instanceof CarrierCredentialsError)
        return { saved: false, errors: { carrierAccount: error.message } };
      throw error;
    }
  }
  const parsed = settingsUpdateSchema.safeParse(form);
  if (!parsed.success) {
    return {
      saved: false,
      errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])),
    };
  }
  await updateSettings({ shop, update: parsed.data });
  return { saved: true, errors: {} as Record<string, string> };
}

export default function Settings() {
  const { settings, shopify, backfill, carrierAccounts, addTrackingBlockUrl } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") !== "backfill";
  const importing = navigation.state === "submitting" && navigation.formData?.get("intent") === "backfill";
  useRevalidateWhile(backfill?.status === "running" || backfill?.status === "pending");
  const [processingDays, setProcessingDays] = useState(String(settings.processingDays));
  const [cutoff, setCutoff] = useState(settings.orderCutoffLocalTime);
  const [retention, setRetention] = useState(String(settings.dataRetentionDays));
  const [writeBack, setWriteBack] = useState(settings.writeBackToShopify);

  return (
    <Page title="Settings">
      <BlockStack gap="400">
        {result?.saved ? <Banner tone="success" title="Settings saved" /> : null}
        <Card>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Store
            </Text>
            {shopify ? (
              <Text as="p">
                {shopify.name} · {shopify.myshopifyDomain} · {shopify.ianaTimezone} · {shopify.currencyCode}
              </Text>
            ) : (
              <Text as="p" tone="critical">
                Shopify could not be reached just now; your settings below still save.
              </Text>
            )}
          </BlockStack>
        </Card>
        <TrackingPageCard addBlockUrl={addTrackingBlockUrl} />
        <SyncStatusCard run={backfill} busy={importing} />
        <CarrierAccountsCard accounts={carrierAccounts} error={result?.errors.carrierAccount ?? null} />
        <Card>
          <Form method="post">
            <FormLayout>
              <Text as="h2" variant="headingMd">
                Delivery promises
              </Text>
              <FormLayout.Group>
                <TextField
                  label="Processing days before shipping"
                  name="processingDays"
                  type="number"
                  value={processingDays}
                  onChange={setProcessingDays}
                  error={result?.errors.processingDays}
                  autoComplete="off"
                />
                <TextField
                  label="Same-day cut-off (shop time)"
                  name="orderCutoffLocalTime"
                  value={cutoff}
                  onChange={setCutoff}
                  error={result?.errors.orderCutoffLocalTime}
                  autoComplete="off"
                />
              </FormLayout.Group>
              <TextField
                label="Keep tracking data for (days)"
                name="dataRetentionDays"
                type="number"
                value={retention}
                onChange={setRetention}
                error={result?.errors.dataRetentionDays}
                autoComplete="off"
              />
              <Checkbox
                label="Write carrier milestones back to Shopify"
                helpText="Keeps Shopify's order status page, Shop app and Flow in step with carrier scans."
                checked={writeBack}
                onChange={setWriteBack}
              />
              <input type="hidden" name="writeBackToShopify" value={writeBack ? "true" : "false"} />
              <Button submit variant="primary" loading={saving}>
                Save
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </BlockStack>
    </Page>
  );
}
