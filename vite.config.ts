import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { host: "127.0.0.1", port: Number(process.env.PORT ?? 3000) },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0, target: "es2022" },
  ssr: {
    external: ["@parcelwise/prisma-postgresql"],
    // polaris-viz's package entry is CommonJS requiring d3's ESM-only packages, which Node before 20.19 refuses:
    // bundling its ESM build makes the server import d3 as ESM. (Charts still draw in the browser only.)
    noExternal: ["@shopify/polaris-viz", "@shopify/polaris-viz-core"],
  },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris", "@shopify/polaris-viz"] },
});
