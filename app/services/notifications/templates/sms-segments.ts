import { gsmSeptets } from "./gsm";
import type { SmsEncoding } from "./types";

// Twilio's rule: one segment holds 160 GSM-7 septets or 70 UCS-2 code units; once split, the concatenation
// header leaves 153 or 67 per part, and a character (an escaped GSM character, a surrogate pair) never
// straddles two parts.
const LIMITS = {
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
} as const;

export function smsSegments(body: string): { segments: number; encoding: SmsEncoding } {
  const characters = [...body];
  const septets = characters.map(gsmSeptets);
  const encoding: SmsEncoding = septets.every((cost) => cost !== null) ? "GSM-7" : "UCS-2";
  const costs = encoding === "GSM-7" ? septets.map((cost) => cost ?? 1) : characters.map((c) => c.length);
  return { segments: countSegments(costs, LIMITS[encoding]), encoding };
}

function countSegments(costs: number[], limit: { single: number; part: number }): number {
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  if (total === 0) return 0;
  if (total <= limit.single) return 1;
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limit.part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}
