const MINUTE_MS = 60_000;

/** What a plan answered depends on: whose, which day as asked, the data, the minute. */
interface PlanKey {
  repId: string;
  /** The day as asked: undefined is the rep's today. */
  date: string | undefined;
  /** Bumped by every change the core announces and by other processes' commits. */
  data: number;
  now: number;
}

/**
 * The last plan made, for the read that comes right after it: a view asks for a plan's first
 * rows, paints them, then asks for the whole plan, and both answers are the same plan. Made twice,
 * the whole one waited behind a second planning of every row (over a hundred milliseconds at
 * eleven thousand rows). It is given again only while nothing it was made from can have moved:
 * the same rep and day asked for, no change to the data since (announced here, or committed by
 * another process), and the same minute of the clock, before the plan's own next change of state
 * (`refreshAt`). Every window starts and ends on a whole minute (zones are whole minutes apart
 * from UTC), so within the minute a plan made again has the same rows. Writes through another
 * core on the same connection are neither announced here nor counted by data_version: one core
 * per connection, as the app opens them (the team views' kept lanes assume the same).
 */
export class ShownPlanCache<P extends { refreshAt: number | null }> {
  private last: { key: PlanKey; plan: P } | null = null;
  private data = 0;

  /** The data changed: no plan made before serves again. */
  forget(): void {
    this.data += 1;
    this.last = null;
  }

  /** The plan of `repId`'s `date` at `now`, made by `make` unless the last one made still holds. */
  plan(repId: string, date: string | undefined, now: number, make: () => P): P {
    const last = this.last;
    if (
      last !== null &&
      last.key.repId === repId &&
      last.key.date === date &&
      last.key.data === this.data &&
      Math.floor(last.key.now / MINUTE_MS) === Math.floor(now / MINUTE_MS) &&
      now >= last.key.now &&
      (last.plan.refreshAt === null || now < last.plan.refreshAt)
    )
      return last.plan;
    const plan = make();
    this.last = { key: { repId, date, data: this.data, now }, plan };
    return plan;
  }
}
