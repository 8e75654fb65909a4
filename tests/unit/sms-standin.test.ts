import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isValidTwilioSignature } from "../../app/services/messaging/twilio-signature";
import { segmentCount, startSmsStandin, type SmsStandin } from "../../sms-standin";

// The stand-in answers as Twilio's REST API does, checked over plain HTTP (not through the app's client) so the
// client's tests run against a contract, not against themselves.
const ACCOUNT = {
  accountSid: `AC${"a1".repeat(16)}`,
  authToken: "standin-token-one",
  friendlyName: "Alpha Goods",
};
const OTHER = { accountSid: `AC${"b2".repeat(16)}`, authToken: "standin-token-two", friendlyName: "Bravo" };
const FROM = "+14155550100";

let now = new Date("2026-11-21T15:22:00Z");
let standin: SmsStandin;

beforeAll(async () => {
  standin = await startSmsStandin({ accounts: [ACCOUNT, OTHER], clock: () => now });
});
afterAll(() => standin.close());
afterEach(() => {
  now = new Date("2026-11-21T15:22:00Z");
});

function basic(account: { accountSid: string; authToken: string }) {
  return `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`;
}

async function api(
  path: string,
  {
    form,
    auth = basic(ACCOUNT),
    signal,
  }: { form?: Record<string, string>; auth?: string | null; signal?: AbortSignal } = {},
) {
  const response = await fetch(`${standin.url}${path}`, {
    method: form ? "POST" : "GET",
    headers: { ...(auth ? { Authorization: auth } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
    signal,
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

const messagesPath = (account = ACCOUNT) => `/2010-04-01/Accounts/${account.accountSid}/Messages.json`;
const send = (form: Record<string, string>, auth?: string | null) => api(messagesPath(), { form, auth });

describe("sending", () => {
  it("creates the message and answers 201 with Twilio's Message resource", async () => {
    const { status, json } = await send({ To: "+14155550101", From: FROM, Body: "Your parcel shipped" });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      account_sid: ACCOUNT.accountSid,
      to: "+14155550101",
      from: FROM,
      body: "Your parcel shipped",
      status: "queued",
      direction: "outbound-api",
      num_segments: "1",
      error_code: null,
      date_created: "Sat, 21 Nov 2026 15:22:00 +0000",
      api_version: "2010-04-01",
    });
    expect(json.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(standin.messages().at(-1)).toMatchObject({ sid: json.sid, status: "sent" });
  });

  it("lets a Messaging Service pick the number", async () => {
    const service = `MG${"c3".repeat(16)}`;
    const { status, json } = await send({ To: "+14155550102", MessagingServiceSid: service, Body: "Hi" });
    expect(status).toBe(201);
    expect(json).toMatchObject({ status: "accepted", messaging_service_sid: service, from: null });
  });

  it.each([
    ["no credentials", null, 401, 20003],
    ["a wrong token", basic({ ...ACCOUNT, authToken: "nope" }), 401, 20003],
    ["another account's credentials", basic(OTHER), 401, 20003],
  ])("refuses %s with 401 / 20003", async (_label, auth, status, code) => {
    const response = await send({ To: "+14155550103", From: FROM, Body: "x" }, auth);
    expect(response.status).toBe(status);
    expect(response.json).toMatchObject({
      code,
      status,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
    });
  });

  it.each([
    ["a missing To", { From: FROM, Body: "x" }, 21604],
    ["a To that is not E.164", { To: "415 555 0104", From: FROM, Body: "x" }, 21211],
    ["no From or Messaging Service", { To: "+14155550104", Body: "x" }, 21603],
    ["a missing Body", { To: "+14155550104", From: FROM }, 21602],
    ["a Body over 1600 characters", { To: "+14155550104", From: FROM, Body: "a".repeat(1601) }, 21617],
  ])("rejects %s with 400 / its Twilio code, creating nothing", async (_label, form, code) => {
    const before = standin.messages().length;
    const { status, json } = await send(form);
    expect(status).toBe(400);
    expect(json).toMatchObject({ code, status: 400 });
    expect(typeof json.message).toBe("string");
    expect(standin.messages()).toHaveLength(before);
  });

  it("accepts exactly 1600 characters", async () => {
    const { status, json } = await send({ To: "+14155550105", From: FROM, Body: "a".repeat(1600) });
    expect(status).toBe(201);
    expect(json.num_segments).toBe("11");
  });
});

describe("segments", () => {
  it.each([
    ["160 GSM-7 characters", "a".repeat(160), 1],
    ["161 GSM-7 characters", "a".repeat(161), 2],
    ["306 GSM-7 characters", "a".repeat(306), 2],
    ["307 GSM-7 characters", "a".repeat(307), 3],
    ["80 euro signs (two septets each)", "€".repeat(80), 1],
    ["81 euro signs", "€".repeat(81), 2],
    // 306 septets, yet 3 parts: the € that would straddle the first boundary starts the second part.
    ["an escape pair that would straddle a part", `${"a".repeat(152)}€${"a".repeat(152)}`, 3],
    ["70 UCS-2 characters", "é".repeat(69) + "ł", 1],
    ["71 UCS-2 characters", "ł".repeat(71), 2],
    ["134 UCS-2 characters", "ł".repeat(134), 2],
    ["135 UCS-2 characters", "ł".repeat(135), 3],
    ["35 emoji (two UTF-16 units each)", "📦".repeat(35), 1],
    ["36 emoji", "📦".repeat(36), 2],
  ])("%s → %i", (_label, body, expected) => {
    expect(segmentCount(body)).toBe(expected);
  });

  it("reports them on the message", async () => {
    const { json } = await send({
      To: "+14155550106",
      From: FROM,
      Body: `Your parcel 📦 ${"is on its way. ".repeat(5)}`,
    });
    expect(json.num_segments).toBe("2");
  });
});

describe("listing messages", () => {
  const TO = "+14155550199";

  it("filters by To, From and DateSent, newest first, with next_page_uri paging", async () => {
    now = new Date("2026-11-19T10:00:00Z");
    await send({ To: TO, From: FROM, Body: "two days ago" });
    now = new Date("2026-11-21T09:00:00Z");
    for (const body of ["one", "two", "three"]) {
      now = new Date(now.getTime() + 60_000);
      await send({ To: TO, From: FROM, Body: body });
    }
    await send({ To: "+14155550198", From: FROM, Body: "someone else" });
    await send({ To: TO, From: "+14155550177", Body: "another sender" });

    const query = new URLSearchParams({ To: TO, From: FROM, PageSize: "2" });
    query.set("DateSent>", "2026-11-21");
    const first = await api(`${messagesPath()}?${query}`);
    expect(first.status).toBe(200);
    expect((first.json.messages as Array<{ body: string }>).map((message) => message.body)).toEqual([
      "three",
      "two",
    ]);
    expect(first.json).toMatchObject({ page: 0, page_size: 2 });
    const nextUri = first.json.next_page_uri as string;
    expect(nextUri).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json\?/);

    const second = await api(nextUri);
    expect((second.json.messages as Array<{ body: string }>).map((message) => message.body)).toEqual(["one"]);
    expect(second.json.next_page_uri).toBeNull();

    const onTheDay = new URLSearchParams({ To: TO, DateSent: "2026-11-19" });
    const older = await api(`${messagesPath()}?${onTheDay}`);
    expect((older.json.messages as Array<{ body: string }>).map((message) => message.body)).toEqual([
      "two days ago",
    ]);
  });

  it("shows only the authenticated account's messages", async () => {
    const { json } = await api(`${messagesPath(OTHER)}?To=${encodeURIComponent(TO)}`, { auth: basic(OTHER) });
    expect(json.messages).toEqual([]);
  });

  it("refuses a date filter it cannot read", async () => {
    const query = new URLSearchParams({ "DateSent>": "yesterday" });
    const { status, json } = await api(`${messagesPath()}?${query}`);
    expect(status).toBe(400);
    expect(json.code).toBe(20001);
  });
});

describe("the account", () => {
  it("answers its friendly name and status to its own credentials only", async () => {
    const own = await api(`/2010-04-01/Accounts/${ACCOUNT.accountSid}.json`);
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({
      sid: ACCOUNT.accountSid,
      friendly_name: "Alpha Goods",
      status: "active",
    });
    const wrong = await api(`/2010-04-01/Accounts/${ACCOUNT.accountSid}.json`, { auth: basic(OTHER) });
    expect(wrong.status).toBe(401);
  });
});

describe("opt-outs and inbound messages", () => {
  let receiver: Server;
  let received: Array<{
    url: string;
    headers: Record<string, string | string[] | undefined>;
    form: URLSearchParams;
  }>;
  let webhookStandin: SmsStandin;
  let webhookUrl: string;

  beforeAll(async () => {
    received = [];
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        received.push({ url: request.url ?? "", headers: request.headers, form: new URLSearchParams(body) });
        response.writeHead(200, { "Content-Type": "text/xml" });
        response.end("<Response><Message>thanks</Message></Response>");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sms/inbound?shop=alpha-goods.myshopify.com`;
    webhookStandin = await startSmsStandin({ accounts: [ACCOUNT], inboundWebhookUrl: webhookUrl });
  });
  afterAll(async () => {
    await webhookStandin.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("posts the shopper's text to the webhook, signed as Twilio signs it, and returns the reply", async () => {
    const reply = await webhookStandin.simulateInbound({ from: "+447700900123", to: FROM, body: "help" });
    expect(reply).toBe("<Response><Message>thanks</Message></Response>");
    const [delivery] = received.splice(0);
    expect(delivery?.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(delivery?.form ?? [])).toMatchObject({
      From: "+447700900123",
      To: FROM,
      Body: "help",
      AccountSid: ACCOUNT.accountSid,
      NumMedia: "0",
      OptOutType: "HELP",
      SmsStatus: "received",
      ApiVersion: "2010-04-01",
    });
    expect(delivery?.form.get("MessageSid")).toMatch(/^SM[0-9a-f]{32}$/);
    const signature = delivery?.headers["x-twilio-signature"];
    expect(typeof signature).toBe("string");
    const verdict = (authToken: string) =>
      isValidTwilioSignature({
        authToken,
        url: webhookUrl,
        params: delivery?.form ?? new URLSearchParams(),
        signature: signature as string,
      });
    expect(verdict(ACCOUNT.authToken)).toBe(true);
    expect(verdict(OTHER.authToken)).toBe(false);
  });

  it("refuses texts to a number that replied STOP, until it replies START", async () => {
    const shopper = "+447700900124";
    const sendTo = () =>
      fetch(`${webhookStandin.url}${messagesPath()}`, {
        method: "POST",
        headers: { Authorization: basic(ACCOUNT) },
        body: new URLSearchParams({ To: shopper, From: FROM, Body: "Out for delivery" }),
      });
    expect((await sendTo()).status).toBe(201);
    await webhookStandin.simulateInbound({ from: shopper, to: FROM, body: " Stop " });
    expect(received.at(-1)?.form.get("OptOutType")).toBe("STOP");
    const refused = await sendTo();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 21610 });
    await webhookStandin.simulateInbound({ from: shopper, to: FROM, body: "START" });
    expect((await sendTo()).status).toBe(201);
  });
});

describe("failure injection", () => {
  it("fails the next requests with the status asked for, in Twilio's error shape", async () => {
    standin.failNext({ status: 429, count: 2, retryAfterSeconds: 9 });
    for (let i = 0; i < 2; i += 1) {
      const { status, headers, json } = await send({ To: "+14155550120", From: FROM, Body: "x" });
      expect(status).toBe(429);
      expect(headers.get("retry-after")).toBe("9");
      expect(json).toMatchObject({ code: 20429 });
    }
    standin.failNext({ status: 503 });
    expect((await send({ To: "+14155550120", From: FROM, Body: "x" })).status).toBe(503);
    expect((await send({ To: "+14155550120", From: FROM, Body: "x" })).status).toBe(201);
    expect(standin.messages().filter((message) => message.to === "+14155550120")).toHaveLength(1);
  });

  it("hangs the next request without creating anything", async () => {
    const before = standin.messages().length;
    standin.hangNext();
    const form = { To: "+14155550121", From: FROM, Body: "x" };
    await expect(api(messagesPath(), { form, signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /aborted|timeout/i,
    );
    expect(standin.messages()).toHaveLength(before);
    await expect(api(messagesPath(), { form })).resolves.toMatchObject({ status: 201 });
    expect(standin.messages()).toHaveLength(before + 1);
  });

  it("creates a held message at once but answers only on release", async () => {
    standin.holdResponses();
    const pending = send({ To: "+14155550122", From: FROM, Body: "held" });
    await expect.poll(() => standin.messages().some((message) => message.body === "held")).toBe(true);
    const settled = await Promise.race([pending.then(() => "answered"), sleep(200).then(() => "waiting")]);
    expect(settled).toBe("waiting");
    expect(standin.releaseHeld()).toBe(1);
    const { status, json } = await pending;
    expect(status).toBe(201);
    expect(json.sid).toBe(standin.messages().find((message) => message.body === "held")?.sid);
  });
});

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
