import { z } from "zod";
import { CsvSyntaxError, parseCsv } from "./csv";

// The delivery CSV the promises command reads: the columns of ../shared/data/delivery/olist-delivered-sample.csv.
// Any cell but order_id may be empty; extra columns are ignored.
export const DELIVERY_CSV_COLUMNS = [
  "order_id",
  "ordered_at",
  "shipped_at",
  "delivered_at",
  "promised_at",
  "carrier",
  "destination_region",
  "destination_postal_prefix",
] as const;

type DeliveryCsvColumn = (typeof DELIVERY_CSV_COLUMNS)[number];

const emptyAsUndefined = (value: string) => (value.trim() === "" ? undefined : value.trim());

const optionalText = z.string().transform(emptyAsUndefined);

const optionalInstant = z
  .string()
  .transform(emptyAsUndefined)
  .pipe(z.string().datetime({ offset: true }).optional())
  .transform((value) => (value === undefined ? undefined : new Date(value)));

// A numeric postal prefix one digit short lost its leading zero to a spreadsheet on the way (in the Olist
// sample every 4-digit prefix is in São Paulo, whose CEPs start with 0).
const POSTAL_PREFIX_DIGITS = 5;
const optionalPostalPrefix = optionalText.transform((value) =>
  value !== undefined && /^\d+$/.test(value) && value.length === POSTAL_PREFIX_DIGITS - 1
    ? `0${value}`
    : value,
);

const deliveryCsvRowSchema = z.object({
  order_id: z.string().min(1),
  ordered_at: optionalInstant,
  shipped_at: optionalInstant,
  delivered_at: optionalInstant,
  promised_at: optionalInstant,
  carrier: optionalText,
  destination_region: optionalText,
  destination_postal_prefix: optionalPostalPrefix,
});

export type DeliveryCsvRow = z.infer<typeof deliveryCsvRowSchema>;

export type DeliveryCsv = {
  header: string[];
  /** The cells as read, for writing rows back unchanged. */
  records: string[][];
  rows: DeliveryCsvRow[];
};

export class DeliveryCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeliveryCsvError";
  }
}

export function readDeliveryCsv(text: string, source = "CSV"): DeliveryCsv {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DeliveryCsvError(`${source}: ${error.message}`);
    throw error;
  }
  const [header, ...records] = table;
  if (!header) throw new DeliveryCsvError(`${source}: empty file, expected a header row`);
  const missing = DELIVERY_CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new DeliveryCsvError(`${source}: missing column(s) ${missing.join(", ")}`);
  const indexOf = Object.fromEntries(
    DELIVERY_CSV_COLUMNS.map((column) => [column, header.indexOf(column)]),
  ) as Record<DeliveryCsvColumn, number>;
  const rows = records.map((record, index) => {
    if (record.length !== header.length)
      throw new DeliveryCsvError(
        `${source} record ${index + 1}: ${record.length} cells, the header has ${header.length}`,
      );
    const cells = Object.fromEntries(
      DELIVERY_CSV_COLUMNS.map((column) => [column, record[indexOf[column]] ?? ""]),
    );
    const parsed = deliveryCsvRowSchema.safeParse(cells);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DeliveryCsvError(
        `${source} record ${index + 1}, ${issue?.path.join(".")}: ${issue?.message}`,
      );
    }
    return parsed.data;
  });
  return { header, records, rows };
}
