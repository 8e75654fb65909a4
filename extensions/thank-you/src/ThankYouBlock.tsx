/** @jsxImportSource preact */
import { render } from "preact";
import { useState } from "preact/hooks";
import { normalizePhoneE164 } from "../../../app/lib/phone";
import { ConsentError, sendConsent } from "./api";

// Thank-you page block: a compact opt-in for shipping updates by text and/or email. The consent wording is
// shown next to the controls and sent verbatim with the choice; the app records it with its own clock
// (api.notification-consent). `shopify.*` values read here do not change on this page, so they are read
// directly rather than through @preact/signals.
export default async () => {
  render(<Extension />, document.body);
};

function t(key: string, replacements?: Record<string, string | number>): string {
  return shopify.i18n.translate(key, replacements);
}

function Extension() {
  const [sms, setSms] = useState(false);
  const [email, setEmail] = useState(false);
  const [phone, setPhone] = useState("");
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [status, setStatus] = useState<"idle" | "saving" | "done" | "failed">("idle");
  const consentText = t("consent", { shop: shopify.shop.name });

  if (status === "done") {
    return (
      <s-banner tone="success" heading={t("done.heading")}>
        <s-text>{t(sms ? (email ? "done.both" : "done.sms") : "done.email")}</s-text>
      </s-banner>
    );
  }

  async function submit() {
    setPhoneError(null);
    const normalized = sms ? normalizePhoneE164(phone) : null;
    if (sms && !normalized) {
      setPhoneError(t(phone.trim() ? "phoneInvalid" : "phoneRequired"));
      return;
    }
    setStatus("saving");
    try {
      await sendConsent(shopify.sessionToken, {
        orderId: shopify.orderConfirmation.value.order.id,
        email,
        sms,
        phone: normalized,
        consentText,
        locale: shopify.localization.language.value.isoCode,
      });
      setStatus("done");
    } catch (error) {
      if (error instanceof ConsentError && error.field === "phone") {
        setPhoneError(t("phoneInvalid"));
        setStatus("idle");
      } else {
        setStatus("failed");
      }
    }
  }

  return (
    <s-stack gap="small-200">
      <s-heading>{t("heading")}</s-heading>
      <s-checkbox label={t("sms")} checked={sms} onChange={(event) => setSms(checkedOf(event))} />
      {sms ? (
        <s-phone-field
          label={t("phone")}
          type="mobile"
          autocomplete="tel"
          value={phone}
          error={phoneError ?? undefined}
          onChange={(event) => setPhone(valueOf(event))}
        />
      ) : null}
      <s-checkbox label={t("email")} checked={email} onChange={(event) => setEmail(checkedOf(event))} />
      <s-text color="subdued">{consentText}</s-text>
      <s-button onClick={submit} disabled={!sms && !email} loading={status === "saving"}>
        {t("submit")}
      </s-button>
      {status === "failed" ? <s-banner tone="critical" heading={t("failed")} /> : null}
    </s-stack>
  );
}

// Form elements report their state on the element that fired the event.
function checkedOf(event: Event): boolean {
  return Boolean((event.currentTarget as { checked?: boolean } | null)?.checked);
}

function valueOf(event: Event): string {
  return String((event.currentTarget as { value?: string } | null)?.value ?? "");
}
