import { readFile } from "node:fs/promises";
import { CARRIER_CODES, isCarrierCode, type TrackingResult } from "../app/services/carriers/carrier-adapter";
import { isCarrierError } from "../app/services/carriers/common/carrier-errors";
import { formatLocation } from "../app/services/carriers/common/normalized-event";
import { carrierResponseParsers } from "../app/services/carriers/index";

export const usage = `parse <carrier> <response-file> [tracking-number]   (carrier: ${CARRIER_CODES.join(", ")})`;

const USAGE_ERROR = 2;

export interface ParseIo {
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: ParseIo = {
  readFile: (path) => readFile(path, "utf8"),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

export function printableResult(result: TrackingResult) {
  return {
    status: result.status,
    substatus: result.substatus,
    estimatedDeliveryAt: result.estimatedDeliveryAt?.toISOString() ?? null,
    deliveredAt: result.deliveredAt?.toISOString() ?? null,
    events: result.events.map((event) => ({
      status: event.status,
      occurredAt: event.occurredAt.toISOString(),
      location: formatLocation(event.location),
      description: event.description,
      rawCode: event.rawCode,
    })),
    ...(result.handOff ? { handOff: result.handOff } : {}),
  };
}

/**
 * `carriers parse <carrier> <response-file> [tracking-number]` (a leading "parse" is accepted too). Resolves to the
 * exit code: 0 parsed, 1 the response is an error or cannot be read as one, 2 wrong usage (the dispatcher,
 * scripts/carriers.ts, then prints `usage`).
 */
export async function runParse(args: readonly string[], io: ParseIo = processIo): Promise<number> {
  const [carrier, file, trackingNumber] = args[0] === "parse" ? args.slice(1) : args;
  if (!carrier || !file) return USAGE_ERROR;
  if (!isCarrierCode(carrier)) {
    io.stderr(`carriers parse: unknown carrier "${carrier}"`);
    return USAGE_ERROR;
  }
  let body: string;
  try {
    body = await io.readFile(file);
  } catch (error) {
    io.stderr(
      `carriers parse: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return USAGE_ERROR;
  }
  try {
    const result = carrierResponseParsers[carrier](body, trackingNumber ? { trackingNumber } : {});
    io.stdout(JSON.stringify(printableResult(result), null, 2));
    return 0;
  } catch (error) {
    if (!isCarrierError(error)) throw error;
    io.stdout(JSON.stringify({ error: { kind: error.kind, message: error.message } }, null, 2));
    return 1;
  }
}

/** The dispatcher's entry point (scripts/carriers.ts). */
export function run(args: string[]): Promise<number> {
  return runParse(args);
}
