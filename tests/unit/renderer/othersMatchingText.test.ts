import { describe, expect, it } from 'vitest';
import {
  noOneHereText,
  othersMatchingNow,
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

  // review49 7: while a newer search waits for its answer, the last answer's count is not worded
  // beside the query as typed now ("No one of yours matches “Tanakx”. 2 matches …").
  it('words an answer’s count only beside the search it was read for', () => {
    const answer = { othersMatching: 2, for: { query: 'Tanaka', ownerId: 'r1' } };
    expect(othersMatchingNow(answer, { query: 'Tanaka', ownerId: 'r1' })).toBe(2);
    expect(othersMatchingNow(answer, { query: 'Tanakx', ownerId: 'r1' })).toBeNull();
    expect(othersMatchingNow(answer, { query: 'Tanaka', ownerId: 'r2' })).toBeNull();
    expect(othersMatchingNow(null, { query: 'Tanaka', ownerId: 'r1' })).toBeNull();
    const typedOn = othersMatchingNow(answer, { query: 'Tanakx', ownerId: 'r1' });
    expect(noOneHereText('Tanakx', null, typedOn)).toBe(
      'No one matches “Tanakx” among these people.',
    );
  });
});
