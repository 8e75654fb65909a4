import { z } from "zod";
import { demoShop } from "./demo-seed";
import { createShopifyStandin } from "./standin-server";

const environment = z
  .object({
    STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    APP_URL: z.string().url(),
    SHOPIFY_API_KEY: z.string().min(1),
    SHOPIFY_API_SECRET: z.string().min(1),
    STANDIN_SHOP: z.string().min(1).default("parcelwise-demo.myshopify.com"),
    STANDIN_ACCESS_TOKEN: z.string().min(1).default("shpat_standin_demo"),
  })
  .safeParse(process.env);

if (!environment.success) {
  for (const issue of environment.error.issues)
    console.error(`shopify-standin: ${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}

const env = environment.data;
const standin = await createShopifyStandin({
  port: env.STANDIN_PORT,
  appUrl: env.APP_URL,
  apiKey: env.SHOPIFY_API_KEY,
  apiSecret: env.SHOPIFY_API_SECRET,
  shops: [demoShop(env.STANDIN_SHOP, env.STANDIN_ACCESS_TOKEN)],
});

// The first line is meant for scripts: `SHOPIFY_STANDIN_URL=<url>`.
console.log(`SHOPIFY_STANDIN_URL=${standin.url}`);
console.log(
  `shop ${env.STANDIN_SHOP}, Admin GraphQL ${standin.adminGraphqlUrl()} (X-Shopify-Access-Token: ${env.STANDIN_ACCESS_TOKEN})`,
);
console.log(`app proxy ${standin.shopUrl(env.STANDIN_SHOP, "/apps/track")} -> ${env.APP_URL}/proxy`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void standin.close().then(() => process.exit(0));
  });
}
