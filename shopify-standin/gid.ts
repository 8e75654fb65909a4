const GID_NUMBER = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)/;

/** The numeric part of a global ID such as `gid://shopify/Order/820982911946154508` (it can exceed 2^53). */
export function gidNumber(gid: string): bigint | undefined {
  const number = GID_NUMBER.exec(gid)?.[1];
  return number === undefined ? undefined : BigInt(number);
}
