import type { PulledRecord } from '../crm/crmSource';

/** Reads of one second's records, the first included, before the listing moves on regardless. */
const MAX_SECOND_READS = 3;

const secondOf = (ms: number): number => Math.floor(ms / 1000) * 1000;

/**
 * A listing re-anchors at each page's last second (modulePull.ts), so only a second with more
 * records than a page (a mass update) is read by page number. Zoho lists one second's records in
 * an order of its own, but a record edited meanwhile leaves the second for the end of the
 * listing, and one deleted leaves it too: every record after it moves up a place. When a record
 * already read leaves between two pages, the record that was first on the next page moves onto
 * the page read before, and is never read; as it is not modified again, no later listing brings
 * it.
 *
 * So once such a second is read to its end, the CRM is asked which records were modified or
 * deleted since its read began (modulePull.ts; only a record edited meanwhile can have left it,
 * and asking from the second itself would, for any second not of the last minutes, name more
 * records than a page and read every imported second twice): when that fits one page each and
 * names none of the records
 * the read found, none left, none was skipped. Otherwise the second is read again from its first
 * page, until a read finds every record the read before it found (none left during that one),
 * at most MAX_SECOND_READS in all: the CRM's credits bound the re-reads of a second that keeps
 * changing. Only a read that began at the second's first page in this run can vouch for itself;
 * one resumed mid-way after a stop is read again.
 *
 * One per chain of pages (a stretch), fed every page in order.
 */
export class SecondRereads {
  private second: number | null = null;
  private seen = new Set<string>();
  /** What the read before found, when it began at the second's first page; null otherwise. */
  private before: Set<string> | null = null;
  /** Every id found by the reads before this one. */
  private found = new Set<string>();
  private whole = false;
  private paged = false;
  private reads = 0;
  /** The earliest time a record that left the second during its read can carry. */
  private readFrom = 0;

  /** `changesFrom`: the earliest time a change made from now on can carry (crmClockSlack.ts). */
  constructor(private readonly changesFrom: () => number) {}

  /**
   * Notes a page of the listing that starts after `anchor` (at `position` in it, null: its first
   * page); `ended`: the listing moves past the second with it, or ends. `decide`: the read of a
   * second it paged within is over, and `again` must be asked. `counted`: whether a record of the
   * page is one an earlier read of the second found (null: not a record of a second read again;
   * the pull's tally tells).
   */
  page(
    anchor: number | null,
    position: string | null,
    records: readonly Pick<PulledRecord, 'id' | 'modifiedAt'>[],
    ended: boolean,
  ): { decide: boolean; counted: (record: PulledRecord) => boolean | null } {
    if (anchor === null) return { decide: false, counted: () => null };
    const second = anchor + 1000;
    if (second !== this.second) {
      this.second = second;
      this.seen = new Set();
      this.before = null;
      this.found = new Set();
      this.whole = position === null;
      this.paged = false;
      this.reads = 1;
      this.readFrom = this.changesFrom();
    }
    for (const r of records) if (secondOf(r.modifiedAt) === second) this.seen.add(r.id);
    if (position !== null) this.paged = true;
    const found = this.reads > 1 ? this.found : null;
    const counted = (r: PulledRecord): boolean | null =>
      found && secondOf(r.modifiedAt) === second ? found.has(r.id) : null;
    return { decide: ended && this.paged, counted };
  }

  /**
   * Since when to ask what left the second (its read's start, less the clocks' margin) and the
   * records its read found, when a cheaper question can vouch for that read: its first, begun at
   * its first page (a later read vouches for the one before by itself).
   */
  askable(): { since: number; ids: ReadonlySet<string> } | null {
    if (this.reads !== 1 || !this.whole || this.second === null) return null;
    return { since: Math.max(this.second, this.readFrom), ids: this.seen };
  }

  /**
   * Whether to read the second again, from its first page, once a read of it is over; `vouched`:
   * the CRM says none of the records this read found left the second since.
   */
  again(vouched = false): boolean {
    const before = this.before;
    const complete = vouched || (before !== null && [...before].every((id) => this.seen.has(id)));
    if (complete || this.reads >= MAX_SECOND_READS) return false;
    this.found = new Set([...this.found, ...this.seen]);
    this.before = this.whole ? this.seen : null;
    this.seen = new Set();
    this.whole = true;
    this.paged = false;
    this.reads++;
    return true;
  }
}
