import { createServer } from "node:net";

// Jobs reach Shopify through SHOPIFY_ADMIN_API_ORIGIN, which the app's config reads once, on import. A test
// calls this inside `vi.hoisted` so the stand-in's port is chosen (and the origin set) before anything imports
// the app; the stand-in then listens on the returned port.
export async function reserveStandinAdminOrigin(): Promise<{ STANDIN_PORT: number }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  const port = typeof address === "object" && address ? address.port : 0;
  process.env.SHOPIFY_ADMIN_API_ORIGIN = `http://127.0.0.1:${port}/shops/{shop}`;
  return { STANDIN_PORT: port };
}
