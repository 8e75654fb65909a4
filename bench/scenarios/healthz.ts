import type { Scenario } from "../scenario";

const healthz: Scenario = {
  name: "healthz",
  description:
    "GET /healthz: the full middleware stack, Remix routing and one SELECT 1 against the database.",
  baseline: "tiny",
  requests: () => [{ method: "GET", path: "/healthz" }],
};

export default healthz;
