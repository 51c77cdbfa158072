import { describe, expect, it } from 'vitest';
import type { TeamBlock } from '../../../src/shared/teamContract';
import { blockOutcome } from '../../../src/renderer/src/team/blockTipText';

const HOUR = 3_600_000;
const block = (channel: TeamBlock['channel'], workedAt: number | null = null): TeamBlock => ({
  personId: 'p1',
  name: 'Grace Hughes',
  company: null,
  channel,
  start: 8 * HOUR,
  end: 9 * HOUR,
  stars: 4,
  reason: null,
  contactTz: 'America/Los_Angeles',
  action: null,
  workedAt,
});

describe("a block's tooltip on the Team page (TM-1)", () => {
  it('says a missed window passed without what its channel takes', () => {
    expect(blockOutcome(block('email'), 'missed', 'UTC')).toBe(
      'The window passed without an email',
    );
    expect(blockOutcome(block('call'), 'missed', 'UTC')).toBe('The window passed without a call');
  });

  it('says how a worked window was worked, in its channel', () => {
    expect(blockOutcome(block('email', 8.5 * HOUR), 'worked', 'UTC')).toBe(
      'Emailed at 08:30, inside the window',
    );
    expect(blockOutcome(block('call', 8.5 * HOUR), 'worked', 'UTC')).toBe(
      'Called at 08:30, inside the window',
    );
  });
});
