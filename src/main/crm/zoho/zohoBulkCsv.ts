import { Unzip, UnzipInflate } from 'fflate';
import { parse } from 'csv-parse';
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

// Compressed bytes inflated and parsed in one turn of the event loop: about 200 KB of CSV.
const CHUNK_BYTES = 32 * 1024;

/**
 * The rows of the CSV inside a zip, a batch at a time. The zip is inflated and parsed a slice per
 * turn of the event loop, so a file of 200,000 records never holds the loop for long, and only
 * the rows asked for are kept as objects.
 */
export class ZipCsvRows {
  private readonly rows: Record<string, string>[] = [];
  private header: string[] | null = null;
  private offset = 0;
  private found = false;
  private ended = false;
  private failure: Error | null = null;
  private readonly unzip = new Unzip();
  private readonly parser = parse({
    columns: (header: string[]) => (this.header = header),
    bom: true,
    skip_empty_lines: true,
  });

  constructor(private readonly zip: Uint8Array) {
    this.parser.on('data', (row: Record<string, string>) => this.rows.push(row));
    this.parser.on('error', (error: Error) => (this.failure ??= error));
    this.parser.on('end', () => (this.ended = true));
    this.unzip.register(UnzipInflate);
    this.unzip.onfile = (file) => {
      // Zoho's zip holds one CSV; anything after it is not ours to read.
      if (this.found || !/\.csv$/i.test(file.name)) return;
      this.found = true;
      file.ondata = (error, data, final) => {
        if (error) {
          this.failure ??= error;
          return;
        }
        if (data.length > 0) this.parser.write(data);
        if (final) this.parser.end();
      };
      file.start();
    };
  }

  /** The CSV's column names, once its first line was read. */
  columns(): readonly string[] | null {
    return this.header;
  }

  /** Up to `max` rows; null once every row was given. */
  async next(max: number): Promise<Record<string, string>[] | null> {
    let idle = 0;
    while (this.rows.length < max && !this.ended) {
      if (this.failure) break;
      if (this.offset < this.zip.length) {
        const end = Math.min(this.zip.length, this.offset + CHUNK_BYTES);
        try {
          this.unzip.push(this.zip.subarray(this.offset, end), end === this.zip.length);
        } catch (error) {
          this.failure = error as Error;
          break;
        }
        this.offset = end;
      } else if (!this.found || ++idle > 3) {
        // Everything was pushed and the CSV never ended: the zip is cut short or has none.
        this.failure = new Error(this.found ? 'the CSV in it is cut short' : 'it holds no CSV');
        break;
      }
      await ownTurn();
    }
    if (this.failure)
      throw new UnreadableExportError(
        `the export's file could not be read: ${this.failure.message}`,
      );
    if (this.rows.length === 0) return null;
    return this.rows.splice(0, max);
  }
}
