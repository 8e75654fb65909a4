/** What a parser knows besides the body: the number asked for and, from the client, the HTTP status. */
export interface ResponseContext {
  trackingNumber?: string;
  httpStatus?: number;
}

export function isSuccessStatus(status: number | undefined): boolean {
  return status === undefined || (status >= 200 && status < 300);
}

/** The entry for the requested number, or the first one (a response file read without a number). */
export function matchingOrFirst<T>(items: readonly T[], matches: (item: T) => boolean): T | undefined {
  return items.find(matches) ?? items[0];
}

export function sameTrackingNumber(a: string | number | null | undefined, b: string | undefined): boolean {
  if (a === null || a === undefined || b === undefined) return false;
  return String(a).replace(/\s+/g, "").toUpperCase() === b.replace(/\s+/g, "").toUpperCase();
}
