import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { CarrierAccountsCard } from "../components/CarrierAccountsCard";
import { PageBusy } from "../components/PageBusy";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { SyncStatusCard } from "../components/SyncStatusCard";
import { TrackingPageCard } from "../components/TrackingPageCard";
import { DataRetentionCard } from "../components/settings/DataRetentionCard";
import { NotificationsSettingsCard } from "../components/settings/NotificationsSettingsCard";
import { PromiseDefaultsCard } from "../components/settings/PromiseDefaultsCard";
import { resultFor, type SettingsIntent, type SettingsResult } from "../components/settings/settings-result";
import { TrackingPageLookCard } from "../components/settings/TrackingPageLookCard";
import { WriteBackCard } from "../components/settings/WriteBackCard";
import { config } from "../config.server";
import { pageMeta } from "../lib/page-title";
import { addAppBlockLink } from "../lib/theme-editor-link";
import { useRevalidateWhile } from "../lib/use-revalidate-while";
import { latestBackfill, startBackfill } from "../models/backfill.server";
import { listCarrierAccounts } from "../models/carrier-accounts.server";
import { connectCarrierAccount } from "../models/carrier-account-check.server";
import { confirmTrackingPageAdded, getOnboarding } from "../models/onboarding.server";
import {
  getSettings,
  parseDataRetention,
  parsePromiseDefaults,
  parseTrackingPageLook,
  parseWriteBack,
  saveSettings,
  type Parsed,
} from "../models/settings.server";
import { trackingPagePreviewParts } from "../models/settings-preview.server";
import { fetchShopBasics } from "../models/shop-basics.server";
import { saveAndPublishTrackingPageLook, storefrontLookState } from "../models/storefront-look.server";
import { getShop } from "../models/shop.server";
import { requireAdminContext } from "../services/admin-context.server";

export const meta = () => pageMeta("Settings");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, admin } = await requireAdminContext(request);
  const [settings, shopify, backfill, carrierAccounts, onboarding, shopRow, storefrontLook] =
    await Promise.all([
      getSettings({ shop }),
      fetchShopBasics({ shop, admin }).catch(() => null),
      latestBackfill({ shop }),
      listCarrierAccounts({ shop }),
      getOnboarding({ shop }),
      getShop({ shop }),
      storefrontLookState({ shop }),
    ]);
  return {
    settings,
    shopify,
    backfill,
    carrierAccounts,
    steps: onboarding.steps,
    storefrontLook,
    preview: trackingPagePreviewParts({ locale: shopRow?.locale ?? null }),
    addTrackingBlockUrl: addAppBlockLink({
      shop,
      apiKey: config().SHOPIFY_API_KEY,
      blockHandle: "tracking-page",
      template: "page",
    }),
  };
}

const CHECK_FIELDS = "Check the highlighted fields";

export async function action({ request }: ActionFunctionArgs): Promise<SettingsResult> {
  const { shop, admin } = await requireAdminContext(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as SettingsIntent;
  const done = (): SettingsResult => ({ intent, ok: true, message: null, fieldErrors: {} });
  const saveParsed = async <T,>(parsed: Parsed<T>, save: (data: T) => Promise<void>) => {
    if (!parsed.ok) return { intent, ok: false, message: CHECK_FIELDS, fieldErrors: parsed.fieldErrors };
    await save(parsed.data);
    return done();
  };
  switch (intent) {
    case "backfill":
      await startBackfill({ shop, admin });
      return done();
    case "tracking-page-added":
      await confirmTrackingPageAdded({ shop });
      return done();
    case "carrier-account": {
      const outcome = await connectCarrierAccount({ shop, form });
      return outcome.ok ? done() : { intent, ok: false, message: outcome.message, fieldErrors: {} };
    }
    case "tracking-page-look": {
      const parsed = parseTrackingPageLook(form);
      if (!parsed.ok) return { intent, ok: false, message: CHECK_FIELDS, fieldErrors: parsed.fieldErrors };
      // Saved here whatever Shopify says; the storefront gets it now or, through a queued job, once Shopify answers.
      const outcome = await saveAndPublishTrackingPageLook({ shop, admin, look: parsed.data });
      return { ...done(), storefront: outcome.storefront };
    }
    case "promises":
      return saveParsed(parsePromiseDefaults(form), (update) => saveSettings({ shop, update }));
    case "retention":
      return saveParsed(parseDataRetention(form), (update) => saveSettings({ shop, update }));
    case "write-back":
      return saveParsed(parseWriteBack(form), (update) => saveSettings({ shop, update }));
    default:
      return { intent, ok: false, message: "Unknown form", fieldErrors: {} };
  }
}

export default function Settings() {
  const {
    settings,
    shopify,
    backfill,
    carrierAccounts,
    steps,
    preview,
    addTrackingBlockUrl,
    storefrontLook,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = (intent: SettingsIntent) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  useRevalidateWhile(backfill?.status === "running" || backfill?.status === "pending");
  // Until Shopify has the saved look, look again now and then: the warning goes once it does.
  useRevalidateWhile(storefrontLook.pending, 5_000);

  return (
    <Page title="Settings">
      <PageBusy>
        <Layout>
          <Layout.AnnotatedSection
            title="Store"
            description="What Shopify tells Parcelwise about your store."
          >
            <Card>
              {shopify ? (
                <Text as="p">
                  {shopify.name} · {shopify.myshopifyDomain} · {shopify.ianaTimezone} · {shopify.currencyCode}
                </Text>
              ) : (
                <Text as="p" tone="critical">
                  Shopify could not be reached just now; your settings below still save.
                </Text>
              )}
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="tracking-page"
            title="Tracking page"
            description="The page in your store where shoppers follow their orders, and how it looks."
          >
            <BlockStack gap="400">
              <TrackingPageCard
                addBlockUrl={addTrackingBlockUrl}
                evidence={steps.trackingPage.evidence}
                confirming={submitting("tracking-page-added")}
              />
              <TrackingPageLookCard
                look={settings.trackingPageLook}
                storefrontPending={storefrontLook.pending}
                preview={preview}
                result={resultFor(result, "tracking-page-look")}
                saving={submitting("tracking-page-look")}
              />
            </BlockStack>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Notifications"
            description="Emails and texts to shoppers at each milestone."
          >
            <NotificationsSettingsCard
              emailProviderConfigured={steps.notifications.emailProviderConfigured}
              emailMilestonesEnabled={steps.notifications.emailMilestonesEnabled}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="carrier-accounts"
            title="Carrier accounts"
            description="Your own carrier API accounts, if you have them."
          >
            <CarrierAccountsCard
              accounts={carrierAccounts}
              result={resultFor(result, "carrier-account")}
              saving={submitting("carrier-account")}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Delivery promises"
            description="The defaults behind the delivery dates shoppers see."
          >
            <PromiseDefaultsCard
              settings={settings}
              result={resultFor(result, "promises")}
              saving={submitting("promises")}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="import"
            title="Order history"
            description="Bring in the orders placed before Parcelwise was installed."
          >
            <SyncStatusCard run={backfill} busy={submitting("backfill")} />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title="Data retention" description="How long tracking data is kept.">
            <DataRetentionCard
              days={settings.dataRetentionDays}
              result={resultFor(result, "retention")}
              saving={submitting("retention")}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title="Shopify" description="What Parcelwise writes back to your store.">
            <WriteBackCard
              enabled={settings.writeBackToShopify}
              result={resultFor(result, "write-back")}
              saving={submitting("write-back")}
            />
          </Layout.AnnotatedSection>
        </Layout>
      </PageBusy>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary title="Settings" />;
}
