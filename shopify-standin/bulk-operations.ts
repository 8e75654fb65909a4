import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { AdminContext } from "./admin-context";
import type { AdminSchemas } from "./admin-schema";
import { BulkJsonl } from "./bulk-jsonl";
import { FlowTriggerRegistry } from "./flow-triggers";
import type { BulkQueryPlan, BulkQueryRuleOptions } from "./bulk-query-rules";
import { gidNumber } from "./gid";
import { shopifyDateTime, shopLocalTime } from "./shopify-time";
import type { StandinShop } from "./standin-store";
import type { WebhookRequest } from "./webhook-delivery";

export interface BulkOperationOptions extends BulkQueryRuleOptions {
  /** Where the app receives `bulk_operations/finish`, e.g. "/webhooks/bulk_operations/finish"; null sends none. */
  finishWebhookPath: string | null;
  /** How long an operation stays CREATED before it starts RUNNING. */
  startDelayMs: number;
  /** Lines written between progress updates (`objectCount`) and pauses. */
  linesPerSlice: number;
  /** Pause between slices: raise it to watch an operation run. */
  sliceDelayMs: number;
}

export const DEFAULT_BULK_OPERATION_OPTIONS: BulkOperationOptions = {
  allowConnectionsInsideLists: false,
  finishWebhookPath: null,
  startDelayMs: 20,
  linesPerSlice: 2_000,
  sliceDelayMs: 0,
};

export type BulkOperationErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface FailNextBulkOperation {
  /** Default INTERNAL_SERVER_ERROR. */
  errorCode?: BulkOperationErrorCode;
  /** Lines written before it fails; they become the `partialDataUrl` file. Default 0. */
  afterObjects?: number;
}

/** A BulkOperation as the Admin API shows it (UnsignedInt64 fields are strings, as Shopify sends them). */
export interface StandinBulkOperation {
  id: string;
  type: "QUERY";
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED";
  errorCode: BulkOperationErrorCode | null;
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
}

interface BulkOperationRunnerDependencies {
  options: BulkOperationOptions;
  schemas: AdminSchemas | null;
  /** Where `GET /bulk/<n>.jsonl` is served. */
  resultUrl(operationNumber: string): string;
  sendWebhook(request: WebhookRequest): Promise<unknown>;
}

const IN_PROGRESS = new Set<StandinBulkOperation["status"]>(["CREATED", "RUNNING"]);

/**
 * The stand-in's bulk query operations: one at a time per shop, run in the background into a JSONL file in a
 * temporary directory (so the result is fixed once written, as on Shopify, and memory stays bounded).
 */
export class BulkOperationRunner {
  readonly options: BulkOperationOptions;
  private readonly operations = new Map<
    string,
    { shop: string; operation: StandinBulkOperation; file: string }
  >();
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private nextNumber = 1;
  private directory: string | null = null;
  private nextFailure: FailNextBulkOperation | null = null;

  constructor(private readonly dependencies: BulkOperationRunnerDependencies) {
    this.options = dependencies.options;
  }

  failNext(failure: FailNextBulkOperation = {}): void {
    this.nextFailure = failure;
  }

  inProgress(shop: StandinShop): StandinBulkOperation | undefined {
    const latest = this.latest(shop);
    return latest && IN_PROGRESS.has(latest.status) ? latest : undefined;
  }

  latest(shop: StandinShop): StandinBulkOperation | undefined {
    let latest: StandinBulkOperation | undefined;
    for (const entry of this.operations.values()) {
      if (entry.shop === shop.myshopifyDomain) latest = entry.operation;
    }
    return latest;
  }

  find(shop: StandinShop, id: string): StandinBulkOperation | undefined {
    const entry = this.operations.get(id);
    return entry?.shop === shop.myshopifyDomain ? entry.operation : undefined;
  }

  /** The JSONL file behind `/bulk/<n>.jsonl`, once there is something to download. */
  resultFile(operationNumber: string): string | undefined {
    const entry = this.operations.get(`gid://shopify/BulkOperation/${operationNumber}`);
    return entry && (entry.operation.url ?? entry.operation.partialDataUrl) ? entry.file : undefined;
  }

