import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";

// The admin pages: every route module under /app with a component (not a resource route like the CSV
// export), so a new page is measured (bench/scenarios/admin-vitals.ts) and checked
// (tests/e2e/admin-accessibility.test.ts) without touching either.

const ROUTES_DIR = fileURLToPath(new URL("../../app/routes/", import.meta.url));

export type AdminPage = { id: string; pattern: string; params: string[] };
export type ResolvedAdminPage = AdminPage & { url: string | null; missing: string | null };

export function adminPages(): AdminPage[] {
  return readdirSync(ROUTES_DIR)
    .filter((file) => /^app[._].*\.tsx$/.test(file))
    .map((file) => ({ file, id: file.replace(/\.tsx$/, "") }))
    .filter(({ id }) => id !== "app") // the layout: it renders inside every page
    .filter(({ file }) => /export default function/.test(readFileSync(path.join(ROUTES_DIR, file), "utf8")))
    .map(({ id }) => {
      const params: string[] = [];
      const parts = id
        .split(".")
        .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
        .map((segment) => segment.replace(/_$/, ""))
        .map((segment) => {
          if (!segment.startsWith("$")) return segment;
          params.push(segment.slice(1));
          return `:${segment.slice(1)}`;
        });
      return { id, pattern: `/${parts.join("/")}`, params };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

// A real row of the seeded demo for each param: the shipment page shows a parcel with scans and a problem, the
// help request page an open request. `url` is null (and `missing` names the param) when the demo has no row.
export async function resolvePaths(
  databaseUrl: string,
  shop: string,
  pages: AdminPage[],
): Promise<ResolvedAdminPage[]> {
  const db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  try {
    const shipment = await db.shipment.findFirst({
      where: { shop, attention: { not: null }, events: { some: {} } },
      orderBy: { id: "asc" },
      select: { id: true, orderId: true },
    });
    const request = await db.supportRequest.findFirst({
      where: { shop, status: "open" },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const notification = await db.notification.findFirst({ where: { shop }, select: { id: true } });
    const valueFor = (param: string): string | null => {
      const name = param.toLowerCase();
      if (/shipment/.test(name)) return shipment?.id ?? null;
      if (/request|support|help/.test(name)) return request?.id ?? null;
      if (/order/.test(name)) return shipment?.orderId ?? null;
      if (/notification/.test(name)) return notification?.id ?? null;
      return null;
    };
    return pages.map((page) => {
      let url = page.pattern;
      for (const param of page.params) {
        const value = valueFor(param);
        if (!value) return { ...page, url: null, missing: param };
        url = url.replace(`:${param}`, encodeURIComponent(value));
      }
      return { ...page, url, missing: null };
    });
  } finally {
    await db.$disconnect();
  }
}
