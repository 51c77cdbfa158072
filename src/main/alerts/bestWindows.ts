import { DateTime } from 'luxon';
import type { BestWindow } from '../../shared/alertsContract';
import type { Channel } from '../../shared/signals';
import { shownWindows } from '../../shared/slotStates';
import type { Db } from '../db/openDatabase';
import { personWindowRows } from '../db/repos/alertVisits';
import { decodeWindows, type WeeklyWindow } from '../besttime/store/windowsCodec';
import {
  occurrencesBetween,
  openingFor,
  WindowClock,
  type Opening,
} from '../planner/windowOccurrences';

/** A weekly window opens again within a week: today and the seven days after it. */
const DAYS_LOOKED_AT = 8;

export type WindowsNowOrNext = { call: BestWindow | null; email: BestWindow | null };

const NONE: WindowsNowOrNext = { call: null, email: null };

/**
 * A person's call and e-mail windows open at an instant, else the next to open: the planner's
 * occurrences of their weekly windows in their zone (so a daylight-saving change moves nothing),
 * and its choice of the window that speaks for them (the best-rated open one, else the next),
 * made as the owner's planner makes it, one of the owner's days at a time.
 */
export class BestWindows {
  private readonly clock = new WindowClock();
  private readonly weekly = new Map<string, Record<Channel, WeeklyWindow[][] | null>>();
  /** The shift each person's owner works, if any: their windows keep to its hours. */
  private readonly shiftOf = new Map<string, string>();
  /** The zone of each person's owner, whose days their planner counts. */
  private readonly ownerZoneOf = new Map<string, string>();
  /** Each shift's hours (null: the organisation's), read once for this list of windows. */
  private readonly openings = new Map<string | null, Opening | null>();
  /** The last day asked of each zone: a list asks for the same day again and again. */
  private readonly lastDay = new Map<string, { from: number; to: number }>();

  constructor(
    private readonly db: Db,
    /** The channels whose suggestions are on (Settings › Best time, BT-8). */
    private readonly channels: { call: boolean; email: boolean },
  ) {}

  /** Reads the stored windows of these people at once (else each is read when first asked). */
  preload(personIds: Iterable<string>): void {
    const wanted = [...new Set(personIds)].filter((id) => !this.weekly.has(id));
    for (const id of wanted) this.weekly.set(id, { call: null, email: null });
    for (const row of personWindowRows(this.db, wanted)) {
      const byWeekday: WeeklyWindow[][] = [[], [], [], [], [], [], [], []];
      for (const w of decodeWindows(row.channel, row.windows)) byWeekday[w.weekday]?.push(w);
      const person = this.weekly.get(row.person_id);
      if (person) person[row.channel] = byWeekday;
      if (row.owner_shift_id) this.shiftOf.set(row.person_id, row.owner_shift_id);
      if (row.owner_zone) this.ownerZoneOf.set(row.person_id, row.owner_zone);
    }
  }

  of(personId: string | null, zone: string, at: number): WindowsNowOrNext {
    if (!personId) return NONE;
    if (!this.weekly.has(personId)) this.preload([personId]);
    const weekly = this.weekly.get(personId);
    if (!weekly) return NONE;
    return {
      call: this.channels.call ? this.nowOrNext(personId, 'call', weekly.call, zone, at) : null,
      email: this.channels.email ? this.nowOrNext(personId, 'email', weekly.email, zone, at) : null,
    };
  }

  private nowOrNext(
    personId: string,
    channel: Channel,
    byWeekday: WeeklyWindow[][] | null,
    zone: string,
    at: number,
  ): BestWindow | null {
    if (!byWeekday) return null;
    // Held to the owner's hours on each date, as the plan's windows are (BT-7).
    const shift = this.shiftOf.get(personId) ?? null;
    let open = this.openings.get(shift);
    if (open === undefined) {
      open = openingFor(this.db, { shift_id: shift });
      this.openings.set(shift, open);
    }
    // The planner lets a surer window speak before a weaker one within one day of the rep's
    // (`shownWindows`): judged over the whole week, a sure window tomorrow hid today's weaker
    // one, open now or still to come, which the plan shows. A person nobody owns: their own days.
    const dayZone = this.ownerZoneOf.get(personId) ?? zone;
    let day = this.dayOf(dayZone, at);
    for (let i = 0; i < DAYS_LOOKED_AT; i++) {
      const today = occurrencesBetween(
        this.clock,
        zone,
        byWeekday,
        day.from,
        day.to,
        undefined,
        open,
      );
      const pick = shownWindows(today, at).current;
      if (pick)
        return {
          channel,
          state: pick.start <= at ? 'now' : 'upcoming',
          start: pick.start,
          end: pick.end,
          stars: pick.stars,
        };
      day = this.dayOf(dayZone, day.to);
    }
    return null;
  }

  /** The calendar day of `zone` that holds `at`, [from, to), as the planner's day is. */
  private dayOf(zone: string, at: number): { from: number; to: number } {
    const kept = this.lastDay.get(zone);
    if (kept && kept.from <= at && at < kept.to) return kept;
    const start = DateTime.fromMillis(at, { zone }).startOf('day');
    // The next midnight, not 24 hours on: a day of a clock change has 23 or 25 hours.
    const day = { from: start.toMillis(), to: start.plus({ days: 1 }).startOf('day').toMillis() };
    this.lastDay.set(zone, day);
    return day;
  }
}

/** The window an alert names: the call window now or next, else the e-mail one (VT-9). */
export function alertWindow(windows: WindowsNowOrNext): BestWindow | null {
  return windows.call ?? windows.email;
}
