import { describe, expect, it } from "vitest";
import { CHANNELS, MILESTONES, type Milestone } from "../../app/models/notification-rules";
import { SUBSTATUSES, type SubstatusCode } from "../../app/models/tracking-taxonomy";
import { CATALOGS } from "../../app/services/notifications/templates/catalog";
import { toGsmLookalikes } from "../../app/services/notifications/templates/gsm";
import {
  renderNotification,
  smsSegments,
  type TemplateInput,
} from "../../app/services/notifications/templates/render";

const LOCALES = ["en", "fr", "de", "es"] as const;
// A realistic app-proxy tracking link: 62 characters.
const TRACKING_URL = "https://hollowpinegoods.com/apps/parcelwise/t/8f3k2m9q4x7b1zq4";
const UNSUBSCRIBE_URL = "https://parcelwise.example/unsubscribe/hpg/u_4kq9x2";

function input(overrides: Partial<TemplateInput> = {}): TemplateInput {
  return {
    milestone: "shipped",
    channel: "email",
    locale: "en",
    shopLocale: "en",
    timeZone: "America/New_York",
    shop: {
      name: "Hollow Pine Goods",
      logoUrl: null,
      accentColor: "#2f6b3a",
      supportEmail: "help@hollowpinegoods.com",
    },
    firstName: "Ana",
    orderName: "#1001",
    items: [{ title: "Cedar candle", quantity: 2 }],
    carrierName: "UPS",
    trackingNumber: "1Z999AA10123456784",
    window: { start: new Date("2026-11-24T14:00:00Z"), end: new Date("2026-11-26T22:00:00Z") },
    deliveredAt: null,
    substatus: null,
    trackingUrl: TRACKING_URL,
    unsubscribeUrl: UNSUBSCRIBE_URL,
    ...overrides,
  };
}

function email(overrides: Partial<TemplateInput> = {}) {
  return renderNotification({ ...input(overrides), channel: "email" });
}

function sms(overrides: Partial<TemplateInput> = {}) {
  return renderNotification({ ...input(overrides), channel: "sms" });
}

// The milestone a situation is normally reported under.
const MILESTONE_FOR_STATUS: Record<string, Milestone> = {
  pending: "exception",
  pre_transit: "shipped",
  in_transit: "in_transit_update",
  out_for_delivery: "out_for_delivery",
  ready_for_pickup: "ready_for_pickup",
  delivered: "delivered",
  attempted: "exception",
  delayed: "delayed",
  exception: "exception",
  returned: "exception",
};
const SITUATIONS: Array<[string, Milestone]> = [
  ...Object.entries(SUBSTATUSES).map(([code, substatus]): [string, Milestone] => [
    code,
    MILESTONE_FOR_STATUS[substatus.status] ?? "exception",
  ]),
  ["stuck", "delayed"],
  ["late", "delayed"],
  ["window_moved", "delayed"],
];

describe("every milestone, channel and language", () => {
  const cases = MILESTONES.flatMap((milestone) =>
    CHANNELS.flatMap((channel) => LOCALES.map((locale) => [milestone, channel, locale] as const)),
  );

  it.each(cases)("%s by %s in %s links the tracking page", (milestone, channel, locale) => {
    const rendered = renderNotification(input({ milestone, channel, locale }));
    if (rendered.channel === "email") {
      expect(rendered.subject).toContain("#1001");
      expect(rendered.preheader.trim()).not.toBe("");
      expect(rendered.html).toContain(`href="${TRACKING_URL}"`);
      expect(rendered.html).toContain("#1001");
      expect(rendered.text).toContain(TRACKING_URL);
      expect(rendered.text).toContain("#1001");
    } else {
      expect(rendered.body).toContain(TRACKING_URL);
      expect(rendered.body.startsWith("Hollow Pine Goods: ")).toBe(true);
    }
  });

  it.each(LOCALES)("gives each milestone its own subject in %s", (locale) => {
    const subjects = MILESTONES.map((milestone) => email({ milestone, locale }).subject);
    expect(new Set(subjects).size).toBe(MILESTONES.length);
  });
});

