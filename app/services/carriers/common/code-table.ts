import type { ShipmentStatus } from "../../../models/shipment-status";
import { SUBSTATUSES, type SubstatusCode } from "../../../models/tracking-taxonomy";

/** A carrier's codes to Parcelwise substatuses; the substatus decides the status (tracking-taxonomy.ts). */
export type CodeTable = Readonly<Record<string, SubstatusCode>>;

/** For codes a table does not know: the first rule whose phrase the carrier's text contains (case-insensitive). */
export type TextRule = readonly [phrase: string, substatus: SubstatusCode];

export interface Classification {
  status: ShipmentStatus;
  substatus: SubstatusCode;
  /** False when the code was unknown and a text rule or the default decided. */
  known: boolean;
}

export function classification(substatus: SubstatusCode, known = true): Classification {
  return { status: SUBSTATUSES[substatus].status, substatus, known };
}

export function lookupCode(table: CodeTable, code: string | null | undefined): SubstatusCode | null {
  if (!code) return null;
  return Object.hasOwn(table, code) ? (table[code] ?? null) : null;
}

export function matchTextRule(
  rules: readonly TextRule[],
  text: string | null | undefined,
): SubstatusCode | null {
  if (!text) return null;
  const lower = text.toLowerCase();
  return rules.find(([phrase]) => lower.includes(phrase))?.[1] ?? null;
}

export interface ClassifyInput {
  code: string | null | undefined;
  text: string | null | undefined;
}

export interface ClassifyTables {
  codes: CodeTable;
  textRules?: readonly TextRule[];
  fallback: SubstatusCode;
}

export function classify({ code, text }: ClassifyInput, tables: ClassifyTables): Classification {
  const known = lookupCode(tables.codes, code);
  if (known) return classification(known);
  return classification(matchTextRule(tables.textRules ?? [], text) ?? tables.fallback, false);
}
