import { describe, expect, it } from 'vitest';
import type { TeamBlock, TeamBlockWork } from '../../../src/shared/teamContract';
import { teamBlockState } from '../../../src/shared/teamBlockState';
import { blockOutcome } from '../../../src/renderer/src/team/blockTipText';

const HOUR = 3_600_000;
const block = (channel: TeamBlock['channel'], worked: TeamBlockWork | null = null): TeamBlock => ({
  personId: 'p1',
  name: 'Grace Hughes',
  company: null,
  channel,
  start: 8 * HOUR,
  end: 9 * HOUR,
  stars: 4,
  reason: null,
  contactTz: 'America/Los_Angeles',
  action: null,
  worked,
  setAside: false,
  counted: true,
});
const logged = (h: number, inWindow: boolean): TeamBlockWork => ({
  at: h * HOUR,
  by: 'logged',
  inWindow,
});
/** The tooltip's outcome as the page words it at `now` (hours). */
const outcome = (b: TeamBlock, now: number): string =>
  blockOutcome(b, teamBlockState(b, now * HOUR), 'UTC');

describe("a block's tooltip on the Team page (TM-1)", () => {
  it('says a missed window passed without what its channel takes', () => {
    expect(blockOutcome(block('email'), 'missed', 'UTC')).toBe(
      'The window passed without an email',
    );
    expect(blockOutcome(block('call'), 'missed', 'UTC')).toBe('The window passed without a call');
  });

  it('says how a worked window was worked, in its channel', () => {
    expect(outcome(block('email', logged(8.5, true)), 10)).toBe(
      'Emailed at 08:30, inside the window',
    );
    expect(outcome(block('call', logged(8.5, true)), 10)).toBe(
      'Called at 08:30, inside the window',
    );
    const marked: TeamBlockWork = { at: 8.25 * HOUR, by: 'done', inWindow: true };
    expect(outcome({ ...block('call', marked), action: 'done' }, 10)).toBe(
      'Marked done at 08:15, inside the window',
    );
  });

  it('never says "inside the window" of a call made before it', () => {
    // The 08:00–09:00 window of someone called at 06:30: before it opens, while open, after.
    for (const now of [7, 8.5, 10])
      expect(outcome(block('call', logged(6.5, false)), now)).toBe(
        'Called at 06:30, before the window',
      );
    expect(outcome(block('email', logged(6.5, false)), 10)).toBe(
      'Emailed at 06:30, before the window',
    );
    const marked: TeamBlockWork = { at: 6.5 * HOUR, by: 'done', inWindow: false };
    expect(outcome({ ...block('call', marked), action: 'done' }, 10)).toBe(
      'Marked done at 06:30, before the window',
    );
  });

  it('says a window snoozed past was set aside, and one skipped after it passed was missed', () => {
    expect(outcome({ ...block('call'), action: 'snoozed', setAside: true }, 10)).toBe(
      'Snoozed on to a later window: neither worked nor missed',
    );
    expect(outcome({ ...block('call'), action: 'skipped', setAside: true }, 10)).toBe(
      'Skipped for the day',
    );
    expect(outcome({ ...block('call'), action: 'skipped' }, 10)).toBe(
      'The window passed without a call',
    );
  });

  it('says a call inside the window counted for an overlapping one', () => {
    expect(outcome(block('call', logged(8.5, false)), 10)).toBe(
      'Called at 08:30, counted for an overlapping window',
    );
  });

  it('says a window passed without a call when the call came after it', () => {
    expect(outcome(block('call', logged(9.5, false)), 10)).toBe(
      'The window passed without a call; called at 09:30',
    );
    const marked: TeamBlockWork = { at: 9.5 * HOUR, by: 'done', inWindow: false };
    expect(outcome({ ...block('email', marked), action: 'done' }, 10)).toBe(
      'The window passed without an email; marked done at 09:30',
    );
  });

  it('says a window not counted passed, and why it is not counted', () => {
    const other = { ...block('call'), counted: false };
    expect(outcome(other, 10)).toBe(
      'The window passed without a call (not counted: another window of theirs is the planned one)',
    );
    expect(outcome({ ...other, stars: 0.5, worked: logged(9.5, false) }, 10)).toBe(
      'The window passed without a call; called at 09:30 (not counted: under 2★)',
    );
    expect(blockOutcome({ ...block('email'), counted: false }, 'passed', 'UTC', true)).toBe(
      'The window passed without an email (not counted: the rep logged no emails in four weeks)',
    );
  });

  it('names the day of a mark made on another day than the window’s (a past day marked done later)', () => {
    // The window is on Thursday 1 January 1970 (UTC); the row was marked done the next morning.
    const marked: TeamBlockWork = { at: 34 * HOUR, by: 'done', inWindow: false };
    expect(outcome({ ...block('call', marked), action: 'done' }, 40)).toBe(
      'The window passed without a call; marked done Fri 2 Jan at 10:00',
    );
  });
});
