import type { Scenario } from "../scenario";

// What a browser sends for a document; the server compresses the page for it like it would in production.
const BROWSER_DOCUMENT_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br, zstd",
  "accept-language": "en-US,en;q=0.9",
};

const adminDashboard: Scenario = {
  name: "admin-dashboard",
  description:
    "GET /app in demo mode: the server-rendered Polaris dashboard with the shop's order, shipment, attention and support counts.",
  baseline: "same-size",
  requests: () => [{ method: "GET", path: "/app", headers: BROWSER_DOCUMENT_HEADERS }],
};

export default adminDashboard;
