import { describe, expect, it } from 'vitest';
import {
  NOTHING_REFUSED,
  unsentOnSignOut,
  type RefusedWork,
  type Unsent,
} from '../../src/main/core/signOutWords';
import { NO_UNSENT_WORK } from '../../src/shared/unsentWork';

// The sign-out warning in every mix a rep can meet (audit46 read these eleven, and two more):
// each kind in a sentence of its own, named by kind, true to what a sync will and will not send,
// with Retry offered only for the entries the list offers it on, and a closing choice that is one.

const NOWHERE = 'this organisation has no CW_Plan_Marks field';
const refused = (r: Partial<RefusedWork>): RefusedWork => ({ ...NOTHING_REFUSED, ...r });
const work = (w: Partial<Unsent>): Unsent => ({
  ...NO_UNSENT_WORK,
  refused: NOTHING_REFUSED,
  passed: 0,
  passedUnsent: 0,
  marksKeptNowhere: null,
  ...w,
});

describe('the sign-out warning', () => {
  it('asks for a sync when a sync sends the one logged call', () => {
    expect(unsentOnSignOut(work({ calls: 1 }))).toBe(
      '1 logged call has not reached the CRM yet: sync while online first, or choose to sign out and lose it.',
    );
  });

  it('offers Discard only for a refused booking whose time passed', () => {
    expect(
      unsentOnSignOut(work({ bookings: 1, refused: refused({ bookings: 1 }), passed: 1 })),
    ).toBe(
      '1 call booked here has not reached the CRM: Zoho refused it (the list above says why). Discard it in the list above (its time passed: it cannot be sent); or choose to sign out and lose it.',
    );
  });

  // As the sign-in to another organisation says (review49 2): a sync sets it aside, never sends it.
  it('does not promise a sync sends a booking whose time passed before any sync tried it', () => {
    expect(unsentOnSignOut(work({ bookings: 1, passedUnsent: 1 }))).toBe(
      '1 call booked here has not reached the CRM. The call booked here whose time passed can never be sent: a sync while online sets it aside in the list above, to discard. Sync while online first, or choose to sign out now and lose it.',
    );
    expect(unsentOnSignOut(work({ calls: 1, bookings: 2, passedUnsent: 1 }))).toBe(
      '1 logged call and 2 calls booked here have not reached the CRM. The call booked here whose time passed can never be sent: a sync while online sets it aside in the list above, to discard. A sync while online sends the logged call and the other call booked here. Sync while online first, or choose to sign out now and lose all 3.',
    );
  });

  it('names the refused call among the logged calls, and the other one a sync sends', () => {
    expect(unsentOnSignOut(work({ calls: 2, refused: refused({ calls: 1 }) }))).toBe(
      '2 logged calls have not reached the CRM. Zoho refused 1 of the 2 logged calls (the list above says why): send it again with Retry in the list above once that is mended in Zoho, or discard it there. A sync while online sends the other logged call. Stay signed in to deal with them, or choose to sign out now and lose both.',
    );
  });

  it('names the logged call a sync sends beside a lead kept here', () => {
    expect(unsentOnSignOut(work({ calls: 1, keptLeads: 1 }))).toBe(
      '1 lead kept on this computer only and 1 logged call have not reached the CRM. The lead kept on this computer only goes with the copy. A sync while online sends the logged call. Sync while online first, or choose to sign out now and lose both.',
    );
  });

  it('offers to stay signed in when only a kept lead is left', () => {
    expect(unsentOnSignOut(work({ keptLeads: 1 }))).toBe(
      '1 lead kept on this computer only has not reached the CRM, and no sync will send it. The lead kept on this computer only goes with the copy. Stay signed in to keep it, or choose to sign out and lose it.',
    );
  });

  it('never promises a sync for plan marks the CRM keeps nowhere', () => {
    expect(unsentOnSignOut(work({ marks: 2, marksKeptNowhere: NOWHERE }))).toBe(
      `2 plan marks made only here have not reached the CRM, and no sync will send them. No sync can send the plan marks made only here: ${NOWHERE}. Stay signed in to keep them, or choose to sign out and lose them.`,
    );
  });

  it('keeps a refused call apart from a mark no sync can send', () => {
    expect(
      unsentOnSignOut(
        work({ calls: 1, marks: 1, refused: refused({ calls: 1 }), marksKeptNowhere: NOWHERE }),
      ),
    ).toBe(
      `1 logged call and 1 plan mark made only here have not reached the CRM. Zoho refused the logged call (the list above says why): send it again with Retry in the list above once that is mended in Zoho, or discard it there. No sync can send the plan mark made only here: ${NOWHERE}. Stay signed in to deal with them, or choose to sign out now and lose both.`,
    );
  });

  it('names the refused lead beside a lead kept here', () => {
    expect(unsentOnSignOut(work({ leads: 1, keptLeads: 1, refused: refused({ leads: 1 }) }))).toBe(
      '1 lead created here and 1 lead kept on this computer only have not reached the CRM. Zoho refused the lead created here (the list above says why): send it again with Retry in the list above once that is mended in Zoho, or discard it there. The lead kept on this computer only goes with the copy. Stay signed in to deal with them, or choose to sign out now and lose both.',
    );
  });

  it('says which refused entries Retry can send when only some can', () => {
    expect(
      unsentOnSignOut(
        work({ calls: 1, bookings: 2, refused: refused({ calls: 1, bookings: 2 }), passed: 2 }),
      ),
    ).toBe(
      '1 logged call and 2 calls booked here have not reached the CRM: Zoho refused them (the list above says why). Send the logged call again with Retry in the list above once that is mended in Zoho, or discard it there; the 2 calls booked here whose time passed can only be discarded there; or choose to sign out and lose them.',
    );
  });

  it('does not call plan marks a sync will send "made only here"', () => {
    expect(unsentOnSignOut(work({ marks: 2 }))).toBe(
      '2 plan marks made here have not reached the CRM yet: sync while online first, or choose to sign out and lose them.',
    );
  });

  it('names the refused bookings and what a sync sends of the rest', () => {
    expect(
      unsentOnSignOut(
        work({ tasks: 1, bookings: 2, calls: 1, refused: refused({ bookings: 2 }), passed: 2 }),
      ),
    ).toBe(
      '1 logged call, 2 calls booked here and 1 task change have not reached the CRM. Zoho refused the 2 calls booked here (the list above says why): discard them in the list above (their time passed: they cannot be sent). A sync while online sends the logged call and the task change. Stay signed in to deal with them, or choose to sign out now and lose all 4.',
    );
  });

  it('tells bookings still to come from those whose time passed', () => {
    expect(
      unsentOnSignOut(
        work({ tasks: 1, bookings: 3, refused: refused({ bookings: 3 }), passed: 2 }),
      ),
    ).toBe(
      '3 calls booked here and 1 task change have not reached the CRM. Zoho refused the 3 calls booked here (the list above says why): send the call booked here still to come again with Retry in the list above once that is mended in Zoho, or discard it there; the 2 calls booked here whose time passed can only be discarded there. A sync while online sends the task change. Stay signed in to deal with them, or choose to sign out now and lose all 4.',
    );
  });

  it('names a refused call and a passed booking apart beside a call a sync sends', () => {
    expect(
      unsentOnSignOut(
        work({ calls: 2, bookings: 1, refused: refused({ calls: 1, bookings: 1 }), passed: 1 }),
      ),
    ).toBe(
      '2 logged calls and 1 call booked here have not reached the CRM. Zoho refused 1 of the 2 logged calls and the call booked here (the list above says why): send the logged call again with Retry in the list above once that is mended in Zoho, or discard it there; the call booked here whose time passed can only be discarded there. A sync while online sends the other logged call. Stay signed in to deal with them, or choose to sign out now and lose all 3.',
    );
  });
});
