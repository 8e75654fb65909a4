import { describe, expect, it } from "vitest";
import { connectionFromArray, type ConnectionArgs } from "./connection";

const items = ["a", "b", "c", "d", "e"];
const page = (args: ConnectionArgs) =>
  connectionFromArray(
    args,
    (item: string) => item,
    () => items,
  );

describe("cursor connections", () => {
  it("pages forward with first/after", () => {
    const first = page({ first: 2 });
    expect(first.nodes).toEqual(["a", "b"]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = page({ first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes).toEqual(["c", "d"]);
    expect(second.edges.map((edge) => edge.node)).toEqual(["c", "d"]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it("pages backward with last/before", () => {
    const last = page({ last: 2 });
    expect(last.nodes).toEqual(["d", "e"]);
    expect(page({ last: 2, before: last.pageInfo.startCursor }).nodes).toEqual(["b", "c"]);
  });

  it("rejects the page arguments Shopify rejects, before listing anything", () => {
    const listItems = () => {
      throw new Error("listed");
    };
    expect(() => connectionFromArray({}, String, listItems)).toThrow("you must provide one of first or last");
    expect(() => page({ first: 1, last: 1 })).toThrow("providing both first and last is not supported");
    expect(() => page({ first: 251 })).toThrow(/between 0 and 250/);
    expect(() => page({ first: 1, after: "garbage" })).toThrow(/Invalid cursor/);
  });
});
