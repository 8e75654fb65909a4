// `carriers detect <number>...`: one JSON line per number, in the order given:
//   {"input","carrier","service","valid","candidates":[{"carrier","confidence"}],"trackingUrl"}
// Candidates are one per carrier (its best number type), best first; carrier is null when no format accepts
// the number. Which data set was loaded goes to stderr, so stdout stays JSON lines.
import { detectTrackingNumber, type Detection } from "../app/services/carriers/detect-carrier";
import { trackingNumberData } from "../app/services/carriers/tracking-number-data";

export const usage = "detect <number> [<number>...]";

function bestPerCarrier(candidates: Detection["candidates"]): Array<{ carrier: string; confidence: number }> {
  const best = new Map<string, number>();
  for (const { carrier, confidence } of candidates) if (!best.has(carrier)) best.set(carrier, confidence);
  return [...best].map(([carrier, confidence]) => ({ carrier, confidence }));
}

export function detectionLine(detection: Detection): string {
  return JSON.stringify({
    input: detection.input,
    carrier: detection.valid ? detection.carrier : null,
    service: detection.valid ? detection.service : null,
    valid: detection.valid,
    candidates: bestPerCarrier(detection.candidates),
    trackingUrl: detection.trackingUrl,
  });
}

export function run(numbers: string[]): number {
  if (numbers.length === 0) return 2;
  const data = trackingNumberData((message) => console.error(message));
  for (const number of numbers) console.log(detectionLine(detectTrackingNumber(number, {}, data)));
  return 0;
}