describe("language", () => {
  it.each([
    ["fr-CA", "Suivre ma commande"],
    ["de-AT", "Bestellung verfolgen"],
    ["es", "Seguir mi pedido"],
    ["pt-BR", "Track your order"],
  ])("writes to a %s shopper in their language, or English", (locale, button) => {
    expect(email({ locale, shopLocale: "fr" }).html).toContain(`>${button}</a>`);
  });

  it("uses the shop's language when the shopper's is unknown", () => {
    expect(email({ locale: null, shopLocale: "de" }).subject).toBe("Bestellung #1001 wurde versendet");
  });

  it("formats dates for the shopper's language", () => {
    expect(email({ locale: "de", timeZone: "Europe/Berlin" }).text).toMatch(
      /Voraussichtliche Zustellung: Di\., 24\.\s–\sDo\., 26\. Nov\./u,
    );
    expect(email({ locale: "fr", timeZone: "Europe/Paris" }).text).toMatch(
      /Livraison prévue : mar\. 24\s–\sjeu\. 26 nov\./u,
    );
  });
});

describe("email content", () => {
  it("greets the shopper by first name, or neutrally without one", () => {
    expect(email({ firstName: "Ana" }).text.startsWith("Hi Ana,\n")).toBe(true);
    expect(email({ firstName: null }).text.startsWith("Hello,\n")).toBe(true);
    expect(email({ firstName: "  " }).text.startsWith("Hello,\n")).toBe(true);
    expect(email({ firstName: null, locale: "fr" }).text.startsWith("Bonjour,\n")).toBe(true);
  });

  it("says what happened, what happens next and when it should arrive", () => {
    const { text, subject } = email({ milestone: "shipped" });
    expect(subject).toBe("Order #1001 has shipped");
    expect(text).toContain("Your order is on its way");
    expect(text).toContain("What happens next: Tracking updates appear as the carrier scans your parcel.");
    expect(text).toMatch(/Expected delivery: Tue, Nov 24\s–\sThu, Nov 26/u);
    expect(text).toContain("Carrier: UPS");
    expect(text).toContain("Tracking number: 1Z999AA10123456784");
  });

  it("tells a shopper nobody was home what to do, in email and SMS", () => {
    const english = email({ milestone: "exception", substatus: "not_home" });
    expect(english.subject).toBe("Order #1001: Delivery attempted, nobody was home");
    expect(english.text).toContain(
      "What you can do: Make sure someone can receive it, or arrange a new delivery",
    );
    expect(english.html).toContain("What you can do");
    expect(sms({ milestone: "exception", substatus: "not_home" }).body).toContain(
      "Arrange redelivery or collect it.",
    );
    expect(email({ milestone: "exception", substatus: "not_home", locale: "es" }).text).toContain(
      "Qué puedes hacer: Asegúrate de que alguien pueda recibirlo o acuerda otra entrega",
    );
  });

  it.each([
    ["customs", "in_transit_update", "If customs asks you for duties or documents"],
    ["address_problem", "exception", "Contact us to correct your address."],
    ["ready_for_pickup", "ready_for_pickup", "Collect it with your ID and the tracking number."],
    ["left_at_door", "delivered", "check around your entrance and with neighbours"],
  ] as const)("tells the shopper what to do about %s", (substatus, milestone, action) => {
    expect(email({ substatus, milestone }).text).toContain(action);
  });

  it("leaves out the action when there is nothing to do", () => {
    const { text, html } = email({ milestone: "in_transit_update", substatus: "departed" });
    expect(text).toContain("Left a carrier facility");
    expect(text).not.toContain("What you can do");
    expect(html).not.toContain("What you can do");
  });

  it("falls back to the milestone's wording for an unknown substatus", () => {
    const { subject, text } = email({ milestone: "delayed", substatus: "something_new" });
    expect(subject).toBe("Order #1001 is running late");
    expect(text).toContain("It should move again within a day or two.");
  });

  it("explains a stuck parcel and a moved delivery window", () => {
    const stuck = email({ milestone: "delayed", substatus: "stuck" });
    expect(stuck.subject).toBe("Order #1001: No tracking update for a while");
    expect(stuck.text).toContain("hasn't scanned it for longer than usual");
    const moved = email({ milestone: "delayed", substatus: "window_moved" });
    expect(moved.text).toMatch(/New expected delivery: Tue, Nov 24\s–\sThu, Nov 26/u);
  });

  it("shows when a parcel was delivered, in the shopper's time zone", () => {
    const { text } = email({
      milestone: "delivered",
      deliveredAt: new Date("2026-11-25T03:42:00Z"),
      timeZone: "America/Los_Angeles",
    });
    expect(text).toMatch(/Delivery time: Tue, Nov 24, 7:42\sPM/u);
    expect(text).not.toContain("Expected delivery");
  });

  it("gives the collect-by date for a parcel at a pickup point when it is known", () => {
    const known = email({ milestone: "ready_for_pickup", pickupDeadline: new Date("2026-11-30T12:00:00Z") });
    expect(known.text).toContain("Bring your ID and the tracking number, and collect it by Mon, Nov 30.");
    expect(
      sms({ milestone: "ready_for_pickup", pickupDeadline: new Date("2026-11-30T12:00:00Z") }).body,
    ).toContain("Bring ID, collect by Mon, Nov 30.");
    expect(email({ milestone: "ready_for_pickup" }).text).toContain(
      "Collect it with your ID and the tracking number.",
    );
  });

  it("lists at most three items, then how many more", () => {
    const items = [
      { title: "Cedar candle", quantity: 2 },
      { title: "Mug", quantity: 1 },
      { title: "Wool socks", quantity: 1 },
      { title: "Soap", quantity: 1 },
      { title: "Towel", quantity: 3 },
    ];
    const { text } = email({ items });
    expect(text).toContain("In this order\n- 2 × Cedar candle\n- Mug\n- Wool socks\n- and 2 more items");
    expect(text).not.toContain("Soap");
    expect(email({ items: items.slice(0, 4) }).text).toContain("- and 1 more item\n");
    expect(email({ items: items.slice(0, 4), locale: "fr" }).text).toContain("- et 1 autre article\n");
  });

  it("leaves out the item list when there are no items", () => {
    const { text, html } = email({ items: [] });
    expect(text).not.toContain("In this order");
    expect(html).not.toContain("In this order");
  });
});

