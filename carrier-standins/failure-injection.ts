import type { CarrierCode } from "./standin-types";

/**
 * An HTTP status (429 is sent in the carrier's own shape with a Retry-After), a request that never gets an answer,
 * a dropped connection, or a 200 whose body is not the carrier's format.
 */
export type InjectedFailure = 500 | 502 | 503 | 504 | 429 | "hang" | "reset" | "malformed";

export interface FailNext {
  failure: InjectedFailure;
  /** Default: every carrier. */
  carrier?: CarrierCode;
  /** Default 1. */
  count?: number;
  /** For 429; default 1. */
  retryAfterSeconds?: number;
  /** "token" (OAuth endpoints), "track" or, by default, any. */
  endpoint?: "token" | "track" | "any";
}

interface QueuedFailure {
  failure: InjectedFailure;
  carrier: CarrierCode | null;
  retryAfterSeconds: number;
  endpoint: "token" | "track" | "any";
}

export type DueFailure = Pick<QueuedFailure, "failure" | "retryAfterSeconds">;

export class FailureInjector {
  private readonly queue: QueuedFailure[] = [];

  add({ failure, carrier, count = 1, retryAfterSeconds = 1, endpoint = "any" }: FailNext): void {
    for (let i = 0; i < count; i += 1)
      this.queue.push({ failure, carrier: carrier ?? null, retryAfterSeconds, endpoint });
  }

  /** The first queued failure that applies to this request, taken off the queue. */
  take(carrier: CarrierCode, endpoint: string): DueFailure | null {
    const index = this.queue.findIndex(
      (queued) =>
        (queued.carrier === null || queued.carrier === carrier) &&
        (queued.endpoint === "any" || queued.endpoint === endpoint),
    );
    if (index < 0) return null;
    const [due] = this.queue.splice(index, 1);
    return due ?? null;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
