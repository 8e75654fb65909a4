/** @jsxImportSource preact */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import {
  appHref,
  fetchAdminOrder,
  type AdminOrderShipBy,
  type AdminOrderShipment,
  type AdminOrderView,
} from "./api";

// Order details block in Shopify admin: each shipment of the order with its carrier and tracking link, its
// status in plain language, the delivery window the shopper is shown, what needs attention and who can act,
// and a link to the shipment's support view in the app. Everything comes from the app
// (api.admin-order.$orderId); the order is the one the merchant is looking at.
export default async () => {
  render(<Extension />, document.body);
};

function t(key: string, replacements?: Record<string, string | number>): string {
  return shopify.i18n.translate(key, replacements);
}

type State = { kind: "loading" } | { kind: "failed" } | { kind: "loaded"; view: AdminOrderView };

function Extension() {
  const orderGid = shopify.data.selected[0]?.id ?? null;
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    if (!orderGid) return;
    let active = true;
    setState({ kind: "loading" });
    fetchAdminOrder(orderGid)
      .then((view) => active && setState({ kind: "loaded", view }))
      .catch(() => active && setState({ kind: "failed" }));
    return () => {
      active = false;
    };
  }, [orderGid]);

  if (!orderGid) return null;
  if (state.kind === "loading") {
    return (
      <s-admin-block heading={t("heading")}>
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-spinner accessibilityLabel={t("loading")} />
          <s-text color="subdued">{t("loading")}</s-text>
        </s-stack>
      </s-admin-block>
    );
  }
  if (state.kind === "failed") {
    return (
      <s-admin-block heading={t("heading")}>
        <s-banner tone="critical" heading={t("errors.loadHeading")}>
          <s-text>{t("errors.load")}</s-text>
        </s-banner>
      </s-admin-block>
    );
  }

  const { shipments, order } = state.view;
  const needingAttention = shipments.filter((shipment) => shipment.attention).length;
  const summary = needingAttention
    ? t("summary.attention", { count: shipments.length, attention: needingAttention })
    : t("summary.shipments", { count: shipments.length });
  return (
    <s-admin-block heading={t("heading")} collapsedSummary={summary}>
      {order?.shipBy ? <ShipBy shipBy={order.shipBy} /> : null}
      {shipments.length === 0 ? (
        <s-text>{t("empty")}</s-text>
      ) : (
        <s-stack gap="base">
          {shipments.map((shipment, index) => (
            <ShipmentRow key={shipment.id} shipment={shipment} index={index} count={shipments.length} />
          ))}
        </s-stack>
      )}
    </s-admin-block>
  );
}

function day(value: string): string {
  // As the app's admin pages print days (app/lib/format.ts): in UTC, so both show the same day.
  return shopify.i18n.formatDate(new Date(value), { month: "short", day: "numeric", timeZone: "UTC" });
}

function range(start: string, end: string): { start: string; end: string } | { date: string } {
  const first = day(start);
  const last = day(end);
  return first === last ? { date: last } : { start: first, end: last };
}

// The window from shown-window.ts (the one rule every surface follows), in the admin's language.
function windowText(window: AdminOrderShipment["window"]): string {
  switch (window.kind) {
    case "delivered":
      return t("window.delivered", { date: day(window.deliveredAt) });
    case "window": {
      const expected = range(window.start, window.end);
      const text = "date" in expected ? t("window.single", expected) : t("window.range", expected);
      return window.likely ? t("window.withLikely", { window: text, date: day(window.likely) }) : text;
    }
    case "late": {
      const promised = day(window.promisedBy);
      if (!window.newWindow) return t("window.late", { date: promised });
      const expected = range(window.newWindow.start, window.newWindow.end);
      const revised = "date" in expected ? expected.date : `${expected.start} – ${expected.end}`;
      return t("window.lateRevised", { date: promised, window: revised });
    }
    case "carrier_estimate":
      return t("window.carrierEstimate", { date: day(window.estimatedAt) });
    case "none":
      return t("window.none");
  }
}

// What is still to ship by the day the shop's delivery promise (Settings) gave the shopper.
function ShipBy({ shipBy }: { shipBy: AdminOrderShipBy }) {
  const date = day(`${shipBy.day}T00:00:00Z`);
  if (!shipBy.overdue) {
    return (
      <s-text>{shipBy.part === "rest" ? t("shipBy.rest", { date }) : t("shipBy.order", { date })}</s-text>
    );
  }
  return (
    <s-banner tone="warning" heading={t("shipBy.lateHeading")}>
      <s-text>
        {shipBy.part === "rest" ? t("shipBy.restLate", { date }) : t("shipBy.orderLate", { date })}
      </s-text>
    </s-banner>
  );
}

const STATUS_TONE: Record<string, "success" | "info" | "warning" | "critical" | "neutral"> = {
  delivered: "success",
  out_for_delivery: "info",
  ready_for_pickup: "info",
  attempted: "warning",
  delayed: "warning",
  exception: "critical",
  returned: "critical",
};

function ShipmentRow({
  shipment,
  index,
  count,
}: {
  shipment: AdminOrderShipment;
  index: number;
  count: number;
}) {
  const attention = shipment.attention;
  return (
    <s-stack gap="small-200">
      {count > 1 ? <s-heading>{t("shipment.numbered", { index: index + 1, count })}</s-heading> : null}
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-badge tone={STATUS_TONE[shipment.status] ?? "neutral"}>{t(`status.${shipment.status}`)}</s-badge>
        {attention ? (
          <s-badge tone={attention.kind === "stuck" || attention.kind === "late" ? "warning" : "critical"}>
            {t(`attention.${attention.kind}`)}
          </s-badge>
        ) : null}
      </s-stack>
      <s-stack direction="inline" gap="small-200">
        <s-text type="strong">{shipment.carrier ?? t("carrier.unknown")}</s-text>
        {shipment.trackingNumber ? (
          shipment.trackingUrl ? (
            <s-link href={shipment.trackingUrl} target="_blank">
              {shipment.trackingNumber}
            </s-link>
          ) : (
            <s-text>{shipment.trackingNumber}</s-text>
          )
        ) : (
          <s-text color="subdued">{t("carrier.noTrackingNumber")}</s-text>
        )}
      </s-stack>
      <s-text>{windowText(shipment.window)}</s-text>
      {attention?.owner ? (
        <s-text color="subdued">{t("attention.owner", { owner: t(`owner.${attention.owner}`) })}</s-text>
      ) : null}
      <s-link href={appHref(shipment.supportPath)}>{t("support")}</s-link>
    </s-stack>
  );
}
