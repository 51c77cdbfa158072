import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { plannedOnDay, ZoneCalendar, type LivePerson } from '../../../src/main/demo/demoLiveEvents';
import { makeHabit } from '../../../src/main/demo/demoHabits';
import { Random } from '../../../src/main/demo/random';

const TOKYO = 'Asia/Tokyo';
const BERLIN = 'Europe/Berlin';

describe('the live demo’s planned tasks', () => {
  it('are mostly due the day they are planned for (a Due_Date, placed at 09:00 Berlin), some with a time only', () => {
    const habit = makeHabit(new Random(1), 47);
    const people: LivePerson[] = Array.from({ length: 400 }, (_, i) => ({
      id: `p${i}`,
      module: 'contact',
      name: `Person ${i}`,
      email: null,
      ownerId: 'u-r1',
      zone: TOKYO,
      habit,
    }));
    const population = {
      seed: 3,
      people,
      ownerZones: new Map([['u-r1', TOKYO]]),
      reps: [{ id: 'u-r1', name: 'Rep' }],
      orgZone: BERLIN,
    };
    const calendar = new ZoneCalendar();
    const monday = calendar.at(
      TOKYO,
      DateTime.fromISO('2026-11-23T12:00', { zone: TOKYO }).toMillis(),
    ).day;
    const tasks = people
      .map((p) => plannedOnDay(population, calendar, p, monday)?.writes[0])
      .flatMap((w) => (w?.table === 'activities' && w.row.kind === 'task' ? [w.row] : []));
    const dated = tasks.filter((t) => t.due_date);
    expect(dated.length).toBeGreaterThan(0);
    expect(dated.length).toBeLessThan(tasks.length);
    for (const t of dated) {
      expect(t.due_date).toBe('2026-11-23');
      expect(t.started_at).toBe(DateTime.fromISO('2026-11-23T09:00', { zone: BERLIN }).toMillis());
    }
  });
});
