import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";

describe("Shopify session storage on this database", () => {
  it("stores, finds by shop, loads and deletes sessions, keeping each shop's apart", async () => {
    const storage = new PrismaSessionStorage(prisma);
    const session = new Session({
      id: "offline_alpha.myshopify.com",
      shop: "alpha.myshopify.com",
      state: "state",
      isOnline: false,
      scope: "read_orders",
      accessToken: "shpat_alpha",
    });
    const other = new Session({
      ...session.toObject(),
      id: "offline_beta.myshopify.com",
      shop: "beta.myshopify.com",
    });
    expect(await storage.storeSession(session)).toBe(true);
    expect(await storage.storeSession(other)).toBe(true);

    const loaded = await storage.loadSession(session.id);
    expect(loaded?.accessToken).toBe("shpat_alpha");
    expect(loaded?.scope).toBe("read_orders");
    expect((await storage.findSessionsByShop("alpha.myshopify.com")).map((s) => s.id)).toEqual([session.id]);

    await storage.deleteSession(session.id);
    expect(await storage.loadSession(session.id)).toBeUndefined();
    expect(await storage.loadSession(other.id)).toBeDefined();
  });
});
