// Seeds a shop with a realistic spread of orders and shipments into DATABASE_URL.
//   tsx scripts/seed.ts [--shop parcelwise-demo.myshopify.com] [--orders 160] [--reset]
import { parseArgs } from "node:util";
import { createPrismaClient } from "../prisma/client";
import { parseDatabaseUrl } from "../prisma/database-url";
import { seedShop } from "../prisma/seed/demo-shop";

const { values } = parseArgs({
  options: {
    shop: { type: "string", default: "parcelwise-demo.myshopify.com" },
    name: { type: "string", default: "Parcelwise Demo Store" },
    orders: { type: "string", default: "160" },
    seed: { type: "string", default: "1001" },
    reset: { type: "boolean", default: false },
  },
});

const customerHashKey = process.env.CUSTOMER_HASH_KEY ?? "parcelwise-demo-customer-hash-key-0123456789";
const target = parseDatabaseUrl(process.env.DATABASE_URL);
const db = await createPrismaClient(target);
try {
  if (values.reset) await db.shop.deleteMany({ where: { domain: values.shop } });
  const existing = await db.order.count({ where: { shop: values.shop } });
  if (existing > 0) {
    console.log(`${values.shop} already has ${existing} orders; use --reset to seed again`);
  } else {
    const started = Date.now();
    const summary = await seedShop(target, {
      shop: values.shop,
      name: values.name,
      orders: Number(values.orders),
      seed: Number(values.seed),
      customerHashKey,
    });
    console.log(`seeded ${values.shop}: ${JSON.stringify(summary)} in ${Date.now() - started} ms`);
  }
} finally {
  await db.$disconnect();
}
