import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { countDayWindows, CoverageCount } from '../../../src/main/team/teamCoverage';
import { slotState } from '../../../src/shared/slotStates';
import { teamBlockState } from '../../../src/shared/teamBlockState';

const ZONE = 'Europe/Berlin';
const MINUTE = 60_000;
const at = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

// Sunday 25 Oct 2026 in Berlin: the clocks go back at 03:00 CEST to 02:00 CET, a 25-hour day.
const DAY = {
  from: at('2026-10-25T00:00'),
  to: DateTime.fromISO('2026-10-25', { zone: ZONE }).plus({ days: 1 }).toMillis(),
};
// A 4★ window from 01:45 CEST to 02:45 CEST; 29 minutes after it is 02:14 CET, the hour repeated.
const WINDOW = {
  start: DateTime.fromISO('2026-10-25T01:45:00+02:00').toMillis(),
  end: DateTime.fromISO('2026-10-25T02:45:00+02:00').toMillis(),
  stars: 4,
};

/** The rep's coverage of one unworked window, and its block's state, at `now`. */
function teamAt(now: number) {
  const count = new CoverageCount();
  let block: string | null = null;
  countDayWindows(count, [WINDOW], undefined, null, now, DAY, true, (w, worked, aside, counted) => {
    block = teamBlockState({ ...w, action: null, worked, setAside: aside, counted }, now);
  });
  return { ...count.result(), block };
}

describe('a window that ended unworked, on the Team page as on the planner (BT-6, TM-2)', () => {
  it('is just ended 29 minutes after its end, across the autumn clock change: not missed nor due', () => {
    expect(DAY.to - DAY.from).toBe(25 * 60 * MINUTE);
    const now = WINDOW.end + 29 * MINUTE;
    expect(DateTime.fromMillis(now, { zone: ZONE }).toFormat('HH:mm ZZ')).toBe('02:14 +01:00');
    // The planner's row reads "just ended" (passed, not struck through).
    expect(slotState(WINDOW.start, WINDOW.end, now)).toBe('passed');
    expect(teamAt(now)).toMatchObject({
      windows: 1,
      worked: 0,
      missed: 0,
      justEnded: 1,
      shareWorked: 0,
      block: 'just-ended',
    });
  });

  it('is missed 31 minutes after its end, once struck through as the planner strikes it', () => {
    const now = WINDOW.end + 31 * MINUTE;
    expect(slotState(WINDOW.start, WINDOW.end, now)).toBe('struck');
    expect(teamAt(now)).toMatchObject({
      windows: 1,
      worked: 0,
      missed: 1,
      justEnded: 0,
      shareWorked: 0,
      block: 'missed',
    });
  });

  it('is missed at 30 minutes, not a wall-clock half hour: the clock went back in between', () => {
    // 02:45 CEST plus 30 minutes is 02:15 CET; a rule reading local times would wait till 03:15.
    const now = WINDOW.end + 30 * MINUTE;
    expect(teamAt(now)).toMatchObject({ missed: 1, justEnded: 0, block: 'missed' });
    expect(teamAt(now - 1)).toMatchObject({ missed: 0, justEnded: 1, block: 'just-ended' });
  });
});
