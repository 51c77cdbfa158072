import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  starLevelLabel,
  versusSimpleRules,
  whereTheDataIs,
} from '../../../src/renderer/src/format/backtestText';

const MONTH = { days: 28, asked: 28 };

const channel = (hit1: number, org: number, own: number, last: number, acts = 100) => ({
  acts,
  hit1,
  hit3: hit1,
  baselines: {
    org: { hit1: org, hit3: org },
    own: { hit1: own, hit3: own },
    last: { hit1: last, hit3: last },
  },
});

/** Per rule, the acts only the windows caught and those only the rule caught ([0, 0] unless given). */
const pairs = (
  given: Partial<Record<'org' | 'own' | 'last', [number, number]>> = {},
): Record<'org' | 'own' | 'last', { modelOnly: number; baselineOnly: number }> => {
  const of = (r: 'org' | 'own' | 'last') => {
    const [modelOnly, baselineOnly] = given[r] ?? [0, 0];
    return { modelOnly, baselineOnly };
  };
  return { org: of('org'), own: of('own'), last: of('last') };
};
const NONE = pairs();

describe('Settings › How the windows did: the suggested windows against the simple rules', () => {
  it('says by how many points the windows beat the best rule', () => {
    expect(
      versusSimpleRules('Calls', channel(0.92, 0.26, 0.87, 0.81), pairs({ own: [5, 0] }), MONTH),
    ).toBe(
      'Calls: the suggested windows beat the best simple rule, their most frequent hour, by 5 points: 92% of acts in the first window against 87%.',
    );
  });

  it('calls a tie what the table shows as one, and names every rule that ties for best', () => {
    // 86.7% and 86.7%, shown as 87% and 87% (the demo's calls of 26 October).
    expect(versusSimpleRules('Calls', channel(0.8671, 0.2573, 0.8671, 0.8119), NONE, MONTH)).toBe(
      'Calls: the suggested windows matched the best simple rule, their most frequent hour: 87% of acts in the first window each.',
    );
    // 87.4% against 86.6%: both shown as 87%, so no lead is claimed.
    expect(versusSimpleRules('Calls', channel(0.874, 0.5, 0.866, 0.866), NONE, MONTH)).toBe(
      'Calls: the suggested windows matched the best simple rules, their most frequent hour and the hour of their last signal: 87% of acts in the first window each.',
    );
  });

  it('says when the windows trail, in the singular for one point', () => {
    // One point is past chance only on many acts: 72 of 10,000.
    expect(
      versusSimpleRules(
        'Emails',
        channel(0.3628, 0.2, 0.37, 0.3, 10_000),
        pairs({ own: [0, 72] }),
        MONTH,
      ),
    ).toBe(
      'Emails: the suggested windows trailed the best simple rule, their most frequent hour, by 1 point: 36% of acts in the first window against 37%.',
    );
  });

  it('gives no verdict on fewer than 30 acts, and says what would give more', () => {
    // audit46: "matched the best simple rules … 82%" rested on 11 e-mails of a 6-person organisation.
    expect(versusSimpleRules('Emails', channel(0.82, 0.82, 0.82, 0.82, 11), NONE, MONTH)).toBe(
      'Emails: 11 acts in these 28 days, too few to judge (it takes 30); pick a longer period.',
    );
    expect(versusSimpleRules('Calls', channel(1, 0, 0, 0, 1), NONE, { days: 7, asked: 7 })).toBe(
      'Calls: 1 act in these 7 days, too few to judge (it takes 30); pick a longer period.',
    );
    // A period cut short by today grows only from an earlier start.
    expect(
      versusSimpleRules('Calls', channel(0.5, 0.2, 0.3, 0.3, 12), NONE, { days: 3, asked: 28 }),
    ).toBe(
      'Calls: 12 acts in these 3 days, too few to judge (it takes 30); pick an earlier start.',
    );
    expect(
      versusSimpleRules('Emails', channel(0.5, 0.2, 0.3, 0.3, 29), NONE, { days: 91, asked: 91 }),
    ).toBe(
      'Emails: 29 acts in these 91 days, too few to judge (it takes 30), even over the longest period.',
    );
    // From 30 on, a verdict.
    expect(versusSimpleRules('Calls', channel(0.49, 0.32, 0.49, 0.49, 30), NONE, MONTH)).toBe(
      'Calls: the suggested windows matched the best simple rules, their most frequent hour and the hour of their last signal: 49% of acts in the first window each.',
    );
  });

  it('calls a gap within two paired standard errors about the same, not a lead', () => {
    // audit47: "beat … by 2 points (67% against 65%)" on 46 e-mails, a gap of one act.
    const emails = channel(31 / 46, 0.3, 30 / 46, 0.5, 46);
    expect(versusSimpleRules('Emails', emails, pairs({ own: [3, 2] }), MONTH)).toBe(
      'Emails: the suggested windows did about the same as the best simple rule, their most frequent hour (67% of acts in the first window against 65%, within chance on 46 acts).',
    );
    // Behind by as much, and as much within chance.
    const behind = channel(30 / 46, 0.3, 31 / 46, 0.5, 46);
    expect(versusSimpleRules('Emails', behind, pairs({ own: [2, 3] }), MONTH)).toBe(
      'Emails: the suggested windows did about the same as the best simple rule, their most frequent hour (65% of acts in the first window against 67%, within chance on 46 acts).',
    );
    // 7 acts more than the rule and none fewer: 15 points against a standard error of 5.
    const ahead = channel(37 / 46, 0.3, 30 / 46, 0.5, 46);
    expect(versusSimpleRules('Emails', ahead, pairs({ own: [7, 0] }), MONTH)).toBe(
      'Emails: the suggested windows beat the best simple rule, their most frequent hour, by 15 points: 80% of acts in the first window against 65%.',
    );
    // The same 15 points, made of 17 acts won and 10 lost: within chance.
    expect(versusSimpleRules('Emails', ahead, pairs({ own: [17, 10] }), MONTH)).toBe(
      'Emails: the suggested windows did about the same as the best simple rule, their most frequent hour (80% of acts in the first window against 65%, within chance on 46 acts).',
    );
  });

  it('calls no lead over rules tied for best when it is within chance of one of them', () => {
    const calls = channel(0.7, 0.6, 0.6, 0.2, 100);
    expect(versusSimpleRules('Calls', calls, pairs({ org: [10, 0], own: [25, 15] }), MONTH)).toBe(
      'Calls: the suggested windows did about the same as the best simple rules, the organisation’s hours and their most frequent hour (70% of acts in the first window against 60%, within chance on 100 acts).',
    );
    expect(versusSimpleRules('Calls', calls, pairs({ org: [10, 0], own: [11, 1] }), MONTH)).toBe(
      'Calls: the suggested windows beat the best simple rules, the organisation’s hours and their most frequent hour, by 10 points: 70% of acts in the first window against 60%.',
    );
  });

  it('says nothing of a channel with no act to score', () => {
    expect(versusSimpleRules('Emails', channel(0, 0, 0, 0, 0), NONE, MONTH)).toBeNull();
  });
});

