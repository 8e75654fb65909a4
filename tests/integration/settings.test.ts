import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { connectCarrierAccount } from "../../app/models/carrier-account-check.server";
import { listCarrierAccounts } from "../../app/models/carrier-accounts.server";
import { DEFAULT_NOTIFICATION_RULES } from "../../app/models/notification-rules";
import {
  getNotificationSettings,
  saveNotificationSettings,
} from "../../app/models/notification-settings.server";
import { DEFAULT_TRACKING_PAGE_LOOK } from "../../app/models/settings-options";
import {
  getSettings,
  parseDataRetention,
  parsePromiseDefaults,
  parseTrackingPageLook,
  parseWriteBack,
  saveSettings,
  saveTrackingPageLook,
} from "../../app/models/settings.server";
import { createCarrierStandin, type CarrierStandin } from "../../carrier-standins";

const SHOP = "settings.myshopify.com";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

const LOOK_FIELDS = {
  heading: "Where's my parcel?",
  intro: "",
  lateMessage: "We ship within two days.",
  accentColor: "#006400",
  buttonStyle: "outline",
  cornerRadius: "12",
  logoUrl: "https://cdn.example.com/logo.png",
};

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  await prisma.shop.create({ data: { domain: SHOP, name: "Settings" } });
});

describe("delivery promise defaults", () => {
  it("saves processing days, a 24-hour cut-off and the shipping days in week order", async () => {
    const parsed = parsePromiseDefaults(
      form({ processingDays: "2", orderCutoffLocalTime: "09:30", businessDays: ["WED", "MON", "SAT"] }),
    );
    expect(parsed).toEqual({
      ok: true,
      data: { processingDays: 2, orderCutoffLocalTime: "09:30", businessDays: "MON,WED,SAT" },
    });
    if (!parsed.ok) return;
    await saveSettings({ shop: SHOP, update: parsed.data });
    expect(await getSettings({ shop: SHOP })).toMatchObject({
      processingDays: 2,
      orderCutoffLocalTime: "09:30",
      businessDays: ["MON", "WED", "SAT"],
    });
  });

  it("answers one message per wrong field", () => {
    const parsed = parsePromiseDefaults(form({ processingDays: "-1", orderCutoffLocalTime: "25:00" }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual([
      "businessDays",
      "orderCutoffLocalTime",
      "processingDays",
    ]);
    expect(parsed.fieldErrors.orderCutoffLocalTime).toMatch(/HH:MM/);
    const tooMany = parsePromiseDefaults(
      form({ processingDays: "31", orderCutoffLocalTime: "14:00", businessDays: ["MON", "FUNDAY"] }),
    );
    expect(tooMany.ok ? {} : tooMany.fieldErrors).toEqual({
      processingDays: "Enter whole days, 0 to 30",
      businessDays: expect.any(String),
    });
    expect(parsePromiseDefaults(form({ processingDays: "1.5", orderCutoffLocalTime: "9:00" })).ok).toBe(
      false,
    );
  });
});

describe("data retention and write-back", () => {
  it("keeps data between 30 days and 10 years", async () => {
    expect(parseDataRetention(form({ dataRetentionDays: "29" }))).toEqual({
      ok: false,
      fieldErrors: { dataRetentionDays: "Keep data at least 30 days" },
    });
    expect(parseDataRetention(form({ dataRetentionDays: "3651" })).ok).toBe(false);
    expect(parseDataRetention(form({ dataRetentionDays: "abc" })).ok).toBe(false);
    const parsed = parseDataRetention(form({ dataRetentionDays: " 400 " }));
    expect(parsed).toEqual({ ok: true, data: { dataRetentionDays: 400 } });
    if (parsed.ok) await saveSettings({ shop: SHOP, update: parsed.data });
    expect((await getSettings({ shop: SHOP })).dataRetentionDays).toBe(400);
  });

  it("turns write-back on and off", async () => {
    const on = parseWriteBack(form({ writeBackToShopify: "on" }));
    expect(on).toEqual({ ok: true, data: { writeBackToShopify: true } });
    if (on.ok) await saveSettings({ shop: SHOP, update: on.data });
    expect((await getSettings({ shop: SHOP })).writeBackToShopify).toBe(true);
    const off = parseWriteBack(form({}));
    expect(off).toEqual({ ok: true, data: { writeBackToShopify: false } });
    expect(parseWriteBack(form({ writeBackToShopify: "yes please" })).ok).toBe(false);
  });
});

describe("tracking page look", () => {
  it("starts from the block's own defaults", async () => {
    expect((await getSettings({ shop: SHOP })).trackingPageLook).toEqual(DEFAULT_TRACKING_PAGE_LOOK);
  });

  it("validates colours, the logo address and text lengths", () => {
    const parsed = parseTrackingPageLook(
      form({
        ...LOOK_FIELDS,
        accentColor: "green",
        logoUrl: "http://cdn.example.com/logo.png",
        heading: "x".repeat(81),
        cornerRadius: "40",
        buttonStyle: "glow",
      }),
    );
    expect(parsed.ok ? [] : Object.keys(parsed.fieldErrors).sort()).toEqual([
      "accentColor",
      "buttonStyle",
      "cornerRadius",
      "heading",
      "logoUrl",
    ]);
  });

  it("shares the logo and accent colour with the emails, and neither save drops the other's keys", async () => {
    const parsed = parseTrackingPageLook(form(LOOK_FIELDS));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    await saveTrackingPageLook({ shop: SHOP, look: parsed.data });
    const look = {
      ...LOOK_FIELDS,
      buttonStyle: "outline",
      cornerRadius: 12,
    };
    expect((await getSettings({ shop: SHOP })).trackingPageLook).toEqual(look);
    expect((await getNotificationSettings({ shop: SHOP })).branding).toEqual({
      logoUrl: LOOK_FIELDS.logoUrl,
      accentColor: "#006400",
    });

    await saveNotificationSettings({
      shop: SHOP,
      rules: DEFAULT_NOTIFICATION_RULES,
      branding: { logoUrl: null, accentColor: "#123456" },
    });
    expect((await getSettings({ shop: SHOP })).trackingPageLook).toEqual({
      ...look,
      logoUrl: null,
      accentColor: "#123456",
    });
  });

  it("falls back to defaults for stored values that no longer validate", async () => {
    await prisma.shopSettings.upsert({
      where: { shop: SHOP },
      create: {
        shop: SHOP,
        branding: JSON.stringify({ accentColor: "red", cornerRadius: 99, heading: "Hi" }),
      },
      update: {},
    });
    expect((await getSettings({ shop: SHOP })).trackingPageLook).toEqual({
      ...DEFAULT_TRACKING_PAGE_LOOK,
      heading: "Hi",
    });
  });
});

describe("carrier accounts", () => {
  let standin: CarrierStandin;
  beforeAll(async () => {
    standin = await createCarrierStandin({ clock: () => new Date("2026-11-20T12:00:00Z") });
  });
  afterAll(async () => {
    await standin.close();
  });
  const connect = (fields: Record<string, string>) =>
    connectCarrierAccount({
      shop: SHOP,
      form: form(fields),
      baseUrlFor: (carrier) => standin.baseUrlFor(carrier),
    });

  it("checks credentials with the carrier before saving, and keeps only a masked hint in view", async () => {
    const good = standin.credentialsFor("ups");
    const refused = await connect({
      carrier: "ups",
      clientId: good.clientId ?? "",
      clientSecret: "wrong-secret",
    });
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(/^UPS did not accept these credentials/),
    });
    expect(await listCarrierAccounts({ shop: SHOP })).toEqual([]);

    const incomplete = await connect({ carrier: "ups", clientId: "only-an-id" });
    expect(incomplete).toEqual({ ok: false, message: expect.stringContaining("clientSecret") });

    expect(
      await connect({ carrier: "ups", clientId: good.clientId ?? "", clientSecret: good.clientSecret ?? "" }),
    ).toEqual({
      ok: true,
    });
    const [account] = await listCarrierAccounts({ shop: SHOP });
    expect(account).toMatchObject({ carrier: "ups", status: "active", lastError: null });
    expect(account?.credentialHint).toBe(`••••${(good.clientSecret ?? "").slice(-4)}`);
    expect(account?.verifiedAt).toBeInstanceOf(Date);
    const stored = await prisma.carrierAccount.findFirstOrThrow({ where: { shop: SHOP } });
    expect(stored.credentials).not.toContain(good.clientSecret);
  });

  it("saves nothing when the carrier cannot be reached to check", async () => {
    standin.failNext({ carrier: "dhl", endpoint: "track", failure: 503, count: 1 });
    const outcome = await connect({ carrier: "dhl", apiKey: standin.credentialsFor("dhl").apiKey ?? "" });
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/could not be reached/) });
    expect(await listCarrierAccounts({ shop: SHOP })).toEqual([]);
    expect(await connect({ carrier: "nowhere-post" })).toEqual({ ok: false, message: "Pick a carrier" });
  });
});
