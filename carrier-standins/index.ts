export {
  createCarrierStandin,
  STANDIN_CARRIERS,
  type CarrierStandin,
  type CarrierStandinOptions,
} from "./standin-server";
export { DEFAULT_STANDIN_CREDENTIALS } from "./credentials";
export type { FailNext, InjectedFailure } from "./failure-injection";
export { journeyFor, stepsSoFar, type Journey, type JourneyStep, type Milestone } from "./journey";
export type { RateLimit } from "./rate-limit";
