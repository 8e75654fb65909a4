import type { DeliveryCsv } from "./delivery-csv";

export type TimeSplit = {
  history: string[][];
  test: string[][];
  /** Rows without ordered_at, which belong to neither side. */
  undated: number;
  /** ordered_at of the first test row: every history order is earlier. */
  testFrom: Date;
};

/**
 * The latest `testShare` of orders (by ordered_at) become the test set, so a model learnt on the history is
 * judged only on orders placed after everything it saw was ordered. Orders placed at the same instant as the
 * first test order move to the test side with it.
 */
export function splitByOrderTime(csv: DeliveryCsv, testShare: number): TimeSplit {
  const dated = csv.rows
    .map((row, index) => ({ orderedAt: row.ordered_at, record: csv.records[index] }))
    .filter(
      (entry): entry is { orderedAt: Date; record: string[] } =>
        entry.orderedAt !== undefined && entry.record !== undefined,
    )
    .sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime());
  let cut = dated.length - Math.round(dated.length * testShare);
  const first = dated[cut];
  while (first && cut > 0 && dated[cut - 1]?.orderedAt.getTime() === first.orderedAt.getTime()) cut--;
  const firstTest = dated[cut];
  if (cut === 0 || !firstTest) throw new RangeError(`a test share of ${testShare} leaves one side empty`);
  return {
    history: dated.slice(0, cut).map((entry) => entry.record),
    test: dated.slice(cut).map((entry) => entry.record),
    undated: csv.rows.length - dated.length,
    testFrom: firstTest.orderedAt,
  };
}
