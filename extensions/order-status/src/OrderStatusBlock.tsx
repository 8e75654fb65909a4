/** @jsxImportSource preact */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { normalizePhoneE164 } from "../../../app/lib/phone";
import {
  ApiError,
  fetchOrderStatus,
  savePreferences,
  type OrderStatusView,
  type PreferenceView,
  type ShipmentView,
} from "./api";

// Order status page block: each shipment of the order as a plain-language timeline with its delivery window,
// then the shopper's choice of shipping updates. Everything comes from the app (api.order-status.$orderId).
// `shopify.*` values read here do not change while the page is open (order, language, shop), so they are read
// directly rather than through @preact/signals.
export default async () => {
  render(<Extension />, document.body);
};

const STEPS = ["ordered", "packed", "shipped", "out_for_delivery", "delivered"] as const;
const RECENT_EVENTS = 3;

function t(key: string, replacements?: Record<string, string | number>): string {
  return shopify.i18n.translate(key, replacements);
}

function Extension() {
  const orderId = shopify.order.value?.id ?? null;
  const [view, setView] = useState<OrderStatusView | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!orderId) return;
    let active = true;
    fetchOrderStatus(shopify.sessionToken, orderId)
      .then((result) => active && setView(result))
      .catch(() => active && setFailed(true));
    return () => {
      active = false;
    };
  }, [orderId]);

  if (!orderId) return null;
  if (failed) {
    return (
      <s-banner tone="warning" heading={t("errors.loadHeading")}>
        <s-text>{t("errors.load")}</s-text>
      </s-banner>
    );
  }
  if (!view) return <s-skeleton-paragraph />;

  return (
    <s-section heading={t("heading")}>
      <s-stack gap="base">
        {view.shipments.length === 0 ? (
          <s-text>{t("empty")}</s-text>
        ) : (
          view.shipments.map((shipment, index) => (
            <ShipmentCard key={index} shipment={shipment} index={index} count={view.shipments.length} />
          ))
        )}
        {view.order.shipBy ? <s-text>{shipByText(view.order.shipBy)}</s-text> : null}
        <s-divider />
        <Preferences orderId={orderId} initial={view.preferences} />
      </s-stack>
    </s-section>
  );
}

function statusText(status: string, substatus: string | null): string {
  return substatus ? t(`substatus.${substatus}`) : t(`status.${status}`);
}

