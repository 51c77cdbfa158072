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
});
