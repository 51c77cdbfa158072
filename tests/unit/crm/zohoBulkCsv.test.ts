import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SyncModule } from '../../../src/main/crm/crmSource';
import {
  csvRecord,
  UnreadableExportError,
  ZipCsvRows,
} from '../../../src/main/crm/zoho/zohoBulkCsv';
import { pullRecord } from '../../../src/main/crm/zoho/zohoModules';

const NOW = Date.UTC(2026, 2, 2, 12);

const zipOf = (csv: string, name = 'export.csv'): Uint8Array => zipSync({ [name]: strToU8(csv) });

async function allRows(zip: Uint8Array, batch = 1000): Promise<Record<string, string>[]> {
  const file = new ZipCsvRows(zip);
  const rows: Record<string, string>[] = [];
  for (let b = await file.next(batch); b; b = await file.next(batch)) rows.push(...b);
  return rows;
}

/** The rows a record's CSV line and its JSON listing entry become: they must be the same. */
async function bothWays(module: SyncModule, csv: string, json: Record<string, unknown>) {
  const [row] = await allRows(zipOf(csv));
  const fromCsv = pullRecord(module, csvRecord(module, row ?? {}), NOW, {
    timeZone: 'Europe/Berlin',
  });
  const fromJson = pullRecord(module, json, NOW, { timeZone: 'Europe/Berlin' });
  return { fromCsv, fromJson };
}

describe('a Bulk Read file’s records', () => {
  it('become the same contact rows as the paged listing, lookups given as ids', async () => {
    const csv =
      'id,First_Name,Last_Name,Email,Phone,Mobile,Owner,Account_Name,Title,Created_Time,Modified_Time,Days_Visited,Average_Time_Spent_Minutes\r\n' +
      '4001,Ana,"O\'Neil, ""Annie""",Ana@Example.test,,+49 30 1,u2,7001,,2026-01-05T09:00:00+05:30,2026-01-06T10:15:00+05:30,3,2.5\r\n';
    const { fromCsv, fromJson } = await bothWays('Contacts', csv, {
      id: '4001',
      First_Name: 'Ana',
      Last_Name: 'O\'Neil, "Annie"',
      Email: 'Ana@Example.test',
      Phone: null,
      Mobile: '+49 30 1',
      Owner: { id: 'u2', name: 'Ren Rep' },
      Account_Name: { id: '7001', name: 'Acme' },
      Title: null,
      Created_Time: '2026-01-05T09:00:00+05:30',
      Modified_Time: '2026-01-06T10:15:00+05:30',
      Days_Visited: 3,
      Average_Time_Spent_Minutes: 2.5,
    });
    expect(fromCsv.error).toBeUndefined();
    expect(fromCsv.writes).toEqual(fromJson.writes);
    expect(fromCsv.modifiedAt).toBe(fromJson.modifiedAt);
  });

  it('keep a lead’s call with the lead, through What_Id and $se_module', async () => {
    const csv =
      'id,Subject,Owner,Who_Id,What_Id,Modified_Time,Call_Type,Call_Start_Time,Call_Duration_in_seconds,Call_Result,$se_module\n' +
      '9001,Intro,u3,,5001,2026-01-06T10:15:00+01:00,Outbound,2026-01-06T10:00:00+01:00,95,,Leads\n';
    const { fromCsv, fromJson } = await bothWays('Calls', csv, {
      id: '9001',
      Subject: 'Intro',
      Owner: { id: 'u3', name: 'Kai Rep' },
      Who_Id: null,
      What_Id: { id: '5001', name: 'Lead' },
      $se_module: 'Leads',
      Modified_Time: '2026-01-06T10:15:00+01:00',
      Call_Type: 'Outbound',
      Call_Start_Time: '2026-01-06T10:00:00+01:00',
      Call_Duration_in_seconds: 95,
      Call_Result: null,
    });
    expect(fromCsv.writes).toEqual(fromJson.writes);
    expect(fromCsv.writes[0]?.row).toMatchObject({ person_id: '5001', duration_s: 95 });
  });

  it('read empty cells as nothing, and keep quotes, commas and line breaks inside a cell', async () => {
    const rows = await allRows(
      zipOf(
        '\ufeffid,Description,Phone\r\n' +
          '1,"first line\r\nsecond, with ""quotes""\nthird",\r\n' +
          '2,,""\r\n',
      ),
    );
    expect(rows).toEqual([
      { id: '1', Description: 'first line\r\nsecond, with "quotes"\nthird', Phone: '' },
      { id: '2', Description: '', Phone: '' },
    ]);
    expect(csvRecord('Leads', rows[1] ?? {})).toEqual({ id: '2', Description: null, Phone: null });
  });

  it('come in the file’s order, a batch at a time, from a file many slices long', async () => {
    // Text that hardly compresses, so the zip spans many of the reader's slices.
    let seed = 7;
    const noise = (): string => {
      let s = '';
      for (let i = 0; i < 40; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += String.fromCharCode(97 + (seed % 26));
      }
      return s;
    };
    const lines = ['id,Last_Name'];
    for (let i = 1; i <= 20_000; i++) lines.push(`${i},${noise()}`);
    const zip = zipOf(lines.join('\n'));
    expect(zip.length).toBeGreaterThan(4 * 32 * 1024);
    const file = new ZipCsvRows(zip);
    const sizes: number[] = [];
    const ids: string[] = [];
    for (let b = await file.next(3000); b; b = await file.next(3000)) {
      sizes.push(b.length);
      ids.push(...b.map((r) => r['id'] ?? ''));
    }
    expect(sizes).toEqual([3000, 3000, 3000, 3000, 3000, 3000, 2000]);
    expect(ids).toEqual(Array.from({ length: 20_000 }, (_, i) => String(i + 1)));
  });

  it.each([
    ['a file that is not a zip', strToU8('<html>Service unavailable</html>')],
    ['a zip without a CSV', zipSync({ 'readme.txt': strToU8('nothing here') })],
    ['a CSV cut inside a quoted cell', zipOf('id,Description\n1,"never closed\n')],
    ['a zip cut short', zipOf('id,Last_Name\n1,Ana\n'.repeat(1)).subarray(0, 30)],
  ])('are refused, not half-read, from %s', async (_what, zip) => {
    await expect(allRows(zip)).rejects.toThrow(UnreadableExportError);
  });
});
