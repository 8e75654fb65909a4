import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { stopChildProcess, waitForOutput } from "./processes";

export type BaselineResponse = { body: string; contentType: string; contentEncoding: string };

export const TINY_RESPONSE: BaselineResponse = {
  body: "ok",
  contentType: "text/plain; charset=utf-8",
  contentEncoding: "identity",
};

export type RunningBaseline = { url: string; process: ChildProcess; stop: () => Promise<void> };

const ENTRY = fileURLToPath(new URL("./baseline-server.ts", import.meta.url));
// `--import tsx` is resolved from the working directory, so the child starts in the project root.
const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const START_TIMEOUT_MS = 15_000;

// `hmacSecret`: answer only requests whose X-Shopify-Hmac-Sha256 matches their body (401 otherwise).
export async function startBaselineServer(
  response: BaselineResponse,
  { hmacSecret }: { hmacSecret?: string } = {},
): Promise<RunningBaseline> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      ENTRY,
      "--content-type",
      response.contentType,
      "--content-encoding",
      response.contentEncoding,
      ...(hmacSecret === undefined ? [] : ["--verify-hmac"]),
    ],
    {
      cwd: PROJECT_ROOT,
      stdio: ["pipe", "pipe", "pipe", "ipc"],
      env: hmacSecret === undefined ? process.env : { ...process.env, BASELINE_HMAC_SECRET: hmacSecret },
    },
  );
  child.stdin?.end(response.body);
  try {
    const url = await waitForOutput(child, /listening on (http:\/\/\S+)/, START_TIMEOUT_MS);
    return { url, process: child, stop: () => stopChildProcess(child) };
  } catch (error) {
    await stopChildProcess(child);
    throw error;
  }
}
