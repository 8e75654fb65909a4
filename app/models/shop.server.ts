import type { Prisma } from "@prisma/client";
import prisma from "../db.server";

// Called after OAuth/token exchange: creates the shop with default settings, or reactivates it after a reinstall.
export async function recordInstall({ shop, name }: { shop: string; name?: string }) {
  const now = new Date();
  return prisma.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, name: name ?? shop, settings: { create: {} } },
    update: { status: "active", installedAt: now, uninstalledAt: null },
  });
}

export async function getShop({ shop }: { shop: string }) {
  return prisma.shop.findUnique({ where: { domain: shop } });
}

// app/uninstalled: the shop keeps its data until shop/redact (48 h later), but is no longer served or polled.
export async function recordUninstall({ shop }: { shop: string }) {
  await prisma.$transaction([
    prisma.shop.updateMany({
      where: { domain: shop },
      data: { status: "uninstalled", uninstalledAt: new Date() },
    }),
    prisma.session.deleteMany({ where: { shop } }),
  ]);
}

export async function recordScopes(
  tx: Prisma.TransactionClient,
  { shop, scopes }: { shop: string; scopes: string[] },
) {
  await tx.session.updateMany({ where: { shop }, data: { scope: scopes.join(",") } });
}
