/** An HTTP status to answer with, a request that never gets an answer, or a dropped connection. */
export type InjectedFailure = number | "hang" | "reset";

export type FailureTarget = "admin" | "proxy";

export interface FailNextRequests {
  failure: InjectedFailure;
  /** How many of the next requests fail; default 1. */
  count?: number;
  /** Which routes fail; default "admin". */
  target?: FailureTarget;
}

export class FailureInjector {
  private readonly queued: Record<FailureTarget, InjectedFailure[]> = { admin: [], proxy: [] };

  queue({ failure, count = 1, target = "admin" }: FailNextRequests): void {
    for (let i = 0; i < count; i++) this.queued[target].push(failure);
  }

  next(target: FailureTarget): InjectedFailure | undefined {
    return this.queued[target].shift();
  }
}
