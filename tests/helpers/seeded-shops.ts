import { parseDatabaseUrl } from "../../prisma/database-url";
import { buildShopRows, seedShop, type SeedOptions } from "../../prisma/seed/demo-shop";
import { TEST_ENV } from "../setup/test-env";

export const SHOP_A = "alpha-goods.myshopify.com";
export const SHOP_B = "bravo-supply.myshopify.com";
export const SEED_NOW = new Date("2026-11-20T12:00:00Z");

export function seedOptions(shop: string, orders: number, seed: number): SeedOptions {
  return { shop, orders, seed, now: SEED_NOW, customerHashKey: TEST_ENV.CUSTOMER_HASH_KEY };
}

// Seeds through the same code as the demo and returns the rows it wrote, so tests derive their expectations
// from the data instead of hard-coding numbers.
export function testDatabase() {
  return parseDatabaseUrl(process.env.DATABASE_URL);
}

export async function seedTwoShops() {
  const a = seedOptions(SHOP_A, 60, 7);
  const b = seedOptions(SHOP_B, 40, 99);
  await seedShop(testDatabase(), a);
  await seedShop(testDatabase(), b);
  return { a: buildShopRows(a), b: buildShopRows(b) };
}