describe("email layout", () => {
  it("links the unsubscribe page in HTML and text when there is one", () => {
    const withLink = email();
    expect(withLink.html).toContain(`href="${UNSUBSCRIBE_URL}"`);
    expect(withLink.text).toContain(`Unsubscribe from shipping updates: ${UNSUBSCRIBE_URL}`);
    const without = email({ unsubscribeUrl: null });
    expect(without.html).not.toContain("Unsubscribe");
    expect(without.text).not.toContain("Unsubscribe");
  });

  it("shows the support address in the footer only when the shop has one", () => {
    expect(email().html).toContain('href="mailto:help@hollowpinegoods.com"');
    expect(email().text).toContain("Questions? Email us at help@hollowpinegoods.com");
    const without = email({ shop: { ...input().shop, supportEmail: null } });
    expect(without.html).not.toContain("mailto:");
    expect(without.text).not.toContain("Questions?");
  });

  it("escapes the shop name, item titles, the first name and URLs", () => {
    const { html } = email({
      shop: { ...input().shop, name: "<script>alert(1)</script> & Co" },
      firstName: '"><img src=x onerror=alert(1)>',
      items: [{ title: "Salt & Pepper <Set>", quantity: 1 }],
      trackingUrl: 'https://hollowpinegoods.com/t?a=1&b="x"',
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    expect(html).toContain("Salt &amp; Pepper &lt;Set&gt;");
    expect(html).toContain('href="https://hollowpinegoods.com/t?a=1&amp;b=&quot;x&quot;"');
  });

  it("shows the shop's logo, or its name when there is no logo", () => {
    const withLogo = email({ shop: { ...input().shop, logoUrl: "https://cdn.shopify.com/hpg/logo.png" } });
    expect(withLogo.html).toContain(
      '<img src="https://cdn.shopify.com/hpg/logo.png" alt="Hollow Pine Goods"',
    );
    const withoutLogo = email();
    expect(withoutLogo.html).not.toContain("<img");
    expect(withoutLogo.html).toMatch(/<span[^>]*>Hollow Pine Goods<\/span>/);
    const scriptLogo = email({ shop: { ...input().shop, logoUrl: "javascript:alert(1)" } });
    expect(scriptLogo.html).not.toContain("javascript:");
  });

  it("paints the button in the shop's accent colour", () => {
    const { html } = email({ shop: { ...input().shop, accentColor: "#2F6B3A" } });
    expect(html).toMatch(
      /bgcolor="#2f6b3a"[^>]*>\s*<a href="[^"]+"[^>]*color:#ffffff[^>]*>Track your order<\/a>/,
    );
  });

  it("keeps the button readable on a pale accent colour", () => {
    const { html } = email({ shop: { ...input().shop, accentColor: "#ffe066" } });
    expect(html).toMatch(/bgcolor="#ffe066"[^>]*>\s*<a [^>]*color:#111827[^>]*>Track your order<\/a>/);
  });

  it.each([["red"], ["#fff"], ["#2f6b3a;background:url(https://evil.example)"], [null]])(
    "uses the default accent for %j",
    (accentColor) => {
      const { html } = email({ shop: { ...input().shop, accentColor } });
      expect(html).toContain('bgcolor="#1f5f8b"');
      expect(html).not.toContain("evil.example");
    },
  );

  it("builds the layout from tables with inline styles only", () => {
    const { html } = email();
    expect(html).toContain('<table role="presentation"');
    expect(html).not.toMatch(/<style|<link|class="/);
    expect(html).toContain('<html lang="en"');
  });

  it("puts the same message in the plain-text part, with the link written out", () => {
    const { text, preheader } = email({ milestone: "out_for_delivery", window: null });
    expect(text).toContain("Out for delivery today");
    expect(text).toContain("What happens next: The driver has it and will deliver it today.");
    expect(text).toContain("What you can do: Keep an eye out, or make sure someone can receive it.");
    expect(text).toContain(`Track your order: ${TRACKING_URL}`);
    expect(text).not.toMatch(/<[a-z]/i);
    expect(preheader).toBe("Out for delivery today · The driver has it and will deliver it today.");
  });
});

describe("delivery window", () => {
  // 20:00 UTC on the 24th to 20:00 UTC on the 26th.
  const window = { start: new Date("2026-11-24T20:00:00Z"), end: new Date("2026-11-26T20:00:00Z") };

  it.each([
    ["UTC", /Expected delivery: Tue, Nov 24\s–\sThu, Nov 26/u],
    ["Pacific/Auckland", /Expected delivery: Wed, Nov 25\s–\sFri, Nov 27/u],
    ["Pacific/Honolulu", /Expected delivery: Tue, Nov 24\s–\sThu, Nov 26/u],
  ])("is given in the shopper's calendar in %s", (timeZone, expected) => {
    expect(email({ window, timeZone }).text).toMatch(expected);
  });

  it("shows a window within one local day as a single date, wherever that day falls", () => {
    const morning = { start: new Date("2026-11-24T11:00:00Z"), end: new Date("2026-11-24T18:00:00Z") };
    expect(email({ window: morning, timeZone: "Pacific/Auckland" }).text).toContain(
      "Expected delivery: Wed, Nov 25\n",
    );
    expect(email({ window: morning, timeZone: "America/Los_Angeles" }).text).toContain(
      "Expected delivery: Tue, Nov 24\n",
    );
    expect(email({ window: morning, timeZone: "Asia/Tokyo" }).text).toMatch(
      /Expected delivery: Tue, Nov 24\s–\sWed, Nov 25/u,
    );
  });

  it("reads a window ending at local midnight as ending the day before", () => {
    const wholeDay = { start: new Date("2026-11-24T05:00:00Z"), end: new Date("2026-11-25T05:00:00Z") };
    expect(email({ window: wholeDay, timeZone: "America/New_York" }).text).toContain(
      "Expected delivery: Tue, Nov 24\n",
    );
  });

  it("spells out the year when the window crosses into the next one", () => {
    const newYear = { start: new Date("2026-12-30T15:00:00Z"), end: new Date("2027-01-02T15:00:00Z") };
    expect(email({ window: newYear, timeZone: "UTC" }).text).toMatch(/Dec 30, 2026\s–\s.*Jan 2, 2027/u);
  });

  it("still renders when the shopper's time zone is unknown", () => {
    expect(email({ window, timeZone: "Mars/Olympus_Mons" }).text).toMatch(
      /Expected delivery: Tue, Nov 24\s–\sThu, Nov 26/u,
    );
  });
});

describe("SMS", () => {
  const realistic = MILESTONES.flatMap((milestone) => LOCALES.map((locale) => [milestone, locale] as const));

  it.each(realistic)("%s in %s fits one GSM-7 segment", (milestone, locale) => {
    const rendered = sms({
      milestone,
      locale,
      deliveredAt: new Date("2026-11-25T19:42:00Z"),
      pickupDeadline: new Date("2026-11-30T12:00:00Z"),
    });
    expect(rendered).toMatchObject({ segments: 1, encoding: "GSM-7" });
    expect([...rendered.body].length).toBeLessThanOrEqual(160);
    expect(rendered.body).toContain(TRACKING_URL);
    expect(smsSegments(rendered.body)).toEqual({ segments: rendered.segments, encoding: rendered.encoding });
  });

  const situations = SITUATIONS.flatMap(([code, milestone]) =>
    LOCALES.map((locale) => [code, milestone, locale] as const),
  );

  it.each(situations)("%s (%s) in %s fits one segment and says what to do", (code, milestone, locale) => {
    const rendered = sms({ milestone, locale, substatus: code });
    expect(rendered.segments).toBe(1);
    expect(rendered.body).toContain(TRACKING_URL);
    const situation = CATALOGS[locale].situations[code as SubstatusCode];
    expect(rendered.body).toContain(toGsmLookalikes(situation.label));
    if (situation.smsAction) expect(rendered.body).toContain(toGsmLookalikes(situation.smsAction));
  });

  it("adds the order name, the window and the opt-out reminder when they fit", () => {
    expect(sms({ milestone: "shipped", window: null }).body).toBe(
      `Hollow Pine Goods: Order #1001 has shipped. ${TRACKING_URL} Reply STOP to opt out`,
    );
    expect(sms({ milestone: "shipped" }).body).toMatch(
      /^Hollow Pine Goods: Order #1001 has shipped\. Expected delivery: Tue, Nov 24 - Thu, Nov 26\. https:\S+$/,
    );
  });

  it("drops the optional parts before it would need a second segment", () => {
    const rendered = sms({ milestone: "exception", substatus: "not_home" });
    expect(rendered.body).toBe(
      `Hollow Pine Goods: Delivery attempted, nobody was home. Arrange redelivery or collect it. ${TRACKING_URL}`,
    );
  });

  it("keeps French, German and Spanish in GSM-7 by writing accents GSM lacks as plain letters", () => {
    const french = sms({ milestone: "ready_for_pickup", locale: "fr" });
    expect(french.encoding).toBe("GSM-7");
    expect(french.body).toContain("Commande #1001 prete à etre retirée."); // ê is not in GSM 03.38; à and é are
    const spanish = sms({ milestone: "out_for_delivery", locale: "es" });
    expect(spanish.body).toContain("Asegurate de que alguien lo reciba."); // ú is not in GSM 03.38
  });

  it("switches to UCS-2 for a shop name outside GSM and keeps the whole link", () => {
    const emoji = sms({ shop: { ...input().shop, name: "Hollow Pine Goods 🌲" } });
    expect(emoji.encoding).toBe("UCS-2");
    expect(emoji.body).toContain(TRACKING_URL);
    expect(emoji.body.startsWith("Hollow Pine Goods 🌲: ")).toBe(true);
    expect(emoji.segments).toBe(smsSegments(emoji.body).segments);

    const polish = sms({ shop: { ...input().shop, name: "Łódź Ceramika" }, locale: "fr" });
    expect(polish.encoding).toBe("UCS-2");
    expect(polish.body).toContain(TRACKING_URL);
    expect(polish.body).toContain("Łódź Ceramika: ");
  });

  it("never cuts a link that cannot fit in one segment", () => {
    const longName = "The Very Long And Wonderfully Descriptive Hollow Pine Goods Company Store";
    const longUrl = `${TRACKING_URL}/${"q".repeat(80)}`;
    const rendered = sms({ shop: { ...input().shop, name: longName }, trackingUrl: longUrl });
    expect(rendered.segments).toBe(2);
    expect(rendered.body).toContain(longUrl);
    expect(rendered.body).toContain(longName);
  });
});
