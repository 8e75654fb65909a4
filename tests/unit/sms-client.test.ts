import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSmsClient,
  SmsProviderError,
  type SmsClientOptions,
} from "../../app/services/messaging/sms-client";
import { startSmsStandin, type SmsStandin } from "../../sms-standin";

// The client against the Twilio stand-in over real HTTP: what a send returns, how every failure is classified
// (the dispatcher retries or gives up on that alone), and finding a send whose reply was lost.
const ACCOUNT = {
  accountSid: `AC${"5e".repeat(16)}`,
  authToken: "client-test-token",
  friendlyName: "Alpha Goods SMS",
};
const FROM = "+14155550100";

let now = new Date("2026-11-21T15:22:00Z");
let standin: SmsStandin;

beforeAll(async () => {
  standin = await startSmsStandin({ accounts: [ACCOUNT], clock: () => now });
});
afterAll(() => standin.close());

function client(overrides: Partial<SmsClientOptions> = {}) {
  return createSmsClient({
    baseUrl: standin.url,
    accountSid: ACCOUNT.accountSid,
    authToken: ACCOUNT.authToken,
    from: FROM,
    ...overrides,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<SmsProviderError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SmsProviderError);
  return error as SmsProviderError;
}

let numberSequence = 0;
function freshNumber() {
  numberSequence += 1;
  return `+1415555${String(1000 + numberSequence).padStart(4, "0")}`;
}

describe("send", () => {
  it("sends the text from the shop's number and returns the provider's sid, status and segments", async () => {
    const to = freshNumber();
    const sent = await client().send({ to, body: "Your order #1001 shipped with UPS." });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent).toMatchObject({ status: "queued", segments: 1 });
    expect(standin.messages().find((message) => message.sid === sent.sid)).toMatchObject({
      to,
      from: FROM,
      body: "Your order #1001 shipped with UPS.",
      account_sid: ACCOUNT.accountSid,
    });
  });

  it("reports how many segments a long or non-GSM text costs", async () => {
    expect((await client().send({ to: freshNumber(), body: "a".repeat(161) })).segments).toBe(2);
    expect(
      (await client().send({ to: freshNumber(), body: `Zásilka je na cestě ${"🚚".repeat(30)}` })).segments,
    ).toBe(2);
  });

  it("sends through a Messaging Service when the sender is an MG sid", async () => {
    const service = `MG${"7a".repeat(16)}`;
    const sent = await client({ from: service }).send({ to: freshNumber(), body: "Out for delivery today." });
    expect(sent.status).toBe("accepted");
    expect(standin.messages().find((message) => message.sid === sent.sid)).toMatchObject({
      messaging_service_sid: service,
      from: null,
    });
  });
});

describe("errors", () => {
  it("an invalid number is rejected for good, with Twilio's code and the number masked", async () => {
    const error = await failureOf(client().send({ to: "+1555", body: "hi" }));
    expect(error).toMatchObject({ kind: "rejected", retryable: false, code: 21211, status: 400 });
    // Twilio quotes the number in its message; the error ends up in logs and on the outbox row.
    const tooLong = await failureOf(client().send({ to: "+4155550199123456", body: "hi" }));
    expect(tooLong.code).toBe(21211);
    expect(tooLong.message).not.toContain("4155550199");
  });

  it("a recipient who replied STOP is rejected with 21610", async () => {
    const to = freshNumber();
    await standin.simulateInbound({ from: to, to: FROM, body: "STOP" });
    const error = await failureOf(client().send({ to, body: "Delivered!" }));
    expect(error).toMatchObject({ kind: "rejected", retryable: false, code: 21610 });
  });

  it("wrong credentials are auth_failed, not retryable", async () => {
    const error = await failureOf(client({ authToken: "wrong" }).send({ to: freshNumber(), body: "hi" }));
    expect(error).toMatchObject({ kind: "auth_failed", retryable: false, code: 20003, status: 401 });
  });

  it("a 429 is rate_limited with the Retry-After the provider asked for", async () => {
    standin.failNext({ status: 429, retryAfterSeconds: 7 });
    const error = await failureOf(client().send({ to: freshNumber(), body: "hi" }));
    expect(error).toMatchObject({ kind: "rate_limited", retryable: true, code: 20429, retryAfterMs: 7000 });
  });

  it.each([500, 503] as const)("a %i is provider_down and retryable, its outcome unknown", async (status) => {
    standin.failNext({ status });
    const error = await failureOf(client().send({ to: freshNumber(), body: "hi" }));
    expect(error).toMatchObject({ kind: "provider_down", retryable: true, status, outcomeUnknown: true });
  });

  it("no answer within the timeout is provider_down, its outcome unknown", async () => {
    standin.hangNext();
    const started = Date.now();
    const error = await failureOf(client({ timeoutMs: 250 }).send({ to: freshNumber(), body: "hi" }));
    expect(error).toMatchObject({ kind: "provider_down", retryable: true, outcomeUnknown: true });
    expect(error.message).toContain("250 ms");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a refused connection is provider_down, known not to have sent", async () => {
    const closedPort = await unusedPort();
    const error = await failureOf(
      client({ baseUrl: `http://127.0.0.1:${closedPort}` }).send({ to: freshNumber(), body: "hi" }),
    );
    expect(error).toMatchObject({ kind: "provider_down", retryable: true, outcomeUnknown: false });
  });

  it("a 201 it cannot read still counts as possibly sent", async () => {
    const garbled = createSmsClient({
      baseUrl: standin.url,
      accountSid: ACCOUNT.accountSid,
      authToken: ACCOUNT.authToken,
      from: FROM,
      fetchImpl: async () => new Response("<html>proxy page</html>", { status: 201 }),
    });
    const error = await failureOf(garbled.send({ to: freshNumber(), body: "hi" }));
    expect(error).toMatchObject({ kind: "provider_down", outcomeUnknown: true });
  });
});

