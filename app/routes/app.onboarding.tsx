import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, InlineStack, Page, ProgressBar, Text } from "@shopify/polaris";
import { PageBusy } from "../components/PageBusy";
import { PageErrorBoundary } from "../components/PageErrorBoundary";
import { TRACKING_PAGE_EVIDENCE_TEXT } from "../components/TrackingPageCard";
import { ImportStepBody } from "../components/onboarding/ImportStepBody";
import { SetupStep } from "../components/onboarding/SetupStep";
import { config } from "../config.server";
import { pageMeta } from "../lib/page-title";
import { addAppBlockLink } from "../lib/theme-editor-link";
import { useRevalidateWhile } from "../lib/use-revalidate-while";
import { startBackfill } from "../models/backfill.server";
import { confirmTrackingPageAdded, getOnboarding } from "../models/onboarding.server";
import { requireAdminContext } from "../services/admin-context.server";

export const meta = () => pageMeta("Setup guide");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdminContext(request);
  return {
    onboarding: await getOnboarding({ shop }),
    addTrackingBlockUrl: addAppBlockLink({
      shop,
      apiKey: config().SHOPIFY_API_KEY,
      blockHandle: "tracking-page",
      template: "page",
    }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, admin } = await requireAdminContext(request);
  const intent = (await request.formData()).get("intent");
  if (intent === "backfill") await startBackfill({ shop, admin });
  if (intent === "tracking-page-added") await confirmTrackingPageAdded({ shop });
  return { ok: true };
}

export default function Onboarding() {
  const { onboarding, addTrackingBlockUrl } = useLoaderData<typeof loader>();
  const { steps, requiredDone, requiredTotal, complete } = onboarding;
  const navigation = useNavigation();
  const submitting = (intent: string) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const run = steps.importOrders.run;
  useRevalidateWhile(run?.status === "running" || run?.status === "pending");

  return (
    <Page
      title="Set up Parcelwise"
      subtitle="A few steps so shoppers stop asking where their order is."
      backAction={{ content: "Dashboard", url: "/app" }}
    >
      <PageBusy>
        <BlockStack gap="400">
          {/* On phones Polaris cards run edge to edge; the loose progress line keeps a margin. */}
          <Box paddingInline={{ xs: "400", sm: "0" }}>
            <BlockStack gap="200">
              <Text as="p" id="setup-progress-label">
                {requiredDone} of {requiredTotal} steps done
              </Text>
              <ProgressBar
                progress={Math.round((requiredDone / requiredTotal) * 100)}
                size="small"
                tone={complete ? "success" : "primary"}
                ariaLabelledBy="setup-progress-label"
              />
            </BlockStack>
          </Box>
          {complete ? (
            <Banner tone="success" title="You're all set">
              <BlockStack gap="200">
                <Text as="p">
                  Parcelwise is following your parcels. Problems show up under Needs attention with what to
                  do.
                </Text>
                <InlineStack gap="200">
                  <Button url="/app">Go to the dashboard</Button>
                  <Button url="/app/attention" variant="plain">
                    See what needs attention
                  </Button>
                </InlineStack>
              </BlockStack>
            </Banner>
          ) : null}
          <ol style={{ margin: 0, padding: 0, display: "grid", gap: "var(--p-space-400)" }}>
            <SetupStep
              id="import"
              number={1}
              title="Import your recent orders"
              done={steps.importOrders.done}
            >
              <ImportStepBody run={run} starting={submitting("backfill")} />
            </SetupStep>
            <SetupStep
              id="tracking-page"
              number={2}
              title="Add the tracking page"
              done={steps.trackingPage.done}
            >
              <Text as="p">
                Shoppers look up their order in your store&apos;s own look, and ask for help there when a
                parcel is late. The theme editor opens with the Parcelwise block already on a new page: check
                it and save.
              </Text>
              {steps.trackingPage.evidence ? (
                <Text as="p" tone="subdued">
                  {TRACKING_PAGE_EVIDENCE_TEXT[steps.trackingPage.evidence]}
                </Text>
              ) : null}
              <InlineStack gap="200">
                <Button
                  url={addTrackingBlockUrl}
                  target="_top"
                  variant={steps.trackingPage.done ? undefined : "primary"}
                >
                  Open the theme editor
                </Button>
                {steps.trackingPage.done ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="tracking-page-added" />
                    <Button submit loading={submitting("tracking-page-added")}>
                      I&apos;ve added it
                    </Button>
                  </Form>
                )}
              </InlineStack>
            </SetupStep>
            <SetupStep
              id="notifications"
              number={3}
              title="Turn on shipping notifications"
              done={steps.notifications.done}
            >
              <Text as="p">
                {steps.notifications.emailProviderConfigured
                  ? steps.notifications.emailMilestonesEnabled > 0
                    ? `Emails go out for ${steps.notifications.emailMilestonesEnabled} milestones, from your own address.`
                    : "Your email account is connected; choose at least one milestone to tell shoppers about."
                  : "Connect the email account Parcelwise sends from. Shoppers then hear about shipping, delays and delivery before they think to ask."}
              </Text>
              <div>
                <Button url="/app/notifications" variant={steps.notifications.done ? undefined : "primary"}>
                  Set up notifications
                </Button>
              </div>
            </SetupStep>
            <SetupStep
              id="carrier-accounts"
              number={4}
              title="Connect your carrier accounts"
              done={steps.carrierAccounts.done}
              optional
            >
              <Text as="p">
                {steps.carrierAccounts.connected > 0
                  ? `${steps.carrierAccounts.connected} carrier ${steps.carrierAccounts.connected === 1 ? "account" : "accounts"} connected.`
                  : "Parcelwise already tracks UPS, FedEx, USPS, DHL and Canada Post parcels. With your own API accounts, scans come straight from your contract with the carrier."}
              </Text>
              <div>
                <Button url="/app/settings#carrier-accounts">Carrier accounts</Button>
              </div>
            </SetupStep>
          </ol>
        </BlockStack>
      </PageBusy>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageErrorBoundary title="Set up Parcelwise" />;
}
