import { describe, expect, it } from 'vitest';
import { MODEL_PARAMS } from '../../../src/main/besttime/modelParams';
import { PersonGridBuilder } from '../../../src/main/besttime/personGrid';
import { estimateStrengths, StrengthScratch } from '../../../src/main/besttime/shrinkage';
import type { BesttimeEvent } from '../../../src/main/besttime/types';
import { at, options } from './eventFactory';

const SPD = 24;
/** A population spread evenly over the day. */
const flat = new Float64Array(7 * SPD).fill(1 / SPD);

function strengthsOf(events: BesttimeEvent[]): { person: number; day: number } {
  const opts = options();
  const grid = new PersonGridBuilder(opts, MODEL_PARAMS).load('p', events);
  return estimateStrengths(grid.channels.email, flat, SPD, MODEL_PARAMS, new StrengthScratch(SPD));
}

function daily(hourOf: (i: number) => number, days: number): BesttimeEvent[] {
  return Array.from({ length: days }, (_, i) => ({
    personId: 'p',
    at: at('2024-01-01T00:00', 'UTC') + i * 86_400_000 + hourOf(i) * 3_600_000 + 600_000,
    type: 'email_from_contact' as const,
    personTz: 'UTC',
  }));
}

describe('per-contact shrinkage strength', () => {
  it('keeps the defaults for a contact with a single signal', () => {
    expect(strengthsOf(daily(() => 10, 1))).toEqual({
      person: MODEL_PARAMS.personStrength,
      day: MODEL_PARAMS.dayStrength,
    });
  });

  it('trusts a contact whose hours are steady more than the default, and a scattered one less', () => {
    const steady = strengthsOf(daily(() => 10, 60));
    expect(steady.person).toBeLessThan(MODEL_PARAMS.personStrength);
    const scattered = strengthsOf(daily((i) => (i * 7) % 24, 60));
    expect(scattered.person).toBeGreaterThan(MODEL_PARAMS.personStrength);
  });
});
