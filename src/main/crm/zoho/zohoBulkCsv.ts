import { Unzip, UnzipInflate } from 'fflate';
import { parse } from 'csv-parse/sync';
import type { SyncModule } from '../crmSource';
import { ownTurn } from '../eventLoopTurns';
import type { ZohoRecord } from './zohoFieldValues';

/**
 * Bulk Read's CSV writes a lookup as the id of the record it points at (the paged JSON gives
 * `{"id", "name"}`); per module, the lookups the mappers read. Account_Name is a lookup on
 * contacts and deals, an account's own name on accounts.
 */
const LOOKUPS: Record<SyncModule, ReadonlySet<string>> = {
  Accounts: new Set(['Owner']),
  Contacts: new Set(['Owner', 'Account_Name']),
  Leads: new Set(['Owner']),
  Deals: new Set(['Owner', 'Contact_Name', 'Account_Name']),
  Calls: new Set(['Owner', 'Who_Id', 'What_Id']),
  Events: new Set(['Owner', 'Who_Id', 'What_Id']),
  Tasks: new Set(['Owner', 'Who_Id', 'What_Id']),
  Cases: new Set(['Owner', 'Related_To']),
  Visits: new Set(['Contact_Name', 'Lead_Name']),
};

/**
 * One CSV row as the record the paged listing gives: an empty cell is null (the JSON's null),
 * a lookup `{id}`; everything else stays text, which the field readers take as they take the
 * JSON's numbers and booleans ("12.5", "true").
 */
export function csvRecord(module: SyncModule, row: Readonly<Record<string, string>>): ZohoRecord {
  const lookups = LOOKUPS[module];
  const rec: ZohoRecord = {};
  for (const [field, value] of Object.entries(row)) {
    if (value === '') rec[field] = null;
    else rec[field] = lookups.has(field) ? { id: value } : value;
  }
  return rec;
}

/** The export's file cannot be read (not a zip, no CSV in it, a CSV cut short or malformed). */
export class UnreadableExportError extends Error {
  override name = 'UnreadableExportError';
}

// Compressed bytes inflated at once, and text parsed at once (whole lines): a first slice small
// (csv-parse is slow until the JIT warms up), then as much as parses in SLICE_MS at the pace so far.
const CHUNK_BYTES = 4 * 1024;
const FIRST_SLICE_CHARS = 4 * 1024;
const MAX_SLICE_CHARS = 64 * 1024;
const SLICE_MS = 4;
// Slices go on in one turn of the event loop for this long at most (the loop's budget is 50 ms).
const TURN_MS = 5;

/**
 * Where the last whole line within the first `limit` characters ends (after its newline), or -1;
 * the text starts at a line's start. RFC 4180 doubles a quote inside a quoted cell, so each quote
 * toggles, and a newline inside quotes is the cell's own.
 */
function lastLineEnd(text: string, limit: number): number {
  let end = -1;
  let quoted = false;
  for (let i = 0; i < limit; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10 && !quoted) end = i + 1;
  }
  return end;
}

/**
 * The rows of the CSV inside a zip, a batch at a time. The zip is inflated a slice at a time and
 * whole lines parsed with csv-parse a slice at a time, for at most TURN_MS a turn of the event
 * loop, so a file of 200,000 records never holds the loop long; only rows asked for are kept.
 */
export class ZipCsvRows {
  private readonly rows: Record<string, string>[] = [];
  private header: string[] | null = null;
  private offset = 0;
  private found = false;
  /** The CSV is inflated to its end (its text may still wait in `pending`). */
  private inflated = false;
  private ended = false;
  private failure: Error | null = null;
  private readonly unzip = new Unzip();
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Text inflated and not parsed yet, from the start of a line. */
  private pending = '';
  private sliceChars = FIRST_SLICE_CHARS;

  constructor(private readonly zip: Uint8Array) {
    this.unzip.register(UnzipInflate);
    this.unzip.onfile = (file) => {
      // Zoho's zip holds one CSV; anything after it is not ours to read.
      if (this.found || !/\.csv$/i.test(file.name)) return;
      this.found = true;
      file.ondata = (error, data, final) => {
        if (error) this.failure ??= error;
        else {
          this.pending += this.decoder.decode(data, { stream: !final });
          if (final) this.inflated = true;
        }
      };
      file.start();
    };
  }

  /** The CSV's column names, once its first line was read. */
  columns(): readonly string[] | null {
    return this.header;
  }

  /** Parses a slice of whole lines; false when more text must be inflated first. */
  private parseSlice(): boolean {
    let end: number;
    if (this.inflated && this.pending.length <= this.sliceChars) end = this.pending.length;
    else {
      end = lastLineEnd(this.pending, Math.min(this.sliceChars, this.pending.length));
      // One record longer than a slice (a long text with line breaks): all of what is here.
      if (end < 0 && this.pending.length > this.sliceChars)
        end = lastLineEnd(this.pending, this.pending.length);
      if (end < 0) {
        if (!this.inflated) return false;
        end = this.pending.length;
      }
    }
    const lines = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    if (this.inflated && this.pending === '') this.ended = true;
    const header = this.header;
    const started = performance.now();
    const rows = parse(lines, {
      bom: header === null,
      skip_empty_lines: true,
      columns: header ?? ((names: string[]) => (this.header = names)),
    }) as Record<string, string>[];
    const pace = lines.length / Math.max(0.1, performance.now() - started);
    this.sliceChars = Math.max(
      FIRST_SLICE_CHARS,
      Math.min(MAX_SLICE_CHARS, Math.floor(pace * SLICE_MS)),
    );
    for (const row of rows) this.rows.push(row);
    return true;
  }

  /** Up to `max` rows; null once every row was given. */
  async next(max: number): Promise<Record<string, string>[] | null> {
    let turn = performance.now();
    while (this.rows.length < max && !this.ended && !this.failure) {
      try {
        if (!this.parseSlice()) {
          if (this.offset >= this.zip.length)
            // Everything was inflated and the CSV never ended: the zip is cut short or has none.
            throw new Error(this.found ? 'the CSV in it is cut short' : 'it holds no CSV');
          const end = Math.min(this.zip.length, this.offset + CHUNK_BYTES);
          this.unzip.push(this.zip.subarray(this.offset, end), end === this.zip.length);
          this.offset = end;
        }
      } catch (error) {
        this.failure = error as Error;
        break;
      }
      if (performance.now() - turn >= TURN_MS) {
        await ownTurn();
        turn = performance.now();
      }
    }
    if (this.failure)
      throw new UnreadableExportError(
        `the export's file could not be read: ${this.failure.message}`,
      );
    if (this.rows.length === 0) return null;
    return this.rows.splice(0, max);
  }
}
