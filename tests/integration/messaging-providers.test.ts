import { createServer as createNetServer, type AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import {
  describeProviders,
  loadEmailProvider,
  loadSmsProvider,
  MessagingProviderInputError,
  MessagingProviderVerificationError,
  saveEmailProvider,
  saveSmsProvider,
  verifySmtp,
} from "../../app/models/messaging-providers.server";
import { startSmsStandin, type SmsStandin } from "../../sms-standin";

// The merchant's own SMTP server and Twilio account: settings are checked for real (SMTP login against a live
// server, the account looked up through the API) before anything is stored, and secrets are stored sealed.
const SHOP = "alpha-goods.myshopify.com";
const SMTP_USER = "shipping@alpha-goods.example";
const SMTP_PASSWORD = "correct horse battery staple";

type Smtp = {
  port: number;
  logins: Array<{ username: string; password: string }>;
  close: () => Promise<void>;
};

async function startSmtp(options: SMTPServerOptions): Promise<Smtp> {
  const logins: Smtp["logins"] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    ...options,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? "", password: auth.password ?? "" });
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
  });
  // A client that refuses the certificate drops the connection: the server reports it, nothing more.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const emailInput = (port: number, overrides: Record<string, unknown> = {}) => ({
  host: "127.0.0.1",
  port: String(port),
  secure: "",
  username: SMTP_USER,
  password: SMTP_PASSWORD,
  fromAddress: "shipping@alpha-goods.example",
  fromName: "Alpha Goods",
  replyTo: "help@alpha-goods.example",
  ...overrides,
});

async function storedRow() {
  return prisma.shopSettings.findUnique({ where: { shop: SHOP } });
}

async function failureOf(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected the save to fail");
    },
    (error: unknown) => error,
  );
}

let withAuth: Smtp;
let withoutAuth: Smtp;

beforeAll(async () => {
  withAuth = await startSmtp({ allowInsecureAuth: true, authMethods: ["PLAIN", "LOGIN"] });
  withoutAuth = await startSmtp({ authOptional: true, disabledCommands: ["STARTTLS", "AUTH"] });
});
afterAll(async () => {
  await withAuth.close();
  await withoutAuth.close();
});

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  await prisma.shop.create({ data: { domain: SHOP, name: "Alpha Goods" } });
  withAuth.logins.length = 0;
});

