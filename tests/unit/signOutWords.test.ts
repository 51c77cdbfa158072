import { describe, expect, it } from 'vitest';
import { unsentOnSignOut, type Unsent } from '../../src/main/core/signOutWords';
import { NO_UNSENT_WORK } from '../../src/shared/unsentWork';

// The sign-out warning in every mix a rep can meet: each kind in a sentence of its own, true to
// what a sync will and will not send, and in the right number.

const NOWHERE =
  'the CRM has no place to share plan marks (an admin adds the CW Plan Marks module once)';
const work = (w: Partial<Unsent>): Unsent => ({
  ...NO_UNSENT_WORK,
  refused: 0,
  retryable: 0,
  marksKeptNowhere: null,
  ...w,
});

describe('the sign-out warning', () => {
  it('asks for a sync when a sync sends everything, marks included where the CRM keeps them', () => {
    expect(unsentOnSignOut(work({ calls: 1, marks: 2 }))).toBe(
      '1 logged call and 2 plan marks made only here have not reached the CRM yet: sync while online first, or choose to sign out and lose them.',
    );
  });

  it('never promises a sync for one plan mark the CRM keeps nowhere', () => {
    expect(unsentOnSignOut(work({ marks: 1, marksKeptNowhere: NOWHERE }))).toBe(
      `1 plan mark made only here has not reached the CRM, and no sync will send it. No sync can send the plan mark made only here: ${NOWHERE}. Stay signed in to keep it, or choose to sign out and lose it.`,
    );
  });

  it('keeps the reason marks stay here apart from the work a sync sends', () => {
    const said = unsentOnSignOut(
      work({
        bookings: 1,
        calls: 1,
        marks: 1,
        refused: 1,
        retryable: 1,
        marksKeptNowhere: "the CRM's CW Plan Marks module lacks Mark, Marked_At",
      }),
    );
    expect(said).toBe(
      "1 logged call, 1 call booked here and 1 plan mark made only here have not reached the CRM. Zoho refused 1 of them (the list above says why): send it again with Retry in the list above once that is mended in Zoho, or discard it there. No sync can send the plan mark made only here: the CRM's CW Plan Marks module lacks Mark, Marked_At. A sync while online sends the other. Or choose to sign out and lose them.",
    );
  });

  it('says what goes with the copy when only leads kept here and marks are left', () => {
    expect(unsentOnSignOut(work({ keptLeads: 1, marks: 2, marksKeptNowhere: NOWHERE }))).toBe(
      `1 lead kept on this computer only and 2 plan marks made only here have not reached the CRM, and no sync will send them. The lead kept on this computer only goes with the copy. No sync can send the plan marks made only here: ${NOWHERE}. Stay signed in to keep them, or choose to sign out and lose them.`,
    );
  });

  it('words a refusal whose time passed without Retry, beside leads kept here', () => {
    expect(unsentOnSignOut(work({ bookings: 2, keptLeads: 2, refused: 2, retryable: 0 }))).toBe(
      '2 leads kept on this computer only and 2 calls booked here have not reached the CRM. Zoho refused 2 of them (the list above says why): discard them in the list above (their time passed: they cannot be sent). The leads kept on this computer only go with the copy. Or choose to sign out and lose them.',
    );
  });
});
