import type { PersonDetail } from '../../shared/contract';
import { maskIp } from '../../shared/maskIp';
import { visitActions } from '../../shared/visitActions';
import type { Db } from '../db/openDatabase';
import {
  chatMessageRows,
  emailVisitRows,
  linkedVisitTotals,
  personChatRows,
  personVisitRows,
  visitPageRows,
} from '../db/repos/visits';
import { withEmailVisits, type VisitSummary } from './visitSummary';
import { personTranscriptRows } from '../db/repos/chatTranscripts';
import { withTranscripts } from './transcriptPairing';
import { noteText } from '../../shared/noteText';

/**
 * A person's visits (VT-4), newest first: those the CRM linked to them and, with `emailKey` (their
 * e-mail, when it is theirs: emailMatch's ownEmailKey), those it linked to nobody whose visitor
 * gave it, as the Visits page and the alerts take them.
 */
export function personVisits(
  db: Db,
  personId: string,
  emailKey: string | null,
): PersonDetail['visits'] {
  return personVisitRows(db, personId, emailKey, 200).map((v) => ({
    id: v.id,
    startedAt: v.started_at,
    ipMasked: maskIp(v.ip),
    timeSpentS: v.time_spent_s,
    referrer: v.referrer,
    searchEngine: v.search_engine,
    searchKeyword: v.search_keyword,
    pages: visitPageRows(db, v.id),
    actions: visitActions(v.actions),
  }));
}

/**
 * A person's chats (VT-5), with those of the visits matched to them by `emailKey`, and the
 * transcripts the CRM keeps on them put on their chats (transcriptPairing.ts).
 */
export function personChats(
  db: Db,
  personId: string,
  emailKey: string | null,
): PersonDetail['chats'] {
  const chats = personChatRows(db, personId, emailKey, 100).map((c) => ({
    id: c.id,
    startedAt: c.started_at,
    messages: chatMessageRows(db, c.id),
    transcript: null,
  }));
  const transcripts = personTranscriptRows(db, personId, 100);
  if (transcripts.length === 0) return chats;
  // Turned into text here, as the page asks, not when read: the stored note stays as Zoho wrote
  // it, and notes read before (never listed again unless edited) read as text too.
  return withTranscripts(
    chats,
    transcripts.map((t) => ({
      id: t.id,
      writtenAt: t.written_at,
      text: noteText(t.text),
      files: storedFiles(t.files),
    })),
  );
}

/** The file names kept with a transcript (JSON); a damaged value names none. */
function storedFiles(json: string | null): string[] {
  if (!json) return [];
  try {
    const names: unknown = JSON.parse(json);
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A person's visit summary (VT-3): the CRM's, with the visits matched to them by `emailKey`
 * added, and the visits it linked to them where its summary is empty or behind (withEmailVisits).
 */
export function personVisitSummary(
  db: Db,
  personId: string,
  emailKey: string | null,
  crm: VisitSummary,
  zone: string,
): VisitSummary {
  const matched = emailKey === null ? [] : emailVisitRows(db, emailKey);
  return withEmailVisits(
    crm,
    linkedVisitTotals(db, personId),
    matched.map((v) => ({
      id: v.id,
      startedAt: v.started_at,
      timeSpentS: v.time_spent_s,
      referrer: v.referrer,
      chats: v.chats,
    })),
    zone,
    (visitId) => visitPageRows(db, visitId)[0]?.url ?? null,
  );
}
