import { config } from "../config.server";
import prisma from "../db.server";
import { adminGraphqlForShop, type AdminGraphql } from "./admin-graphql.server";

// Where a shop's Admin API lives: the shop itself, or (demo, tests, benchmarks) the local stand-in, whose
// SHOPIFY_ADMIN_API_ORIGIN may name the shop as {shop}.
export function adminApiOrigin(shop: string): string | undefined {
  return config().SHOPIFY_ADMIN_API_ORIGIN?.replace("{shop}", encodeURIComponent(shop));
}

export class MissingOfflineSessionError extends Error {}

// Background work talks to Shopify with the offline token Shopify gave at install.
export async function adminGraphqlForStoredShop(shop: string): Promise<AdminGraphql> {
  const session = await prisma.session.findFirst({
    where: { shop, isOnline: false },
    select: { accessToken: true },
  });
  if (!session) throw new MissingOfflineSessionError(`no offline session for ${shop}`);
  return adminGraphqlForShop({ shop, accessToken: session.accessToken, origin: adminApiOrigin(shop) });
}
