// Group commit: items submitted while a write is in flight (or within the same turn of the event loop) are
// written together by the next call to `write`, and each caller learns its own item's result. Twenty
// concurrent webhook deliveries then cost one transaction instead of twenty lock acquisitions.
export function groupCommit<Item, Result>(
  write: (items: Item[]) => Promise<Result[]>,
  { maxBatch = 256 }: { maxBatch?: number } = {},
) {
  type Waiting = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let writing = false;
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    if (writing || queue.length === 0) return;
    writing = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      const results = await write(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) {
        throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      }
      batch.forEach((waiting, index) => waiting.resolve(results[index] as Result));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      writing = false;
      if (queue.length > 0) schedule();
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return (item: Item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) schedule();
    });
}
