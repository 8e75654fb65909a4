import { APP_URL } from "./app-url";

export type ConsentInput = {
  orderId: string;
  email: boolean;
  sms: boolean;
  phone: string | null;
  consentText: string;
  locale: string | null;
};

export class ConsentError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

// POST the shopper's choice with a fresh (or still valid, cached by Shopify) checkout session token.
export async function sendConsent(sessionToken: { get(): Promise<string> }, input: ConsentInput) {
  const token = await sessionToken.get();
  const response = await fetch(`${APP_URL}/api/notification-consent`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  const body = (await response.json().catch(() => null)) as { error?: string; field?: string } | null;
  if (!response.ok) {
    throw new ConsentError(response.status, body?.error ?? `HTTP ${response.status}`, body?.field ?? null);
  }
  return body;
}
