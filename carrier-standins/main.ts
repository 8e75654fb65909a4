import { z } from "zod";
import { createCarrierStandin, STANDIN_CARRIERS } from "./index";

const environment = z
  .object({
    CARRIER_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** Shifts the stand-in's clock, e.g. "48" to see parcels two days further along. */
    CARRIER_STANDIN_CLOCK_OFFSET_HOURS: z.coerce.number().default(0),
    CARRIER_STANDIN_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().optional(),
  })
  .safeParse(process.env);

if (!environment.success) {
  for (const issue of environment.error.issues)
    console.error(`carrier-standins: ${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}

const env = environment.data;
const offsetMs = env.CARRIER_STANDIN_CLOCK_OFFSET_HOURS * 3_600_000;
const perSecond = env.CARRIER_STANDIN_RATE_LIMIT_PER_SECOND;
const standin = await createCarrierStandin({
  port: env.CARRIER_STANDIN_PORT,
  clock: () => new Date(Date.now() + offsetMs),
  journeyEpoch: new Date(),
  rateLimits: perSecond
    ? Object.fromEntries(STANDIN_CARRIERS.map((carrier) => [carrier, { requests: perSecond, perSeconds: 1 }]))
    : undefined,
});

// The first line is meant for scripts: `CARRIER_STANDIN_URL=<url>`.
console.log(`CARRIER_STANDIN_URL=${standin.url}`);
for (const carrier of STANDIN_CARRIERS) {
  console.log(
    `${carrier.padEnd(12)} ${standin.baseUrlFor(carrier)}  ${JSON.stringify(standin.credentialsFor(carrier))}`,
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void standin.close().then(() => process.exit(0));
  });
}
