import type { JobHandler } from "../services/jobs/job-handlers.server";
import { detectLateShipments } from "./late-shipments.server";
import { detectLostShipments } from "./lost-shipments.server";
import { alertStuck, detectStuckShipments, STUCK_CHECK_INTERVAL_MS } from "./stuck-shipments.server";
import { refreshSupportEscalations } from "./support.server";

// The hourly look at every parcel still on its way, per shop: likely lost, then late, then stuck. The order is
// the precedence (shipment-attention.ts): a parcel found lost is not also announced late, nor a late one stuck,
// in the same run.

const CONTINUE_AFTER_MS = 60_000;
// One budget for the three, well inside the job lease (5 minutes): a first run over a large backlog carries on
// in the next run instead of being claimed by a second worker mid-way.
const TIME_BUDGET_MS = 2 * 60_000;

export const runDeliveryWatchJob: JobHandler = async ({ shop, now }) => {
  const deadline = Date.now() + TIME_BUDGET_MS;
  const lost = await detectLostShipments({ shop, now, deadline });
  const late = await detectLateShipments({ shop, now, deadline });
  // Stuck collects its own failures and throws them together, after flagging everything else.
  let stuckFinished = false;
  let stuckFailure: unknown = null;
  try {
    const stuck = await detectStuckShipments({
      shop,
      now,
      onStuck: alertStuck(shop, now),
      timeBudgetMs: Math.max(0, deadline - Date.now()),
    });
    stuckFinished = stuck.finished;
  } catch (error) {
    stuckFailure = error;
  }
  // A parcel whose alert could not be queued stays unflagged (its transaction rolled back); the failed job's
  // retry tries it again, and the others are not held back by it.
  // Help requests about parcels just found stuck (or delivered since) are escalated, or no longer are.
  await refreshSupportEscalations({ shop });
  const failures = [...lost.failures, ...late.failures, ...(stuckFailure ? [stuckFailure] : [])];
  if (failures.length) {
    throw new AggregateError(failures, `${failures.length} shipment(s) of ${shop} could not be flagged`);
  }
  const finished = lost.finished && late.finished && stuckFinished;
  return { runAgainAt: new Date(now.getTime() + (finished ? STUCK_CHECK_INTERVAL_MS : CONTINUE_AFTER_MS)) };
};
