/** The best-time module's public surface (BT-1..BT-11); the app imports from here. */
export { parseBusinessHours, alwaysOpen, type BusinessHours } from './businessHours';
export { runBesttimeCli, type CliIo } from './besttimeCommand';
export { parseEventsCsv, EventsInputError } from './eventsCsv';
export { computeAll, computePeople, streamPeople } from './personModel';
export { buildPriors, groupByPerson, type BesttimePriors } from './priors';
export { inferZone } from './zoneInference';
export { isValidZone } from './localClock';
export { MODEL_PARAMS, type ModelParams } from './modelParams';
export type {
  BesttimeEvent,
  BesttimeOptions,
  BestWindow,
  PersonChannelWindows,
  SlotMinutes,
  WindowEvidence,
} from './types';
export { DEFAULT_TOP } from './types';
