import { describe, expect, it } from 'vitest';
import { AnswerRates, shrunkRate } from '../../../src/main/besttime/model/answerRates';
import { MODEL_PARAMS } from '../../../src/main/besttime/model/modelParams';
import { computeAll } from '../../../src/main/besttime/model/personModel';
import { PersonGridBuilder } from '../../../src/main/besttime/model/personGrid';
import { buildPriors, groupByPerson } from '../../../src/main/besttime/model/priors';
import type { BesttimeEvent, PersonChannelWindows } from '../../../src/main/besttime/model/types';
import { options, weekly } from './eventFactory';

const SPD = 24;
const cell = (weekday: number, hour: number): number => (weekday - 1) * SPD + hour;

function find(results: PersonChannelWindows[], personId: string, channel: 'call' | 'email') {
  return results.find((r) => r.personId === personId && r.channel === channel);
}

/** Answer rates per cell for one contact as the model computes them against these priors. */
function ratesOf(personId: string, events: BesttimeEvent[]): Float64Array | null {
  const opts = options();
  const priors = buildPriors(events, opts);
  const grid = new PersonGridBuilder(opts, MODEL_PARAMS).load(
    personId,
    groupByPerson(events).get(personId) ?? [],
  );
  const rates = new AnswerRates(priors, SPD, MODEL_PARAMS).rateFor(grid.tz, grid.attempts);
  return rates && rates.slice();
}

/** Answers on Tuesdays at 10:15 (4 weeks); the rep's calls on Tuesdays at 15:05 go unanswered (6 weeks). */
const answersAtTen = weekly('a', '2024-02-20T10:15', 'UTC', 4, 'call_answered', { durationS: 300 });
const silentAtThree = weekly('a', '2024-02-13T15:05', 'UTC', 6, 'call_no_answer');
/** ...and they write e-mails on Tuesdays at 15:10, many of them (20 weeks). */
const mailsAtThree = weekly('a', '2023-11-07T15:10', 'UTC', 20, 'email_from_contact');

