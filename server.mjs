// Production entry: serves the built Remix app (npm run build) with static assets.
// Demo mode binds to loopback only: it serves the admin without Shopify auth.
import http from "node:http";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const demo = ["1", "true"].includes(process.env.PARCELWISE_DEMO ?? "");
const host = demo ? "127.0.0.1" : (process.env.HOST ?? "0.0.0.0");
const port = Number(process.env.PORT ?? 3000);

const build = await import("./build/server/index.js");

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const worker =
  process.env.JOBS_WORKER === "off"
    ? null
    : build.entry.module.startJobWorker({
        pollIntervalMs: Number(process.env.JOBS_POLL_INTERVAL_MS ?? 1000),
      });

// Queued sync webhooks and the storefront app proxy are answered before Express and Remix
// (app/services/webhook-lane.server.ts, app/services/tracking-page/proxy-lane.server.ts).
const { webhookLane, proxyLane } = build.entry.module;
const server = http.createServer((request, response) => {
  if (!webhookLane(request, response) && !proxyLane(request, response)) app(request, response);
});
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  console.log(`parcelwise listening on http://${host}:${actualPort}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    Promise.resolve(worker?.stop()).finally(() => process.exit(0));
  });
}
