import { describe, expect, it } from "vitest";
import { connectionFromArray, type ConnectionArgs } from "./connection";
import { sortBySortKey } from "./sorting";

interface Item {
  id: string;
  updatedAt: number;
}

const item = (number: number, updatedAt: number): Item => ({
  id: `gid://shopify/Order/${number}`,
  updatedAt,
});
const numbers = (items: readonly Item[]) => items.map((entry) => Number(entry.id.split("/").pop()));

function page(items: readonly Item[], args: ConnectionArgs, sortKey: "ID" | "UPDATED_AT" = "ID") {
  return connectionFromArray(args, () =>
    sortBySortKey(items, { UPDATED_AT: (entry: Item) => entry.updatedAt }, sortKey, false, "items"),
  );
}

describe("cursor connections", () => {
  const items = [item(1, 50), item(2, 40), item(3, 30), item(4, 20), item(5, 10)];

  it("pages forward with first/after", () => {
    const first = page(items, { first: 2 });
    expect(numbers(first.nodes)).toEqual([1, 2]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = page(items, { first: 2, after: first.pageInfo.endCursor });
    expect(numbers(second.nodes)).toEqual([3, 4]);
    expect(numbers(second.edges.map((edge) => edge.node))).toEqual([3, 4]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it("pages backward with last/before", () => {
    const last = page(items, { last: 2 });
    expect(numbers(last.nodes)).toEqual([4, 5]);
    expect(numbers(page(items, { last: 2, before: last.pageInfo.startCursor }).nodes)).toEqual([2, 3]);
  });

  it("keeps its place when the item under the cursor changes, like Shopify's last_id/last_value cursors", () => {
    const store = items.map((entry) => ({ ...entry }));
    const first = page(store, { first: 2 }, "UPDATED_AT");
    expect(numbers(first.nodes)).toEqual([5, 4]);
    const cursorItem = store.find((entry) => entry.id === first.nodes[1]?.id);
    if (!cursorItem) throw new Error("no cursor item");
    // The order under the cursor is updated between pages: it moves to the end, nothing is skipped.
    cursorItem.updatedAt = 99;
    const rest = page(store, { first: 10, after: first.pageInfo.endCursor }, "UPDATED_AT");
    expect(numbers(rest.nodes)).toEqual([3, 2, 1, 4]);
    // Even an item that has since left the list (filtered out) leaves a valid cursor behind.
    const withoutIt = store.filter((entry) => entry !== cursorItem);
    expect(
      numbers(page(withoutIt, { first: 10, after: first.pageInfo.endCursor }, "UPDATED_AT").nodes),
    ).toEqual([3, 2, 1]);
  });

  it("decodes to Shopify's cursor shape", () => {
    const cursor = page(items, { first: 1 }, "UPDATED_AT").pageInfo.endCursor ?? "";
    expect(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))).toEqual({
      last_id: "gid://shopify/Order/5",
      last_value: "10",
    });
  });

  it("rejects the page arguments Shopify rejects, before listing anything", () => {
    const listItems = () => {
      throw new Error("listed");
    };
    expect(() => connectionFromArray({}, listItems)).toThrow("you must provide one of first or last");
    expect(() => page(items, { first: 1, last: 1 })).toThrow(
      "providing both first and last is not supported",
    );
    expect(() => page(items, { first: 251 })).toThrow(/between 0 and 250/);
    expect(() => page(items, { first: 1, after: "garbage" })).toThrow(/Invalid cursor/);
  });
});