  /** Creates the operation (CREATED) and runs it in the background. */
  start(shop: StandinShop, query: string, plan: BulkQueryPlan): StandinBulkOperation {
    if (!this.dependencies.schemas) throw new Error("bulk operations need the Admin schemas");
    // A bulk query runs no mutation, so it has no Flow triggers to reach and no version-dependent limit.
    const context: AdminContext = {
      shop,
      apiVersion: "unstable",
      schemas: this.dependencies.schemas,
      bulkOperations: this,
      flowTriggers: new FlowTriggerRegistry([]),
    };
    const jsonl = new BulkJsonl(plan, context);
    const number = String(this.nextNumber++);
    const operation: StandinBulkOperation = {
      id: `gid://shopify/BulkOperation/${number}`,
      type: "QUERY",
      status: "CREATED",
      errorCode: null,
      query,
      createdAt: shopifyDateTime(Date.now()),
      completedAt: null,
      objectCount: "0",
      rootObjectCount: "0",
      fileSize: null,
      url: null,
      partialDataUrl: null,
    };
    const file = path.join(this.resultDirectory(), `${number}.jsonl`);
    this.operations.set(operation.id, { shop: shop.myshopifyDomain, operation, file });
    const failure = this.nextFailure;
    this.nextFailure = null;
    const run = this.run(shop, operation, jsonl, file, failure)
      .catch((error: unknown) => console.error("shopify-standin: bulk operation failed to run:", error))
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return operation;
  }

  async close(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.running);
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
  }

  private async run(
    shop: StandinShop,
    operation: StandinBulkOperation,
    jsonl: BulkJsonl,
    file: string,
    failure: FailNextBulkOperation | null,
  ): Promise<void> {
    if (!(await this.pause(this.options.startDelayMs))) return;
    operation.status = "RUNNING";
    const output = createWriteStream(file);
    let objects = 0;
    let roots = 0;
    let bytes = 0;
    let errorCode: BulkOperationErrorCode | null = null;
    try {
      let slice: string[] = [];
      const flush = async () => {
        const text = slice.length ? `${slice.join("\n")}\n` : "";
        slice = [];
        bytes += Buffer.byteLength(text);
        await write(output, text);
        operation.objectCount = String(objects);
        operation.rootObjectCount = String(roots);
      };
      for (const line of jsonl.lines()) {
        if (failure && objects >= (failure.afterObjects ?? 0)) break;
        slice.push(line.json);
        objects++;
        if (line.root) roots++;
        if (slice.length >= this.options.linesPerSlice) {
          await flush();
          if (!(await this.pause(this.options.sliceDelayMs))) break;
        }
      }
      await flush();
      if (failure) errorCode = failure.errorCode ?? "INTERNAL_SERVER_ERROR";
    } catch (error) {
      // Loud in the log, and FAILED like Shopify's own internal errors: a test never passes on a broken export.
      console.error(`shopify-standin: ${operation.id} failed:`, error);
      errorCode = "INTERNAL_SERVER_ERROR";
    } finally {
      output.end();
      // A write error has been handled above; the stream only needs to be done with the file.
      await finished(output).catch(() => undefined);
    }
    if (this.stop.signal.aborted) return;
    this.finish(shop, operation, { objects, bytes, errorCode });
  }

  private finish(
    shop: StandinShop,
    operation: StandinBulkOperation,
    {
      objects,
      bytes,
      errorCode,
    }: { objects: number; bytes: number; errorCode: BulkOperationErrorCode | null },
  ): void {
    const finishedAt = shopifyDateTime(Date.now());
    const url = this.dependencies.resultUrl(String(gidNumber(operation.id)));
    if (errorCode) {
      Object.assign(operation, {
        status: "FAILED",
        errorCode,
        partialDataUrl: objects > 0 ? url : null,
      });
    } else {
      // Shopify gives no file at all when the query matched nothing.
      Object.assign(operation, {
        status: "COMPLETED",
        completedAt: finishedAt,
        fileSize: objects > 0 ? String(bytes) : null,
        url: objects > 0 ? url : null,
      });
    }
    const webhookPath = this.options.finishWebhookPath;
    if (webhookPath === null) return;
    void this.dependencies.sendWebhook({
      shop: shop.myshopifyDomain,
      topic: "bulk_operations/finish",
      path: webhookPath,
      triggeredAt: finishedAt,
      payload: JSON.stringify({
        admin_graphql_api_id: operation.id,
        completed_at: shopLocalTime(finishedAt, shop.ianaTimezone),
        created_at: shopLocalTime(operation.createdAt, shop.ianaTimezone),
        error_code: errorCode?.toLowerCase() ?? null,
        status: operation.status.toLowerCase(),
        type: "query",
      }),
    });
  }

  /** False when the stand-in closed while waiting. */
  private async pause(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.stop.signal });
      return true;
    } catch {
      return false;
    }
  }

  private resultDirectory(): string {
    this.directory ??= mkdtempSync(path.join(tmpdir(), "shopify-standin-bulk-"));
    return this.directory;
  }
}

async function write(output: WriteStream, text: string): Promise<void> {
  if (text && !output.write(text)) await once(output, "drain");
}
