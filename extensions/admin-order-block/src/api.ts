import type {
  AdminOrderShipment,
  AdminOrderView,
  AdminOrderWindow,
} from "../../../app/models/admin-order.server";

export type { AdminOrderShipment, AdminOrderView, AdminOrderWindow };
export type AdminOrderShipBy = NonNullable<NonNullable<AdminOrderView["order"]>["shipBy"]>;

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

// The order's numeric ID: the path segment stays plain whatever the router does with encoded slashes.
export function orderPath(orderGid: string): string {
  return `/api/admin-order/${encodeURIComponent(orderGid.split("/").pop() ?? "")}`;
}

// A relative URL: the admin resolves it against the app's application_url and adds
// `Authorization: Bearer <ID token>` itself to requests for the app's own domain, so no token is handled here.
export async function fetchAdminOrder(orderGid: string): Promise<AdminOrderView> {
  const response = await fetch(orderPath(orderGid), { headers: { Accept: "application/json" } });
  if (!response.ok) throw new ApiError(response.status);
  return (await response.json()) as AdminOrderView;
}

// The shipment's page in the app, through the admin's `app:` protocol (relative to the app's URL), so it opens
// inside the admin like any page of the app.
export function appHref(path: string): string {
  return `app:${path.replace(/^\/+/, "")}`;
}
