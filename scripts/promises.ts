// Delivery promises on CSV data:
//   npm run -s promises -- evaluate --history <csv> --test <csv> [--coverage 0.9] [--late-share <share>]
//                                   [--country BR] [--time-zone UTC] [--as-of order|shipment]
//   npm run -s promises -- split --input <csv> --history-out <csv> --test-out <csv> [--test-share 0.2]
// evaluate learns from --history only and prints one JSON object (metrics defined in
// app/models/delivery-windows/evaluate-promises.ts); split writes the latest orders to --test-out.
// Exit codes: 0 done, 1 unreadable or invalid data, 2 usage error.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { formatCsv } from "../app/models/delivery-windows/csv";
import { DeliveryCsvError, readDeliveryCsv } from "../app/models/delivery-windows/delivery-csv";
import { evaluatePromises, NothingToEvaluateError } from "../app/models/delivery-windows/evaluate-promises";
import { splitByOrderTime } from "../app/models/delivery-windows/time-split";

const USAGE = [
  "usage:",
  "  npm run -s promises -- evaluate --history <csv> --test <csv> [--coverage 0.9] [--late-share <share>]",
  "                                  [--country BR] [--time-zone UTC] [--as-of order|shipment]",
  "  npm run -s promises -- split --input <csv> --history-out <csv> --test-out <csv> [--test-share 0.2]",
].join("\n");

const USAGE_ERROR = 2;
const DATA_ERROR = 1;
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

class UsageError extends Error {}

const share = (name: string) =>
  z.coerce
    .number({ invalid_type_error: `${name} must be a number` })
    .gt(0, `${name} must be above 0`)
    .lt(1, `${name} must be below 1`);

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "--time-zone must be an IANA time zone such as UTC or America/Sao_Paulo");

// The Olist sample writes Brazilian wall-clock times with a "Z" suffix; read as UTC, their calendar days are
// the local days as written. Data with true instants wants --time-zone set to the shop's zone instead.
const evaluateOptions = z.object({
  history: z.string({ required_error: "--history is required" }).min(1),
  test: z.string({ required_error: "--test is required" }).min(1),
  coverage: share("--coverage").default(0.9),
  "late-share": z.coerce.number().min(0, "--late-share must be at least 0").lt(1).optional(),
  // The CSV has no country column; the one sample it describes is Brazilian.
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "--country must be a two-letter country code")
    .transform((code) => code.toUpperCase())
    .default("BR"),
  "time-zone": timeZone.default("UTC"),
  "as-of": z.enum(["order", "shipment"], { message: "--as-of must be order or shipment" }).default("order"),
});
const evaluateArgsSchema = evaluateOptions.refine(
  (options) => options.coverage + (options["late-share"] ?? 0) <= 1,
  "--coverage + --late-share must be at most 1",
);

const splitArgsSchema = z.object({
  input: z.string({ required_error: "--input is required" }).min(1),
  "history-out": z.string({ required_error: "--history-out is required" }).min(1),
  "test-out": z.string({ required_error: "--test-out is required" }).min(1),
  "test-share": share("--test-share").default(0.2),
});

function parseOptions<T extends z.ZodTypeAny>(
  args: string[],
  names: readonly string[],
  schema: T,
): z.infer<T> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args,
      options: Object.fromEntries(names.map((name) => [name, { type: "string" as const }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}

function readCsvFile(file: string) {
  return readDeliveryCsv(readFileSync(file, "utf8"), file);
}

function evaluate(args: string[]): number {
  const options = parseOptions(args, Object.keys(evaluateOptions.shape), evaluateArgsSchema);
  const details = evaluatePromises({
    history: readCsvFile(options.history).rows,
    test: readCsvFile(options.test).rows,
    coverage: options.coverage,
    lateShare: options["late-share"],
    country: options.country,
    timeZone: options["time-zone"],
    asOf: options["as-of"],
  });
  console.error(
    `learnt from ${details.historyUsed} history rows (${details.historySkipped} without ordered_at/delivered_at ` +
      `or delivered before ordered); evaluated ${details.evaluation.n} test rows ` +
      `(${details.testSkipped} skipped), baseline on ${details.baselineRows}; windows by basis/anchor: ` +
      JSON.stringify(details.windowsByBasis),
  );
  console.log(JSON.stringify(details.evaluation));
  return 0;
}

// Data read from ../shared must not be copied into the project.
function assertOutsideProject(file: string, option: string): void {
  const relative = path.relative(projectRoot, path.resolve(file));
  if (!relative.startsWith("..") && !path.isAbsolute(relative))
    throw new UsageError(`${option} must be outside the project (${projectRoot}), e.g. under /tmp`);
}

function split(args: string[]): number {
  const options = parseOptions(args, Object.keys(splitArgsSchema.shape), splitArgsSchema);
  assertOutsideProject(options["history-out"], "--history-out");
  assertOutsideProject(options["test-out"], "--test-out");
  const outputs = new Set(
    [options.input, options["history-out"], options["test-out"]].map((file) => path.resolve(file)),
  );
  if (outputs.size !== 3)
    throw new UsageError("--input, --history-out and --test-out must be three different files");
  const csv = readCsvFile(options.input);
  const { history, test, undated, testFrom } = splitByOrderTime(csv, options["test-share"]);
  writeFileSync(options["history-out"], formatCsv([csv.header, ...history]));
  writeFileSync(options["test-out"], formatCsv([csv.header, ...test]));
  console.log(
    JSON.stringify({ history: history.length, test: test.length, undated, testFrom: testFrom.toISOString() }),
  );
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => number> = { evaluate, split };

function main(argv: string[]): number {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  try {
    if (!command) throw new UsageError(name === undefined ? "no command given" : `unknown command: ${name}`);
    return command(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return USAGE_ERROR;
    }
    if (error instanceof DeliveryCsvError || error instanceof NothingToEvaluateError || isFileError(error)) {
      console.error(error.message);
      return DATA_ERROR;
    }
    throw error;
  }
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

process.exitCode = main(process.argv.slice(2));
