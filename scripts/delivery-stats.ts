// Brings a shop's carrier-performance rollup up to date now, instead of waiting for the worker's next run.
//   tsx scripts/delivery-stats.ts refresh --shop parcelwise-demo.myshopify.com
// Prints {"days", "seconds"} as JSON. The first run builds every day the shop has; later runs only the days
// whose orders, shipments or help requests changed.
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { shop: { type: "string" } },
});

if (positionals[0] !== "refresh" || !values.shop) {
  console.error("usage: tsx scripts/delivery-stats.ts refresh --shop <shop>.myshopify.com");
  process.exit(2);
}

// Imported after the arguments are checked: the app's database client opens DATABASE_URL on import.
const { refreshDeliveryStats } = await import("../app/models/delivery-stats/refresh.server");
const { default: prisma } = await import("../app/db.server");
const started = performance.now();
let days = 0;
try {
  for (;;) {
    const result = await refreshDeliveryStats({ shop: values.shop, timeBudgetMs: 10 * 60_000 });
    days += result.days;
    if (result.finished) break;
  }
} finally {
  await prisma.$disconnect();
}
console.log(JSON.stringify({ days, seconds: Math.round((performance.now() - started) / 100) / 10 }));
