/**
 * JSON text in which bigint values are written as exact integers. Shopify's webhook bodies carry IDs above
 * 2^53 (`"order_id":9007199254741003`); a JS number would round them, JSON.stringify refuses bigints.
 * Object keys keep their insertion order; undefined members are left out, as JSON.stringify does.
 */
export function exactJson(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map((item) => exactJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${exactJson(member)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
