const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)/;

/** The numeric part of a global ID such as `gid://shopify/Order/820982911946154508` (it can exceed 2^53). */
export function gidNumber(gid: string): bigint | undefined {
  const number = GID.exec(gid)?.[2];
  return number === undefined ? undefined : BigInt(number);
}

/** The type part of a global ID, e.g. "Order"; it is also the GraphQL type of the object. */
export function gidType(gid: string): string | undefined {
  return GID.exec(gid)?.[1];
}