describe("email provider (SMTP)", () => {
  it("saves a server that needs no login after connecting to it", async () => {
    const saved = await saveEmailProvider({
      shop: SHOP,
      input: emailInput(withoutAuth.port, { username: "", password: "" }),
    });
    expect(saved).toMatchObject({
      host: "127.0.0.1",
      port: withoutAuth.port,
      username: null,
      password: null,
    });
    expect(await loadEmailProvider({ shop: SHOP })).toEqual({
      host: "127.0.0.1",
      port: withoutAuth.port,
      secure: false,
      username: null,
      password: null,
      fromAddress: "shipping@alpha-goods.example",
      fromName: "Alpha Goods",
      replyTo: "help@alpha-goods.example",
    });
  });

  it("logs in before saving, stores the password sealed and shows it masked", async () => {
    await saveEmailProvider({ shop: SHOP, input: emailInput(withAuth.port) });
    expect(withAuth.logins).toEqual([{ username: SMTP_USER, password: SMTP_PASSWORD }]);

    const row = await storedRow();
    expect(row?.emailProvider).toBeTruthy();
    expect(row?.emailProvider).not.toContain(SMTP_PASSWORD);
    expect(row?.emailProvider).not.toContain("battery");
    expect(JSON.parse(row?.emailProvider ?? "{}").sealedPassword).toMatch(/^v1\./);

    expect((await loadEmailProvider({ shop: SHOP }))?.password).toBe(SMTP_PASSWORD);
    const { email } = await describeProviders({ shop: SHOP });
    expect(email).toMatchObject({ username: SMTP_USER, password: "••••aple", fromName: "Alpha Goods" });
    expect(JSON.stringify(email)).not.toContain(SMTP_PASSWORD);
  });

  it("refuses a wrong password with a message a merchant understands, and saves nothing", async () => {
    const error = await failureOf(
      saveEmailProvider({ shop: SHOP, input: emailInput(withAuth.port, { password: "hunter2" }) }),
    );
    expect(error).toBeInstanceOf(MessagingProviderVerificationError);
    expect((error as Error).message).toMatch(/^The mail server refused the username or password/);
    expect(withAuth.logins).toEqual([{ username: SMTP_USER, password: "hunter2" }]);
    expect((await storedRow())?.emailProvider ?? null).toBeNull();
    expect(await loadEmailProvider({ shop: SHOP })).toBeNull();
  });

  it("keeps the working settings when a later change fails", async () => {
    await saveEmailProvider({ shop: SHOP, input: emailInput(withAuth.port) });
    const before = (await storedRow())?.emailProvider;
    await failureOf(
      saveEmailProvider({
        shop: SHOP,
        input: emailInput(withAuth.port, { password: "typo", fromName: "New name" }),
      }),
    );
    expect((await storedRow())?.emailProvider).toBe(before);
  });

  it("keeps the stored password when the form leaves it empty, and logs in with it", async () => {
    await saveEmailProvider({ shop: SHOP, input: emailInput(withAuth.port) });
    await saveEmailProvider({
      shop: SHOP,
      input: emailInput(withAuth.port, { password: "", fromName: "Alpha Goods Shipping" }),
    });
    expect(withAuth.logins.at(-1)).toEqual({ username: SMTP_USER, password: SMTP_PASSWORD });
    expect(await loadEmailProvider({ shop: SHOP })).toMatchObject({
      password: SMTP_PASSWORD,
      fromName: "Alpha Goods Shipping",
    });
  });

  it("never sends the stored password to a different server or username", async () => {
    await saveEmailProvider({ shop: SHOP, input: emailInput(withAuth.port) });
    withAuth.logins.length = 0;
    for (const change of [{ host: "localhost" }, { username: "someone-else@alpha-goods.example" }]) {
      const error = await failureOf(
        saveEmailProvider({ shop: SHOP, input: emailInput(withAuth.port, { ...change, password: "" }) }),
      );
      expect(error).toBeInstanceOf(MessagingProviderInputError);
      expect((error as MessagingProviderInputError).fieldErrors).toEqual({
        password: "Enter the password again: the server or username changed.",
      });
    }
    expect(withAuth.logins).toEqual([]);
  });

  it("explains a server that does not answer", async () => {
    const error = await failureOf(saveEmailProvider({ shop: SHOP, input: emailInput(await unusedPort()) }));
    expect(error).toBeInstanceOf(MessagingProviderVerificationError);
    expect((error as Error).message).toMatch(
      /^Nothing answered at 127\.0\.0\.1 on port \d+: check the host and port\.$/,
    );
    expect((await storedRow())?.emailProvider ?? null).toBeNull();
  });

  it("refuses a TLS server whose certificate is not trusted", async () => {
    const tls = await startSmtp({ secure: true, allowInsecureAuth: true });
    try {
      const error = await failureOf(
        saveEmailProvider({ shop: SHOP, input: emailInput(tls.port, { secure: "on" }) }),
      );
      expect(error).toBeInstanceOf(MessagingProviderVerificationError);
      expect((error as Error).message).toMatch(/TLS certificate isn't valid for 127\.0\.0\.1/);
      expect(tls.logins).toEqual([]);
    } finally {
      await tls.close();
    }
  });

  it("names every invalid field and does not try to connect", async () => {
    const verify = vi.fn(async () => {});
    const error = await failureOf(
      saveEmailProvider({
        shop: SHOP,
        input: {
          host: "smtp example com",
          port: "99999",
          username: "",
          fromAddress: "not-an-address",
          replyTo: "nope",
          fromName: "Alpha\r\nBcc: victim@example.com",
        },
        verify,
      }),
    );
    expect(error).toBeInstanceOf(MessagingProviderInputError);
    expect((error as MessagingProviderInputError).fieldErrors).toEqual({
      host: "Enter your mail server's host name, like smtp.example.com.",
      port: "Enter the port: usually 587 (STARTTLS) or 465 (TLS).",
      fromAddress: "Enter the address emails come from, like shipping@yourstore.com.",
      replyTo: "Enter a valid reply-to address, or leave it empty.",
      fromName: "The sender name must fit on one line.",
    });
    expect(verify).not.toHaveBeenCalled();
  });

  it("asks for the password when a username is entered without one", async () => {
    const error = await failureOf(
      saveEmailProvider({ shop: SHOP, input: emailInput(withAuth.port, { password: "" }) }),
    );
    expect((error as MessagingProviderInputError).fieldErrors).toEqual({
      password: "Enter the password for this username.",
    });
  });

  it("in production, refuses a host on a private network without dialling it", async () => {
    const error = await failureOf(
      saveEmailProvider({
        shop: SHOP,
        input: emailInput(withAuth.port),
        verify: (provider) => verifySmtp(provider, { allowPrivateNetwork: false }),
      }),
    );
    expect((error as Error).message).toBe(
      "127.0.0.1 is a private network address: enter the server's public host name.",
    );
    expect(withAuth.logins).toEqual([]);
  });
});

describe("SMS provider (Twilio-compatible)", () => {
  const ACCOUNT = {
    accountSid: `AC${"9d".repeat(16)}`,
    authToken: "0123456789abcdef0123456789abcdef",
    friendlyName: "Alpha Goods texts",
  };
  let standin: SmsStandin;

  beforeAll(async () => {
    standin = await startSmsStandin({ accounts: [ACCOUNT] });
  });
  afterAll(() => standin.close());
  afterEach(() => vi.restoreAllMocks());

  const smsInput = (overrides: Record<string, unknown> = {}) => ({
    baseUrl: standin.url,
    accountSid: ACCOUNT.accountSid,
    authToken: ACCOUNT.authToken,
    fromNumber: "+1 (415) 555-0100",
    ...overrides,
  });

  it("looks the account up through the API, then saves it with the token sealed", async () => {
    const saved = await saveSmsProvider({ shop: SHOP, input: smsInput() });
    expect(saved).toMatchObject({
      baseUrl: standin.url,
      accountSid: ACCOUNT.accountSid,
      authToken: "••••cdef",
      fromNumber: "+14155550100",
      accountName: "Alpha Goods texts",
    });
    const row = await storedRow();
    expect(row?.smsProvider).not.toContain(ACCOUNT.authToken);
    expect(JSON.parse(row?.smsProvider ?? "{}").sealedAuthToken).toMatch(/^v1\./);
    expect(await loadSmsProvider({ shop: SHOP })).toEqual({
      baseUrl: standin.url,
      accountSid: ACCOUNT.accountSid,
      authToken: ACCOUNT.authToken,
      fromNumber: "+14155550100",
    });
    expect((await describeProviders({ shop: SHOP })).sms?.authToken).toBe("••••cdef");
  });

  it("refuses a wrong token with a clear message and saves nothing", async () => {
    const error = await failureOf(
      saveSmsProvider({ shop: SHOP, input: smsInput({ authToken: "ffffffffffffffffffffffffffffffff" }) }),
    );
    expect(error).toBeInstanceOf(MessagingProviderVerificationError);
    expect((error as Error).message).toBe(
      "The Account SID and auth token don't match: copy both again from your Twilio Console.",
    );
    expect((await storedRow())?.smsProvider ?? null).toBeNull();
  });

  it("says when the API cannot be reached", async () => {
    standin.failNext({ status: 503 });
    const error = await failureOf(saveSmsProvider({ shop: SHOP, input: smsInput() }));
    expect((error as Error).message).toMatch(
      /^Couldn't reach 127\.0\.0\.1:\d+ to check the account: try again/,
    );
    expect((await storedRow())?.smsProvider ?? null).toBeNull();
  });

  it("keeps the stored token when the form leaves it empty, but only for the same account and API", async () => {
    await saveSmsProvider({ shop: SHOP, input: smsInput() });
    await saveSmsProvider({
      shop: SHOP,
      input: smsInput({ authToken: "", fromNumber: `MG${"ab".repeat(16)}` }),
    });
    expect(await loadSmsProvider({ shop: SHOP })).toMatchObject({
      authToken: ACCOUNT.authToken,
      fromNumber: `MG${"ab".repeat(16)}`,
    });
    const verify = vi.fn(async () => ({ accountName: "x" }));
    const moved = await failureOf(
      saveSmsProvider({
        shop: SHOP,
        input: smsInput({ authToken: "", baseUrl: "https://api.example-sms.com" }),
        verify,
      }),
    );
    expect((moved as MessagingProviderInputError).fieldErrors).toEqual({
      authToken: "Enter the auth token again: the account or API address changed.",
    });
    expect(verify).not.toHaveBeenCalled();
  });

  it("names every invalid field", async () => {
    const error = await failureOf(
      saveSmsProvider({
        shop: SHOP,
        input: {
          baseUrl: "http://sms.example.com",
          accountSid: "AC123",
          authToken: "short",
          fromNumber: "415 555 0100",
        },
      }),
    );
    expect(Object.keys((error as MessagingProviderInputError).fieldErrors).sort()).toEqual([
      "accountSid",
      "authToken",
      "baseUrl",
      "fromNumber",
    ]);
    expect((error as MessagingProviderInputError).fieldErrors.fromNumber).toBe(
      "Enter the number texts come from with its country code (+1 415 555 0134), or a Messaging Service SID (MG…).",
    );
    expect((error as MessagingProviderInputError).fieldErrors.baseUrl).toBe(
      "Enter the API address with https://, like https://api.twilio.com.",
    );
  });

  it("uses Twilio's API when no address is given", async () => {
    const verify = vi.fn(async () => ({ accountName: "Alpha Goods texts" }));
    await saveSmsProvider({ shop: SHOP, input: smsInput({ baseUrl: "" }), verify });
    expect(verify).toHaveBeenCalledWith(expect.objectContaining({ baseUrl: "https://api.twilio.com" }));
  });
});

async function unusedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
