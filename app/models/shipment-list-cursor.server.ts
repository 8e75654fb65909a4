import type { ShipmentSort } from "./shipment-list-params";

// A page boundary in the list's order: the boundary row's sort key (null when the row has none, e.g. never
// scanned) and its id, which breaks ties so equal keys never skip or repeat a row. The sort is part of the
// cursor, so a cursor kept across a change of sort is ignored rather than misread.

export type ListPosition = { key: Date | null; id: string };

export function encodeCursor(sort: ShipmentSort, position: ListPosition): string {
  return Buffer.from(JSON.stringify([sort, position.key?.getTime() ?? null, position.id])).toString(
    "base64url",
  );
}

export function decodeCursor(sort: ShipmentSort, cursor: string | null): ListPosition | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [cursorSort, time, id] = value as unknown[];
    if (cursorSort !== sort || typeof id !== "string" || !id || id.length > 64) return null;
    if (time === null) return { key: null, id };
    if (typeof time !== "number" || !Number.isFinite(time)) return null;
    return { key: new Date(time), id };
  } catch {
    return null;
  }
}
