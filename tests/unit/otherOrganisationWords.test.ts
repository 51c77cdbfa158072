import { describe, expect, it } from 'vitest';
import { unsentOnOtherOrganisation } from '../../src/main/core/otherOrganisationWords';
import { NOTHING_REFUSED, type Unsent } from '../../src/main/core/signOutWords';
import { NO_UNSENT_WORK } from '../../src/shared/unsentWork';

// A sign-in to another organisation than the copy's: "Connect to … to send" only for what the
// copy's organisation would be sent, and plan marks in Settings' words (made here / made only here).

const NOWHERE = "the CRM's CW Plan Marks module lacks Marked_At";
const work = (w: Partial<Unsent>): Unsent => ({
  ...NO_UNSENT_WORK,
  refused: NOTHING_REFUSED,
  passed: 0,
  passedUnsent: 0,
  marksKeptNowhere: null,
  ...w,
});

describe('the refusal of a sign-in to another organisation', () => {
  it('asks to connect to the copy’s organisation to send what its syncs send', () => {
    expect(unsentOnOtherOrganisation('Acme', work({ calls: 2, marks: 1 }))).toBe(
      'This sign-in is not Acme, whose local copy holds 2 logged calls and 1 plan mark made here that never reached it. Connect to Acme to send them, or tick "Discard" and connect again with a new grant code.',
    );
  });

  it('promises nothing for a lead kept on this computer only', () => {
    expect(unsentOnOtherOrganisation('Acme', work({ keptLeads: 1 }))).toBe(
      'This sign-in is not Acme, whose local copy holds 1 lead kept on this computer only that never reached it. No sync sends the lead kept on this computer only. It stays on this computer only, in the copy of Acme, and "Discard" loses it. Connect to Acme to keep it, or tick "Discard" and connect again with a new grant code.',
    );
  });

  it('names what a sync sends apart from marks kept nowhere and leads kept here', () => {
    expect(
      unsentOnOtherOrganisation(
        'Acme',
        work({ tasks: 1, keptLeads: 2, marks: 1, marksKeptNowhere: NOWHERE }),
      ),
    ).toBe(
      `This sign-in is not Acme, whose local copy holds 2 leads kept on this computer only, 1 task change and 1 plan mark made only here that never reached it. No sync sends the 2 leads kept on this computer only. No sync can send the plan mark made only here: ${NOWHERE}. They stay on this computer only, in the copy of Acme, and "Discard" loses them. Connect to Acme to send the task change and keep the rest, or tick "Discard" and connect again with a new grant code (all 4 are lost then).`,
    );
  });

  it('says "both" of two pieces of work lost with Discard', () => {
    expect(
      unsentOnOtherOrganisation('Acme', work({ bookings: 1, marks: 1, marksKeptNowhere: NOWHERE })),
    ).toContain(
      'Connect to Acme to send the call booked here and keep the rest, or tick "Discard" and connect again with a new grant code (both are lost then).',
    );
  });

  it('does not promise to send what Zoho refused: connecting lists it for Retry or Discard', () => {
    const refusal = unsentOnOtherOrganisation(
      'Acme',
      work({ calls: 2, tasks: 1, refused: { ...NOTHING_REFUSED, calls: 1, tasks: 1 } }),
    );
    expect(refusal).toBe(
      'This sign-in is not Acme, whose local copy holds 2 logged calls and 1 task change that never reached it. Zoho refused 1 of the 2 logged calls and the task change: connecting to Acme does not send them, but lists them in Settings › CRM account, to retry once what Zoho said is mended, or to discard. Connect to Acme to send the other logged call and keep the rest, or tick "Discard" and connect again with a new grant code (all 3 are lost then).',
    );
  });

  it('promises nothing to send when Zoho refused all of it', () => {
    expect(
      unsentOnOtherOrganisation(
        'Acme',
        work({ leads: 1, refused: { ...NOTHING_REFUSED, leads: 1 } }),
      ),
    ).toBe(
      'This sign-in is not Acme, whose local copy holds 1 lead created here that never reached it. Zoho refused the lead created here: connecting to Acme does not send it, but lists it in Settings › CRM account, to retry once what Zoho said is mended, or to discard. Connect to Acme to keep it, or tick "Discard" and connect again with a new grant code (it is lost then).',
    );
  });

  it('offers a booking whose time passed Discard only, apart from the refusals a Retry may mend', () => {
    expect(
      unsentOnOtherOrganisation(
        'Acme',
        work({
          calls: 1,
          bookings: 3,
          refused: { ...NOTHING_REFUSED, calls: 1, bookings: 2 },
          passed: 1,
        }),
      ),
    ).toBe(
      'This sign-in is not Acme, whose local copy holds 1 logged call and 3 calls booked here that never reached it. Zoho refused the logged call and 1 of the 3 calls booked here: connecting to Acme does not send them, but lists them in Settings › CRM account, to retry once what Zoho said is mended, or to discard. The call booked here whose time passed can never be sent: connecting to Acme lists it there to discard, and you book again at a time to come. Connect to Acme to send the other call booked here and keep the rest, or tick "Discard" and connect again with a new grant code (all 4 are lost then).',
    );
  });

  it('says of bookings whose times all passed that they can never be sent, nor kept to send', () => {
    expect(
      unsentOnOtherOrganisation(
        'Acme',
        work({ bookings: 2, refused: { ...NOTHING_REFUSED, bookings: 2 }, passed: 2 }),
      ),
    ).toBe(
      'This sign-in is not Acme, whose local copy holds 2 calls booked here that never reached it. The 2 calls booked here whose times passed can never be sent: connecting to Acme lists them in Settings › CRM account to discard, and you book again at a time to come. Connect to Acme to keep them, or tick "Discard" and connect again with a new grant code (both are lost then).',
    );
  });

  // Listed only once the first sync after connecting has set it aside (review49 8).
  it('does not promise to send a booking no sync tried before its time passed', () => {
    expect(
      unsentOnOtherOrganisation('Acme', work({ calls: 1, bookings: 2, passedUnsent: 1 })),
    ).toBe(
      'This sign-in is not Acme, whose local copy holds 1 logged call and 2 calls booked here that never reached it. The call booked here whose time passed can never be sent: connecting to Acme lists it in Settings › CRM account, once its first sync has set it aside, to discard, and you book again at a time to come. Connect to Acme to send the logged call and the other call booked here and keep the rest, or tick "Discard" and connect again with a new grant code (all 3 are lost then).',
    );
  });
});
