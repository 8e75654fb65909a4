import { seededRandom, type SeededRandom } from "./seeded-random";
import type { WebhookDelivery, WebhookRequest } from "./webhook-delivery";

export interface WebhookBatchOptions {
  /** Share of the requests (0–1) delivered twice with the same X-Shopify-Webhook-Id, as Shopify does. Default 0. */
  duplicates?: number;
  /** Deliver in a seeded random order: Shopify promises no ordering, within a topic or across topics. */
  shuffle?: boolean;
  /** Same seed, same duplicates, same order, same webhook and event IDs. Default 1. */
  seed?: number;
  /** Deliveries in flight at once. Default 1, so the app receives them in plan order. */
  concurrency?: number;
}

export interface PlannedWebhook {
  /** With `webhookId` and `eventId` always set: a duplicate is the same request again. */
  request: WebhookRequest & { webhookId: string; eventId: string };
  duplicate: boolean;
}

export interface WebhookBatchDelivery extends WebhookDelivery {
  topic: string;
  webhookId: string;
  duplicate: boolean;
}

/** The deliveries a batch makes, in order: deterministic for a given seed. */
export function planWebhookBatch(
  requests: readonly WebhookRequest[],
  { duplicates = 0, shuffle = false, seed = 1 }: WebhookBatchOptions = {},
): PlannedWebhook[] {
  if (duplicates < 0 || duplicates > 1)
    throw new Error(`duplicates is a share between 0 and 1, not ${duplicates}`);
  const random = seededRandom(seed);
  const originals = requests.map((request) => ({
    request: {
      ...request,
      webhookId: request.webhookId ?? random.uuid(),
      eventId: request.eventId ?? random.uuid(),
    },
    duplicate: false,
  }));
  const duplicated = shuffled(random, originals)
    .slice(0, Math.round(duplicates * originals.length))
    .sort((a, b) => originals.indexOf(a) - originals.indexOf(b))
    .map((original) => ({ ...original, duplicate: true }));
  const planned = [...originals, ...duplicated];
  return shuffle ? shuffled(random, planned) : planned;
}

/** Sends a plan, `concurrency` at a time, each delivery retried by `send`; results in plan order. */
export async function deliverWebhookBatch(
  plan: readonly PlannedWebhook[],
  concurrency: number,
  send: (request: WebhookRequest) => Promise<WebhookDelivery>,
): Promise<WebhookBatchDelivery[]> {
  const results: WebhookBatchDelivery[] = new Array(plan.length);
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next++;
      const planned = plan[index];
      if (!planned) continue;
      const delivery = await send(planned.request);
      results[index] = {
        ...delivery,
        topic: planned.request.topic,
        webhookId: planned.request.webhookId,
        duplicate: planned.duplicate,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, plan.length)) }, worker));
  return results;
}

function shuffled<T>(random: SeededRandom, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = random.integer(0, index);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
