import { describe, expect, it } from "vitest";
import {
  isValidTwilioSignature,
  publicWebhookUrl,
  twilioSignature,
} from "../../app/services/messaging/twilio-signature";
import { signTwilioWebhook } from "../../sms-standin";

// Two published vectors for the same URL and token. Twilio's "Webhooks security" page signs the numbers
// +12349013030 and gets 0/KCTR6DLpKmkAf8muzZqo1nDgQ=; the helper libraries' own tests (twilio-node,
// twilio-php, twilio-csharp, twilio-python) sign +14158675309 and get RSOYDt4T1cUTdK1PDd93/VVr8B8=.
const URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const AUTH_TOKEN = "12345";

function params(caller: string) {
  return new URLSearchParams({
    CallSid: "CA1234567890ABCDE",
    Caller: caller,
    Digits: "1234",
    From: caller,
    To: "+18005551212",
  });
}

describe("Twilio request signatures", () => {
  it("reproduces the example on Twilio's webhook security page", () => {
    expect(twilioSignature(AUTH_TOKEN, URL, params("+12349013030"))).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });

  it("reproduces the vector Twilio's helper libraries test against", () => {
    const signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    expect(twilioSignature(AUTH_TOKEN, URL, params("+14158675309"))).toBe(signature);
    expect(
      isValidTwilioSignature({ authToken: AUTH_TOKEN, url: URL, params: params("+14158675309"), signature }),
    ).toBe(true);
  });

  it("does not depend on the order the form lists its fields in", () => {
    const shuffled = new URLSearchParams([
      ["To", "+18005551212"],
      ["Digits", "1234"],
      ["From", "+12349013030"],
      ["CallSid", "CA1234567890ABCDE"],
      ["Caller", "+12349013030"],
    ]);
    expect(twilioSignature(AUTH_TOKEN, URL, shuffled)).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });

  it("refuses a changed parameter, URL or token, and a missing or malformed signature", () => {
    const signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    const valid = { authToken: AUTH_TOKEN, url: URL, params: params("+12349013030"), signature };
    expect(isValidTwilioSignature(valid)).toBe(true);
    const tampered = params("+12349013030");
    tampered.set("Digits", "9999");
    expect(isValidTwilioSignature({ ...valid, params: tampered })).toBe(false);
    const extra = params("+12349013030");
    extra.append("Body", "STOP");
    expect(isValidTwilioSignature({ ...valid, params: extra })).toBe(false);
    expect(isValidTwilioSignature({ ...valid, url: `${URL}&baz=3` })).toBe(false);
    expect(isValidTwilioSignature({ ...valid, url: URL.replace("https:", "http:") })).toBe(false);
    expect(isValidTwilioSignature({ ...valid, authToken: "54321" })).toBe(false);
    expect(isValidTwilioSignature({ ...valid, signature: null })).toBe(false);
    expect(isValidTwilioSignature({ ...valid, signature: "" })).toBe(false);
    expect(isValidTwilioSignature({ ...valid, signature: "short" })).toBe(false);
    expect(isValidTwilioSignature({ ...valid, signature: signature.toLowerCase() })).toBe(false);
  });

  it("accepts a URL signed with or without the scheme's default port, as Twilio's libraries do", () => {
    const form = params("+12349013030");
    const withPort = twilioSignature(AUTH_TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", form);
    expect(
      isValidTwilioSignature({ authToken: AUTH_TOKEN, url: URL, params: form, signature: withPort }),
    ).toBe(true);
    const otherPort = twilioSignature(AUTH_TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", form);
    expect(
      isValidTwilioSignature({ authToken: AUTH_TOKEN, url: URL, params: form, signature: otherPort }),
    ).toBe(false);
  });

  it("agrees with the SMS stand-in's independent signer, empty values and unicode included", () => {
    const form = {
      Body: "Stop ✋ por favor",
      From: "+447700900123",
      FromCity: "",
      To: "+14155550100",
      NumMedia: "0",
      AccountSid: "AC0123456789abcdef0123456789abcdef",
    };
    const url = "https://app.example.com/sms/inbound?shop=alpha-goods.myshopify.com";
    expect(twilioSignature("token-abc", url, new URLSearchParams(form))).toBe(
      signTwilioWebhook("token-abc", url, form),
    );
  });

  it("signs the repeated fields of a form one by one, in value order", () => {
    const form = new URLSearchParams([
      ["MediaUrl", "https://b.example/2.jpg"],
      ["Body", "hi"],
      ["MediaUrl", "https://a.example/1.jpg"],
    ]);
    const expected = twilioSignature(
      "t",
      URL,
      new URLSearchParams([
        ["Body", "hi"],
        ["MediaUrl", "https://a.example/1.jpg"],
        ["MediaUrl", "https://b.example/2.jpg"],
      ]),
    );
    expect(twilioSignature("t", URL, form)).toBe(expected);
  });
});

describe("the URL Twilio signed, behind a proxy", () => {
  it("is the app's public origin with the path and query as received", () => {
    const received = new Request("http://10.0.3.7:3000/sms/inbound?shop=alpha-goods.myshopify.com&x=a%20b", {
      method: "POST",
    });
    expect(publicWebhookUrl(received, "https://parcelwise.example.com")).toBe(
      "https://parcelwise.example.com/sms/inbound?shop=alpha-goods.myshopify.com&x=a%20b",
    );
    expect(publicWebhookUrl(received, "https://parcelwise.example.com/")).toBe(
      "https://parcelwise.example.com/sms/inbound?shop=alpha-goods.myshopify.com&x=a%20b",
    );
  });
});