describe("findSent: reconciling a send whose reply was lost", () => {
  it("finds a message the provider created while its reply never arrived", async () => {
    const to = freshNumber();
    const body = "Your parcel is out for delivery.";
    const attemptedAt = new Date(now.getTime());
    standin.holdResponses();
    const lost = await failureOf(client({ timeoutMs: 250 }).send({ to, body }));
    expect(lost.outcomeUnknown).toBe(true);
    const created = standin.messages().find((message) => message.to === to);
    expect(created).toBeDefined();

    const found = await client().findSent({ to, body, sentAfter: attemptedAt });
    expect(found).toEqual({ sid: created?.sid });
    expect(
      await client().findSent({ to, body: "Your parcel was delivered.", sentAfter: attemptedAt }),
    ).toBeNull();
    expect(await client().findSent({ to: freshNumber(), body, sentAfter: attemptedAt })).toBeNull();
    standin.releaseHeld();
  });

  it("follows next_page_uri to a message several pages back", async () => {
    const to = freshNumber();
    const attemptedAt = new Date(now.getTime());
    const target = await client().send({ to, body: "Your order #1042 shipped." });
    for (let i = 0; i < 110; i += 1) await client().send({ to, body: `Update ${i}` });
    const found = await client().findSent({ to, body: "Your order #1042 shipped.", sentAfter: attemptedAt });
    expect(found).toEqual({ sid: target.sid });
  });

  it("ignores the same text sent before this attempt (a minute's clock skew allowed)", async () => {
    const to = freshNumber();
    const body = "Your parcel was delivered.";
    now = new Date("2026-11-21T08:00:00Z");
    await client().send({ to, body });
    now = new Date("2026-11-21T15:22:00Z");
    expect(await client().findSent({ to, body, sentAfter: new Date("2026-11-21T09:00:00Z") })).toBeNull();
    expect(await client().findSent({ to, body, sentAfter: new Date("2026-11-21T08:00:45Z") })).not.toBeNull();
  });

  it("finds a text sent just before midnight for an attempt just after it", async () => {
    const to = freshNumber();
    const body = "Delayed: new estimate Monday.";
    now = new Date("2026-11-20T23:59:50Z");
    const sent = await client().send({ to, body });
    now = new Date("2026-11-21T00:00:20Z");
    expect(await client().findSent({ to, body, sentAfter: new Date("2026-11-21T00:00:05Z") })).toEqual({
      sid: sent.sid,
    });
    now = new Date("2026-11-21T15:22:00Z");
  });

  it("reports a provider failure instead of answering 'not sent'", async () => {
    standin.failNext({ status: 503 });
    const error = await failureOf(client().findSent({ to: freshNumber(), body: "x", sentAfter: now }));
    expect(error.kind).toBe("provider_down");
  });
});

describe("verify", () => {
  it("returns the account's name for the right credentials", async () => {
    expect(await client().verify()).toEqual({
      accountSid: ACCOUNT.accountSid,
      friendlyName: "Alpha Goods SMS",
      status: "active",
    });
  });

  it("is auth_failed for a wrong token", async () => {
    const error = await failureOf(client({ authToken: "not-the-token" }).verify());
    expect(error.kind).toBe("auth_failed");
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