describe('the star chart’s words', () => {
  it('gives no rate for a level shown on fewer than 10 windows, in the singular for one', () => {
    // audit46: "0% of 1 window" read as a finding about one-star windows.
    expect(starLevelLabel({ stars: 1, windows: 1, acts: 0, hit_rate: 0 })).toBe(
      '1 star: 1 window, too few to judge',
    );
    expect(starLevelLabel({ stars: 3.5, windows: 9, acts: 9, hit_rate: 1 })).toBe(
      '3.5 stars: 9 windows, too few to judge',
    );
    expect(starLevelLabel({ stars: 1, windows: 10, acts: 0, hit_rate: 0 })).toBe(
      '1 star: 0% of 10 windows',
    );
  });

  it('counts a level’s windows and rate', () => {
    expect(starLevelLabel({ stars: 4.5, windows: 213, acts: 97, hit_rate: 97 / 213 })).toBe(
      '4.5 stars: 46% of 213 windows',
    );
  });
});

describe('a period with nothing to score', () => {
  const zone = 'Europe/Berlin';
  const at = (iso: string) => DateTime.fromISO(iso, { zone });
  // The demo's calls and e-mails: from 25 May 2026, 08:40, to 23 November, 09:55.
  const span = { from: at('2026-05-25T08:40').toMillis(), to: at('2026-11-23T09:55').toMillis() };

  it('asks for a start after the first day with a call or e-mail when the period starts on it or before', () => {
    for (const start of ['2026-05-25', '2020-01-01'])
      expect(whereTheDataIs(span, at(start), zone)).toBe(
        'The calls and e-mails here run from 25 May 2026 to 23 Nov 2026: pick a start after 25 May 2026, so that the period has history before it.',
      );
  });

  it('asks for a start inside the calls and e-mails when the period starts after them', () => {
    expect(whereTheDataIs(span, at('2026-11-24'), zone)).toBe(
      'The calls and e-mails here run from 25 May 2026 to 23 Nov 2026: pick a start inside them.',
    );
  });

  it('asks for a later start when the period is inside them but holds nobody known before it', () => {
    expect(whereTheDataIs(span, at('2026-05-26'), zone)).toBe(
      'The calls and e-mails here run from 25 May 2026 to 23 Nov 2026, but none in this period is with anyone heard from before it: pick a later start, with more history before it.',
    );
  });

  it('asks for a sync when there is no call or e-mail at all', () => {
    expect(whereTheDataIs(null, at('2026-05-26'), zone)).toBe(
      'There is no call or e-mail here to score yet: sync some first.',
    );
  });
});
