import type { OrderStatusView, PreferenceView } from "../../../app/models/notification-preferences.server";
import { APP_URL } from "./app-url";

export type { OrderStatusView, PreferenceView };
export type ShipmentView = OrderStatusView["shipments"][number];

export type PreferencesInput = {
  email: boolean;
  sms: boolean;
  phone: string | null;
  consentText: string;
  locale: string | null;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

type TokenSource = { get(): Promise<string> };

// The order's numeric ID: the path segment stays plain whatever the router does with encoded slashes.
function orderPath(orderGid: string): string {
  return `${APP_URL}/api/order-status/${encodeURIComponent(orderGid.split("/").pop() ?? "")}`;
}

async function call<T>(sessionToken: TokenSource, url: string, init: RequestInit = {}): Promise<T> {
  // A fresh (or still valid, cached by Shopify) token for every request.
  const token = await sessionToken.get();
  const response = await fetch(url, {
    ...init,
    headers: { ...init.headers, Authorization: `Bearer ${token}` },
  });
  const body = (await response.json().catch(() => null)) as
    (T & { error?: undefined }) | { error?: string; field?: string } | null;
  if (!response.ok) {
    const error = body && "error" in body && body.error ? body.error : `HTTP ${response.status}`;
    const field = body && "field" in body && body.field ? body.field : null;
    throw new ApiError(response.status, error, field);
  }
  return body as T;
}

export function fetchOrderStatus(sessionToken: TokenSource, orderGid: string): Promise<OrderStatusView> {
  return call<OrderStatusView>(sessionToken, orderPath(orderGid));
}

export async function savePreferences(
  sessionToken: TokenSource,
  orderGid: string,
  input: PreferencesInput,
): Promise<PreferenceView> {
  const { preferences } = await call<{ preferences: PreferenceView }>(sessionToken, orderPath(orderGid), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  return preferences;
}
