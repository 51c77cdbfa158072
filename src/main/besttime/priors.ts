import { CHANNELS, type Channel } from '../../shared/signals';
import { MODEL_PARAMS, type ModelParams } from './modelParams';
import { PersonGridBuilder } from './personGrid';
import type { BesttimeEvent, BesttimeOptions } from './types';

/** Summed local-week profiles of a group of people, per channel. */
export interface GroupProfile {
  mass: Record<Channel, Float64Array>;
  people: Record<Channel, number>;
}

/** What sparse contacts borrow from: the organisation and each zone's contacts. */
export interface BesttimePriors {
  slotMinutes: number;
  org: GroupProfile;
  byZone: Map<string, GroupProfile>;
}

function emptyProfile(cells: number): GroupProfile {
  return {
    mass: { call: new Float64Array(cells), email: new Float64Array(cells) },
    people: { call: 0, email: 0 },
  };
}

export function groupByPerson(events: readonly BesttimeEvent[]): Map<string, BesttimeEvent[]> {
  const byPerson = new Map<string, BesttimeEvent[]>();
  for (const e of events) {
    const list = byPerson.get(e.personId);
    if (list) list.push(e);
    else byPerson.set(e.personId, [e]);
  }
  return byPerson;
}

/**
 * Each contact adds their profile scaled to total N/(N+1): everyone counts about once, so a
 * handful of very active contacts cannot become "the organisation's pattern", and a contact with
 * a single signal counts half.
 */
function addToProfile(profile: GroupProfile, grid: PersonGridBuilder): void {
  for (const channel of CHANNELS) {
    const own = grid.channels[channel];
    if (own.total <= 0) continue;
    const scale = 1 / (own.total + 1);
    const target = profile.mass[channel];
    for (let i = 0; i < target.length; i++)
      target[i] = (target[i] ?? 0) + (own.mass[i] ?? 0) * scale;
    profile.people[channel]++;
  }
}

/** Priors from all events, flat or already grouped by person. */
export function buildPriors(
  events: readonly BesttimeEvent[] | ReadonlyMap<string, readonly BesttimeEvent[]>,
  opts: BesttimeOptions,
  params: ModelParams = MODEL_PARAMS,
): BesttimePriors {
  const byPerson: ReadonlyMap<string, readonly BesttimeEvent[]> = Array.isArray(events)
    ? groupByPerson(events as readonly BesttimeEvent[])
    : (events as ReadonlyMap<string, readonly BesttimeEvent[]>);
  const cells = 7 * (1440 / opts.slotMinutes);
  const priors: BesttimePriors = {
    slotMinutes: opts.slotMinutes,
    org: emptyProfile(cells),
    byZone: new Map(),
  };
  const grid = new PersonGridBuilder(opts, params);
  // Sorted so the sums, and so every score, do not depend on the order events arrived in.
  for (const personId of [...byPerson.keys()].sort()) {
    grid.load(personId, byPerson.get(personId) ?? []);
    addToProfile(priors.org, grid);
    let zone = priors.byZone.get(grid.tz);
    if (!zone) {
      zone = emptyProfile(cells);
      priors.byZone.set(grid.tz, zone);
    }
    addToProfile(zone, grid);
  }
  return priors;
}