// A scan's time where it happened: shifted by the scan's own UTC offset and formatted as UTC. Without an
// offset, the shopper's own time zone.
function eventTime(occurredAt: string, utcOffsetMinutes: number | null): string {
  const options = { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" } as const;
  if (utcOffsetMinutes === null) return shopify.i18n.formatDate(new Date(occurredAt), options);
  const local = new Date(Date.parse(occurredAt) + utcOffsetMinutes * 60_000);
  return shopify.i18n.formatDate(local, { ...options, timeZone: "UTC" });
}

function day(value: string): string {
  return shopify.i18n.formatDate(new Date(value), { weekday: "short", month: "short", day: "numeric" });
}

// A calendar day ("YYYY-MM-DD"), printed as that day wherever the shopper is.
function calendarDay(value: string): string {
  return shopify.i18n.formatDate(new Date(`${value}T00:00:00Z`), {
    weekday: "short",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}

function shipByText({ part, overdue, day }: NonNullable<OrderStatusView["order"]["shipBy"]>): string {
  const date = calendarDay(day);
  if (part === "rest") return overdue ? t("shipBy.restLate", { date }) : t("shipBy.rest", { date });
  return overdue ? t("shipBy.orderLate", { date }) : t("shipBy.order", { date });
}

function deliveryWindow(shipment: ShipmentView): string | null {
  if (shipment.deliveredAt && shipment.status === "delivered")
    return t("window.delivered", { date: day(shipment.deliveredAt) });
  if (shipment.window) {
    const start = day(shipment.window.start);
    const end = day(shipment.window.end);
    return start === end ? t("window.single", { date: start }) : t("window.range", { start, end });
  }
  if (shipment.carrierEstimatedAt) return t("window.single", { date: day(shipment.carrierEstimatedAt) });
  return null;
}

function ShipmentCard({ shipment, index, count }: { shipment: ShipmentView; index: number; count: number }) {
  const expected = deliveryWindow(shipment);
  const problemTone =
    shipment.problem === "exception" || shipment.problem === "returned" ? "critical" : "warning";
  return (
    <s-stack gap="small-200">
      <s-heading>
        {count > 1 ? t("shipment.numbered", { index: index + 1, count }) : t("shipment.single")}
      </s-heading>
      <s-text type="strong">{t(`status.${shipment.status}`)}</s-text>
      {shipment.problem ? (
        <s-banner tone={problemTone} heading={t(`problem.${shipment.problem}`)}>
          <s-text>{statusText(shipment.status, shipment.substatus)}</s-text>
        </s-banner>
      ) : shipment.substatus ? (
        <s-text color="subdued">{t(`substatus.${shipment.substatus}`)}</s-text>
      ) : null}
      <s-progress
        value={shipment.step}
        max={STEPS.length - 1}
        tone={shipment.problem ? "critical" : "auto"}
        accessibilityLabel={t("steps.progress", {
          step: t(`steps.${STEPS[shipment.step] ?? "ordered"}`),
        })}
      />
      <s-ordered-list>
        {STEPS.map((step, stepIndex) => (
          <s-list-item key={step}>
            <s-text
              type={stepIndex === shipment.step ? "strong" : "generic"}
              color={stepIndex > shipment.step ? "subdued" : "base"}
            >
              {stepIndex <= shipment.step
                ? t("steps.done", { step: t(`steps.${step}`) })
                : t(`steps.${step}`)}
            </s-text>
          </s-list-item>
        ))}
      </s-ordered-list>
      {expected ? <s-text>{expected}</s-text> : null}
      {shipment.trackingNumber ? (
        <s-stack direction="inline" gap="small-200">
          <s-text>{shipment.carrier ?? t("carrier.unknown")}</s-text>
          {shipment.trackingUrl ? (
            <s-link href={shipment.trackingUrl} target="_blank">
              {shipment.trackingNumber}
            </s-link>
          ) : (
            <s-text>{shipment.trackingNumber}</s-text>
          )}
        </s-stack>
      ) : null}
      {shipment.events.length ? (
        <s-unordered-list>
          {shipment.events.slice(0, RECENT_EVENTS).map((event, eventIndex) => (
            <s-list-item key={eventIndex}>
              <s-text>
                {[
                  eventTime(event.occurredAt, event.utcOffsetMinutes),
                  statusText(event.status, event.substatus),
                  event.place,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </s-text>
            </s-list-item>
          ))}
        </s-unordered-list>
      ) : null}
    </s-stack>
  );
}

function Preferences({ orderId, initial }: { orderId: string; initial: PreferenceView | null }) {
  const [email, setEmail] = useState(initial?.email ?? false);
  const [sms, setSms] = useState(initial?.sms ?? false);
  const [phone, setPhone] = useState("");
  const [storedPhone, setStoredPhone] = useState(initial?.phone ?? null);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const consentText = t("preferences.consent", { shop: shopify.shop.name });

  async function save() {
    setPhoneError(null);
    const typed = phone.trim();
    if (sms && (typed ? !normalizePhoneE164(typed) : !storedPhone)) {
      setPhoneError(t(typed ? "preferences.phoneInvalid" : "preferences.phoneRequired"));
      return;
    }
    setStatus("saving");
    try {
      const saved = await savePreferences(shopify.sessionToken, orderId, {
        email,
        sms,
        phone: sms && typed ? normalizePhoneE164(typed) : null,
        consentText,
        locale: shopify.localization.language.value.isoCode,
      });
      setStoredPhone(saved.phone);
      setPhone("");
      setStatus("saved");
    } catch (error) {
      if (error instanceof ApiError && error.field === "phone") {
        setPhoneError(t("preferences.phoneInvalid"));
        setStatus("idle");
      } else {
        setStatus("failed");
      }
    }
  }

  return (
    <s-stack gap="small-200">
      <s-heading>{t("preferences.heading")}</s-heading>
      <s-checkbox
        label={t("preferences.email")}
        checked={email}
        onChange={(event) => setEmail(checkedOf(event))}
      />
      <s-checkbox label={t("preferences.sms")} checked={sms} onChange={(event) => setSms(checkedOf(event))} />
      {sms ? (
        <s-phone-field
          label={storedPhone ? t("preferences.phoneReplace", { phone: storedPhone }) : t("preferences.phone")}
          type="mobile"
          autocomplete="tel"
          value={phone}
          error={phoneError ?? undefined}
          onChange={(event) => setPhone(valueOf(event))}
        />
      ) : null}
      <s-text color="subdued">{consentText}</s-text>
      <s-button onClick={save} loading={status === "saving"}>
        {t("preferences.save")}
      </s-button>
      {status === "saved" ? <s-banner tone="success" heading={t("preferences.saved")} /> : null}
      {status === "failed" ? <s-banner tone="critical" heading={t("preferences.failed")} /> : null}
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
