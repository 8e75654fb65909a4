// Where "Open in Shopify admin" goes. Inside the admin, App Bridge turns shopify://admin links into admin
// navigation (target _top); the demo runs in a plain tab, so it links to the admin's own web address.
export function orderAdminUrl({
  shop,
  orderGid,
  embedded,
}: {
  shop: string;
  orderGid: string;
  embedded: boolean;
}): string | null {
  const id = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(orderGid)?.[1];
  if (!id) return null;
  if (embedded) return `shopify://admin/orders/${id}`;
  const handle = shop.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(handle)}/orders/${id}`;
}
