import { describe, expect, it } from 'vitest';
import {
  noOneHereText,
  othersMatchingText,
  showOthersText,
} from '../../../src/renderer/src/format/othersMatchingText';

describe('what People says of the matches an owner filter hides', () => {
  it('names the rep’s own people as theirs, and a colleague’s by name', () => {
    expect(noOneHereText('Tanaka', null, 2)).toBe('No one of yours matches “Tanaka”.');
    expect(noOneHereText('Tanaka', { ownerName: 'Cora Colleague' }, 2)).toBe(
      'None of Cora Colleague’s people match “Tanaka”.',
    );
  });

  it('says when no one else matches either, so switching owner would find nothing', () => {
    expect(noOneHereText('Tanaka', null, 0)).toBe(
      'No one matches “Tanaka”, in your people or anyone else’s.',
    );
    expect(noOneHereText('Tanaka', { ownerName: 'Cora Colleague' }, 0)).toBe(
      'No one matches “Tanaka”, in Cora Colleague’s people or anyone else’s.',
    );
  });

  it('counts one match as one, and offers to show it', () => {
    expect(`${othersMatchingText(1, false)} ${showOthersText(1)}`).toBe(
      '1 match in everyone’s people: show it',
    );
    expect(`${othersMatchingText(1, true)} ${showOthersText(1)}`).toBe(
      '1 more match in everyone’s people: show it',
    );
    expect(`${othersMatchingText(1200, true)} ${showOthersText(1200)}`).toBe(
      '1,200 more matches in everyone’s people: show them',
    );
  });
});
