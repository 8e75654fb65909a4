import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { z } from "zod";
import { DeadLetterCard } from "../components/DeadLetterCard";
import { EmailProviderCard } from "../components/EmailProviderCard";
import type { FormResult } from "../components/FormResultBanner";
import {
  NotificationPreviewCard,
  PREVIEW_LANGUAGES,
  type PreviewChoice,
  type PreviewView,
} from "../components/NotificationPreviewCard";
import { NotificationRulesForm } from "../components/NotificationRulesForm";
import { OutboxSummaryCard } from "../components/OutboxSummaryCard";
import { SmsProviderCard } from "../components/SmsProviderCard";
import { config } from "../config.server";
import { pageMeta } from "../lib/page-title";
import { normalizePhoneE164 } from "../lib/phone";
import {
  describeProviders,
  MessagingProviderInputError,
  MessagingProviderVerificationError,
  saveEmailProvider,
  saveSmsProvider,
  TWILIO_BASE_URL,
} from "../models/messaging-providers.server";
import { isChannel, isMilestone, type Channel } from "../models/notification-rules";
import {
  brandingFromForm,
  getNotificationSettings,
  NotificationSettingsError,
  rulesFromForm,
  saveNotificationSettings,
} from "../models/notification-settings.server";
import { listDeadNotifications, outboxSummary } from "../models/notifications.server";
import { getShop } from "../models/shop.server";
import { AdminGraphqlError, type AdminGraphql } from "../services/admin-graphql.server";
import { requireAdminContext } from "../services/admin-context.server";
import { SmsProviderError } from "../services/messaging/sms-client";
import { EmailSendError } from "../services/notifications/email-sender.server";
import { retryNotification } from "../services/notifications/notification-claims.server";
import {
  previewNotification,
  PreviewUnavailableError,
  sendTestNotification,
} from "../services/notifications/preview.server";

const OUTBOX_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;
const SHOPIFY_UNREACHABLE = "Shopify couldn't be reached to fill in the message: try again in a minute.";

export const meta = () => pageMeta("Notifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, admin } = await requireAdminContext(request);
  const [settings, providers, outbox, deadLetters, shopRow] = await Promise.all([
    getNotificationSettings({ shop }),
    describeProviders({ shop }),
    outboxSummary({ shop, since: new Date(Date.now() - OUTBOX_DAYS * DAY_MS) }),
    listDeadNotifications({ shop }),
    getShop({ shop }),
  ]);
  const searchParams = new URL(request.url).searchParams;
  const choice = previewChoiceFrom(searchParams, shopRow?.locale ?? "en");
  const preview = searchParams.has("preview") ? await renderPreview({ shop, admin, choice }) : null;
  const inboundSmsWebhook = new URL("/sms/inbound", config().SHOPIFY_APP_URL);
  inboundSmsWebhook.searchParams.set("shop", shop);
  return {
    ...settings,
    providers,
    outbox,
    deadLetters,
    choice,
    preview,
    timeZone: shopRow?.timezone ?? "UTC",
    smsDefaultBaseUrl: TWILIO_BASE_URL,
    inboundSmsWebhookUrl: inboundSmsWebhook.toString(),
  };
}

type Intent = "rules" | "email-provider" | "sms-provider" | "test-send" | "retry";
type ActionResult = FormResult & { intent: Intent };
type FormFields = Record<string, FormDataEntryValue>;

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { shop, admin } = await requireAdminContext(request);
  const { intent, ...form } = Object.fromEntries(await request.formData());
  switch (intent) {
    case "rules":
      return { intent, ...(await saveRules(shop, form)) };
    case "email-provider":
      return { intent, ...(await saveProvider(() => saveEmailProvider({ shop, input: form }))) };
    case "sms-provider":
      return { intent, ...(await saveProvider(() => saveSmsProvider({ shop, input: form }))) };
    case "test-send":
      return { intent, ...(await sendTest(shop, admin, form)) };
    case "retry":
      return { intent, ...(await retry(shop, form)) };
  }
  throw new Response("Unknown action", { status: 400 });
}

const SAVED: FormResult = { ok: true, message: null, fieldErrors: {} };
const CHECK_FIELDS = "Check the highlighted fields.";

async function saveRules(shop: string, form: FormFields): Promise<FormResult> {
  const fieldErrors: Record<string, string> = {};
  const rules = collectFieldErrors(() => rulesFromForm(form), fieldErrors);
  const branding = collectFieldErrors(() => brandingFromForm(form), fieldErrors);
  if (!rules || !branding) return { ok: false, message: CHECK_FIELDS, fieldErrors };
  await saveNotificationSettings({ shop, rules, branding });
  return SAVED;
}

// Rules and brand are checked separately so that every wrong field is highlighted in one round.
function collectFieldErrors<T>(parse: () => T, into: Record<string, string>): T | null {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof NotificationSettingsError)) throw error;
    Object.assign(into, error.fieldErrors);
    return null;
  }
}

async function saveProvider(save: () => Promise<unknown>): Promise<FormResult> {
  try {
    await save();
    return SAVED;
  } catch (error) {
    if (error instanceof MessagingProviderInputError)
      return { ok: false, message: error.fieldErrors.form ?? CHECK_FIELDS, fieldErrors: error.fieldErrors };
    if (error instanceof MessagingProviderVerificationError)
      return { ok: false, message: error.message, fieldErrors: {} };
    throw error;
  }
}

