/** Readers of Zoho field values that say which field was wrong when a record is malformed. */
import { excerpt } from '../../../shared/excerpt';
import { emailKey } from '../../../shared/emailKey';

export type ZohoRecord = Record<string, unknown>;

export class MalformedRecordError extends Error {
  override name = 'MalformedRecordError';
}

function fail(field: string, problem: string, value: unknown): never {
  throw new MalformedRecordError(
    `${field}: ${problem} (got ${excerpt(JSON.stringify(value) ?? 'nothing')})`,
  );
}

export function text(rec: ZohoRecord, field: string): string | null {
  const v = rec[field];
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(field, 'expected text', v);
}

/**
 * The record's Email as the app keeps e-mails (shared/emailKey.ts): the key people and visitors
 * are matched by, which the database's indexes of e-mails then hold as it is.
 */
export function emailOf(rec: ZohoRecord): string | null {
  const value = text(rec, 'Email');
  const key = value === null ? '' : emailKey(value);
  return key === '' ? null : key;
}

export function requiredText(rec: ZohoRecord, field: string): string {
  return text(rec, field) ?? fail(field, 'is required', rec[field]);
}

export function number(rec: ZohoRecord, field: string): number | null {
  const v = rec[field];
  if (v === null || v === undefined || v === '') return null;
  // Zoho sends currency and decimal fields as numbers, but formula fields as strings.
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fail(field, 'expected a number', v);
}

/** Zoho date-times carry the user's offset ("2026-03-02T10:15:00+05:30"); we keep UTC ms. */
export function instant(rec: ZohoRecord, field: string): number | null {
  const v = rec[field];
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'string') return fail(field, 'expected a date-time', v);
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : fail(field, 'expected an ISO 8601 date-time', v);
}

export function requiredInstant(rec: ZohoRecord, field: string): number {
  return instant(rec, field) ?? fail(field, 'is required', rec[field]);
}

/** A lookup field ({"name": ..., "id": ...}) or null. */
export function lookupId(rec: ZohoRecord, field: string): string | null {
  const v = rec[field];
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string')
    return (v as { id: string }).id;
  return fail(field, 'expected a lookup with an id', v);
}

/** Call_Duration is "mm:ss" (or "hh:mm:ss"); Call_Duration_in_seconds is preferred when present. */
export function durationSeconds(rec: ZohoRecord): number | null {
  const seconds = number(rec, 'Call_Duration_in_seconds');
  if (seconds !== null) return Math.round(seconds);
  const v = text(rec, 'Call_Duration');
  if (v === null) return null;
  const parts = v.split(':').map(Number);
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p) || p < 0))
    return fail('Call_Duration', 'expected mm:ss', v);
  return parts.reduce((total, p) => total * 60 + p, 0);
}

export function recordId(rec: ZohoRecord): string {
  const id = rec['id'];
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number') return String(id);
  return fail('id', 'is required', id);
}
