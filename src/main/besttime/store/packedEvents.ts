import { SIGNAL_TYPES, type SignalType } from '../../../shared/signals';
import type { BesttimeEvent, EventsByPerson } from '../model/types';

const CODE_OF = new Map<SignalType, number>(SIGNAL_TYPES.map((s, i) => [s, i]));

/** Events a chunk: chunks are never copied to grow, and at most one is partly empty. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
/** An event without a duration; a duration that is not a 32-bit integer is kept aside. */
const NO_DURATION = -0x80000000;

interface Chunk {
  at: Float64Array;
  code: Uint8Array;
  duration: Int32Array;
  zone: Uint16Array;
}

/**
 * Everyone's events for a full relearn, packed in typed arrays: 15 bytes an event, where the
 * objects of 4.5 million events (100,000 people) with their boxed times took most of a gigabyte.
 * The model reads a person's list at a time (EventsByPerson): it is built when read and dropped
 * once that person is learnt from or scored. People keep the order they were added in; each
 * list comes back as it went in, the same fields in the same order.
 */
export class PackedEvents implements EventsByPerson {
  private readonly ids: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly zones: (string | undefined)[] = [];
  private readonly zoneIndex = new Map<string | undefined, number>();
  /** Person i's events are [starts[i], starts[i + 1]). */
  private starts = new Int32Array(1024);
  private readonly chunks: Chunk[] = [];
  /** Durations that are not 32-bit integers (none from SQLite's integer column), by event. */
  private readonly oddDurations = new Map<number, number>();
  private count = 0;

  /** Adds a person's events; a person added twice is refused (their lists would split). */
  add(personId: string, events: readonly BesttimeEvent[]): void {
    if (this.indexOf.has(personId)) throw new Error(`${personId} is packed already`);
    for (const e of events)
      if (!CODE_OF.has(e.type)) throw new Error(`${personId}: unknown signal ${e.type}`);
    this.indexOf.set(personId, this.ids.length);
    this.ids.push(personId);
    for (const e of events) {
      const i = this.count++;
      const chunk = this.chunkOf(i);
      const j = i & (CHUNK - 1);
      chunk.at[j] = e.at;
      chunk.code[j] = CODE_OF.get(e.type) as number;
      chunk.zone[j] = this.zoneCode(e.personTz);
      const d = e.durationS;
      if (d === undefined) chunk.duration[j] = NO_DURATION;
      else if ((d | 0) === d && d !== NO_DURATION && !Object.is(d, -0)) chunk.duration[j] = d;
      else {
        chunk.duration[j] = NO_DURATION;
        this.oddDurations.set(i, d);
      }
    }
    if (this.starts.length < this.ids.length + 1) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.ids.length] = this.count;
  }

  get size(): number {
    return this.ids.length;
  }

  get signalCount(): number {
    return this.count;
  }

  keys(): IterableIterator<string> {
    return this.ids.values();
  }

  get(personId: string): BesttimeEvent[] | undefined {
    const i = this.indexOf.get(personId);
    return i === undefined ? undefined : this.unpack(i);
  }

  *values(): IterableIterator<BesttimeEvent[]> {
    for (let i = 0; i < this.ids.length; i++) yield this.unpack(i);
  }

  *[Symbol.iterator](): IterableIterator<[string, BesttimeEvent[]]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i] as string, this.unpack(i)];
  }

  private unpack(person: number): BesttimeEvent[] {
    const personId = this.ids[person] as string;
    const end = this.starts[person + 1] as number;
    const out: BesttimeEvent[] = [];
    for (let i = this.starts[person] as number; i < end; i++) {
      const chunk = this.chunks[i >>> CHUNK_BITS] as Chunk;
      const j = i & (CHUNK - 1);
      const duration = chunk.duration[j] as number;
      // The fields in the order the loader makes them: one object shape for every event.
      out.push({
        personId,
        at: chunk.at[j] as number,
        type: SIGNAL_TYPES[chunk.code[j] as number] as SignalType,
        durationS:
          duration !== NO_DURATION
            ? duration
            : this.oddDurations.size > 0
              ? this.oddDurations.get(i)
              : undefined,
        personTz: this.zones[chunk.zone[j] as number],
      });
    }
    return out;
  }

  private chunkOf(event: number): Chunk {
    const n = event >>> CHUNK_BITS;
    let chunk = this.chunks[n];
    if (!chunk) {
      chunk = {
        at: new Float64Array(CHUNK),
        code: new Uint8Array(CHUNK),
        duration: new Int32Array(CHUNK),
        zone: new Uint16Array(CHUNK),
      };
      this.chunks.push(chunk);
    }
    return chunk;
  }

  private zoneCode(tz: string | undefined): number {
    let code = this.zoneIndex.get(tz);
    if (code === undefined) {
      code = this.zones.length;
      if (code > 0xffff) throw new Error('more than 65,536 time zones among the events');
      this.zones.push(tz);
      this.zoneIndex.set(tz, code);
    }
    return code;
  }
}