async function sendTest(shop: string, admin: AdminGraphql, form: FormFields): Promise<FormResult> {
  const milestone = String(form.milestone ?? "");
  const channel = String(form.channel ?? "");
  if (!isMilestone(milestone) || !isChannel(channel)) throw new Response("Unknown message", { status: 400 });
  const to = testRecipient(channel, String(form.to ?? ""));
  if (!to) {
    const hint =
      channel === "email"
        ? "Enter your email address."
        : "Enter your mobile number with its country code, like +14155550134.";
    return { ok: false, message: null, fieldErrors: { to: hint } };
  }
  const shipmentId = typeof form.shipmentId === "string" && form.shipmentId ? form.shipmentId : undefined;
  try {
    const { providerMessageId } = await sendTestNotification({
      shop,
      admin,
      milestone,
      channel,
      to,
      shipmentId,
      locale: typeof form.locale === "string" && form.locale ? form.locale : null,
    });
    return { ...SAVED, providerMessageId };
  } catch (error) {
    return { ok: false, message: testSendFailure(error), fieldErrors: {} };
  }
}

function testRecipient(channel: Channel, to: string): string | null {
  if (channel === "sms") return normalizePhoneE164(to);
  const email = z.string().trim().email().safeParse(to);
  return email.success ? email.data : null;
}

// A failed test is information for the merchant (wrong provider settings, a refused address), not a crash.
function testSendFailure(error: unknown): string {
  if (error instanceof PreviewUnavailableError) return error.message;
  if (error instanceof EmailSendError) return `Your mail server didn't accept the message: ${error.message}`;
  if (error instanceof SmsProviderError)
    return `Your SMS provider didn't accept the message: ${error.message}`;
  if (error instanceof AdminGraphqlError) return SHOPIFY_UNREACHABLE;
  throw error;
}

async function retry(shop: string, form: FormFields): Promise<FormResult> {
  const queued = await retryNotification({ shop, id: String(form.id ?? "") });
  return queued
    ? SAVED
    : { ok: false, message: "That message was already retried or no longer exists.", fieldErrors: {} };
}

function isPreviewLanguage(value: string): boolean {
  return PREVIEW_LANGUAGES.some((language) => language.value === value);
}

function previewChoiceFrom(searchParams: URLSearchParams, shopLocale: string): PreviewChoice {
  const milestone = searchParams.get("preview") ?? "";
  const channel = searchParams.get("channel") ?? "";
  const locale = searchParams.get("locale") ?? "";
  const shopLanguage = shopLocale.split("-")[0] ?? "";
  return {
    milestone: isMilestone(milestone) ? milestone : "shipped",
    channel: isChannel(channel) ? channel : "email",
    locale: isPreviewLanguage(locale) ? locale : isPreviewLanguage(shopLanguage) ? shopLanguage : "en",
  };
}

async function renderPreview({
  shop,
  admin,
  choice,
}: {
  shop: string;
  admin: AdminGraphql;
  choice: PreviewChoice;
}): Promise<PreviewView> {
  try {
    const { rendered, shipment } = await previewNotification({ shop, admin, ...choice });
    return { ok: true, rendered, shipment };
  } catch (error) {
    if (error instanceof PreviewUnavailableError) return { ok: false, error: error.message };
    if (error instanceof AdminGraphqlError) return { ok: false, error: SHOPIFY_UNREACHABLE };
    throw error;
  }
}

export default function Notifications() {
  const {
    rules,
    branding,
    providers,
    outbox,
    deadLetters,
    choice,
    preview,
    timeZone,
    smsDefaultBaseUrl,
    inboundSmsWebhookUrl,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = (intent: Intent) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const resultFor = (intent: Intent) => (result?.intent === intent ? result : null);
  const retryingId = submitting("retry") ? String(navigation.formData?.get("id")) : null;

  return (
    <Page title="Notifications" subtitle="Shipping updates by email and text, sent from your own accounts.">
      <BlockStack gap="400">
        <NotificationRulesForm
          rules={rules}
          branding={branding}
          result={resultFor("rules")}
          saving={submitting("rules")}
        />
        {/* Remounted after a save, so the form shows what was stored and the secret fields are empty again. */}
        <EmailProviderCard
          key={providers.email?.verifiedAt ?? "email"}
          saved={providers.email}
          result={resultFor("email-provider")}
          saving={submitting("email-provider")}
        />
        <SmsProviderCard
          key={providers.sms?.verifiedAt ?? "sms"}
          saved={providers.sms}
          defaultBaseUrl={smsDefaultBaseUrl}
          inboundWebhookUrl={inboundSmsWebhookUrl}
          result={resultFor("sms-provider")}
          saving={submitting("sms-provider")}
        />
        <NotificationPreviewCard
          choice={choice}
          preview={preview}
          testResult={resultFor("test-send")}
          sending={submitting("test-send")}
        />
        <OutboxSummaryCard counts={outbox} days={OUTBOX_DAYS} />
        <DeadLetterCard
          notifications={deadLetters}
          timeZone={timeZone}
          result={resultFor("retry")}
          retryingId={retryingId}
        />
      </BlockStack>
    </Page>
  );
}
