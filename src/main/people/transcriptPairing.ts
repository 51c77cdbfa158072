import type { PersonDetail } from '../../shared/contract';

type Chat = PersonDetail['chats'][number];

interface Transcript {
  id: string;
  writtenAt: number;
  text: string;
  files: string[];
}

// SalesIQ writes a chat's transcript once the chat is over; a chat known only from its visit's
// count starts when the visit did. A transcript written within this long after a chat began is
// taken for that chat's; a later one stands as a chat of its own rather than go unseen.
const PAIRS_WITHIN_MS = 12 * 3_600_000;

/**
 * The person's chats with the CRM's transcripts put on them (VT-5), newest first: each
 * transcript on the latest chat begun before it was written (within PAIRS_WITHIN_MS) that has no
 * messages nor another transcript, or else as a chat of its own at the time it was written.
 */
export function withTranscripts(
  chats: readonly Chat[],
  transcripts: readonly Transcript[],
): Chat[] {
  const out = chats.map((c) => ({ ...c }));
  const own: Chat[] = [];
  for (const t of [...transcripts].sort((a, b) => a.writtenAt - b.writtenAt)) {
    let best: Chat | null = null;
    for (const c of out)
      if (
        c.messages.length === 0 &&
        c.transcript === null &&
        c.startedAt <= t.writtenAt &&
        t.writtenAt - c.startedAt <= PAIRS_WITHIN_MS &&
        (best === null || c.startedAt > best.startedAt)
      )
        best = c;
    const files = t.files.length > 0 ? { transcriptFiles: t.files } : {};
    if (best) Object.assign(best, { transcript: t.text, ...files });
    else
      own.push({
        id: `note-${t.id}`,
        startedAt: t.writtenAt,
        messages: [],
        transcript: t.text,
        ...files,
      });
  }
  return [...out, ...own].sort((a, b) => b.startedAt - a.startedAt);
}