describe('answer rates of calls (BT-12)', () => {
  it('is a Beta posterior mean: answered tries plus pseudo-tries at the prior, over all tries', () => {
    expect(shrunkRate(0, 6, 1, 2)).toBeCloseTo(2 / 8, 12);
    expect(shrunkRate(4, 4, 1, 2)).toBe(1);
    expect(shrunkRate(3, 10, 0.5, 10)).toBeCloseTo(8 / 20, 12);
  });

  it('shrinks a contact alone in their organisation toward their own hour, then toward "always answered"', () => {
    // Nobody else in the organisation: the population's rates are all 1. Tuesday 15:00: six
    // tries, none answered. Their 15:00 on every weekday: (0 + 2 * 1) / (6 + 2) = 0.25; their
    // Tuesday 15:00: (0 + 2 * 0.25) / (6 + 2) = 0.0625. Wednesday 15:00, no tries there:
    // (0 + 2 * 0.25) / (0 + 2) = 0.25. Tuesday 10:00, four answered: (4 + 2 * 1) / (4 + 2) = 1.
    const rates = ratesOf('a', [...answersAtTen, ...silentAtThree]);
    expect(rates?.[cell(2, 15)]).toBeCloseTo(0.0625, 12);
    expect(rates?.[cell(3, 15)]).toBeCloseTo(0.25, 12);
    expect(rates?.[cell(2, 10)]).toBe(1);
    expect(rates?.[cell(4, 9)]).toBe(1);
  });

  it("borrows the organisation's rate at an hour for a contact never called then", () => {
    // Ten others, each called once on a Monday at 12:00 and once at 09:00; at 12:00 nobody answers.
    const others = Array.from({ length: 10 }, (_, i) => [
      ...weekly(`o${i}`, '2024-03-04T12:10', 'UTC', 1, 'call_no_answer'),
      ...weekly(`o${i}`, '2024-03-04T09:10', 'UTC', 1, 'call_answered', { durationS: 200 }),
    ]).flat();
    const newcomer = weekly('n', '2024-03-05T16:00', 'UTC', 1, 'call_inbound_answered');
    // Organisation: 10 answered, 10 not: (10 + 10 * 1) / (20 + 10) = 2/3 overall. At 12:00 on
    // any weekday: (0 + 10 * 2/3) / (10 + 10) = 1/3; on Mondays: (0 + 10 * 1/3) / (10 + 10) = 1/6.
    // The newcomer has no tries: 2 pseudo-tries at 1/6 twice over leave 1/6. At 09:00 on
    // Mondays: (10 + 10 * ((10 + 10 * 2/3) / 20)) / 20 = 11/12. At 16:00: 2/3, the organisation's.
    const rates = ratesOf('n', [...others, ...newcomer]);
    expect(rates?.[cell(1, 12)]).toBeCloseTo(1 / 6, 12);
    expect(rates?.[cell(1, 9)]).toBeCloseTo(11 / 12, 12);
    expect(rates?.[cell(3, 16)]).toBeCloseTo(2 / 3, 12);
  });

  it('changes nothing where no call ever went unanswered', () => {
    expect(ratesOf('a', [...answersAtTen, ...mailsAtThree])).toBeNull();
  });

  it('counts a call of a minute or less as one that went unanswered, and a redial within 30 minutes as the same try', () => {
    const short = weekly('a', '2024-02-13T15:05', 'UTC', 6, 'call_answered', { durationS: 40 });
    const redials = weekly('a', '2024-02-13T15:20', 'UTC', 6, 'call_no_answer');
    const rates = ratesOf('a', [...answersAtTen, ...short, ...redials]);
    expect(rates?.[cell(2, 15)]).toBeCloseTo(0.0625, 12);
  });

  it('puts the call window where they answer and the e-mail window where they write', () => {
    const events = [...answersAtTen, ...silentAtThree, ...mailsAtThree];
    const results = computeAll(groupByPerson(events), options()).results;
    const call = find(results, 'a', 'call')?.windows.find((w) => w.weekday === 2);
    const email = find(results, 'a', 'email')?.windows.find((w) => w.weekday === 2);
    expect(call).toMatchObject({ startMin: 600, endMin: 660 });
    expect(email).toMatchObject({ startMin: 900, endMin: 960 });
    // Without the unanswered tries, their e-mails would have drawn the call window to 15:00 too.
    const without = computeAll(groupByPerson([...answersAtTen, ...mailsAtThree]), options());
    const before = find(without.results, 'a', 'call')?.windows.find((w) => w.weekday === 2);
    expect(before?.startMin).toBe(900);
  });

  it('says the calls that went unanswered in the window they fell in, never on another window or in the e-mail one', () => {
    const events = [...answersAtTen, ...silentAtThree, ...mailsAtThree];
    const results = computeAll(groupByPerson(events), options()).results;
    const call = find(results, 'a', 'call')?.windows.find((w) => w.weekday === 2);
    expect(call?.reason).toBe(
      "few calls of their own (4): answered 4 calls on Tuesdays 10:00-11:00; last 20 days ago; the rest borrowed from their own calls at other times (no other contact's to learn from yet)",
    );
    // The tries at 15:00 are told where they fell, if a window is offered there at all.
    const atThree = find(results, 'a', 'call')?.windows.find(
      (w) => w.weekday === 2 && w.startMin <= 900 && w.endMin > 900,
    );
    if (atThree) expect(atThree.reason).toMatch(/; 6 calls there went unanswered$/);
    const email = find(results, 'a', 'email')?.windows.find((w) => w.weekday === 2);
    expect(email?.reason).not.toContain('unanswered');
  });

  it('never makes a window from unanswered calls alone', () => {
    expect(computeAll(groupByPerson(silentAtThree), options()).results).toEqual([]);
  });
});
