import { describe, expect, it } from 'vitest';
import { afterColon } from '../../../src/renderer/src/format/afterColon';

describe('a screen’s opening joined to a message from the core', () => {
  it('lowers the capital of a common first word: the joined words read as one sentence', () => {
    expect(
      afterColon(
        'Anna Weber is not marked',
        'The disk holding /home/ana/cw.db is full (database or disk is full): nothing was saved. Free some space on it, then try again.',
      ),
    ).toBe(
      'Anna Weber is not marked: the disk holding /home/ana/cw.db is full (database or disk is full): nothing was saved. Free some space on it, then try again.',
    );
    expect(afterColon('Could not switch user', 'No user with id u9 in this organisation.')).toBe(
      'Could not switch user: no user with id u9 in this organisation.',
    );
    expect(afterColon('The setting was not saved', 'A CRM is connected already.')).toBe(
      'The setting was not saved: a CRM is connected already.',
    );
    expect(afterColon('Today’s plan could not be loaded', 'This database has no users yet.')).toBe(
      'Today’s plan could not be loaded: this database has no users yet.',
    );
  });

  it('keeps proper nouns, names and abbreviations as they are', () => {
    expect(afterColon('Sync problem', 'Zoho no longer accepts this sign-in (INVALID_TOKEN).')).toBe(
      'Sync problem: Zoho no longer accepts this sign-in (INVALID_TOKEN).',
    );
    expect(afterColon('Sync problem', 'Calls could not be read from the CRM.')).toBe(
      'Sync problem: Calls could not be read from the CRM.',
    );
    expect(afterColon('Anna Weber is not marked', 'Contact Window stopped.')).toBe(
      'Anna Weber is not marked: Contact Window stopped.',
    );
    expect(afterColon('The search could not be run', 'CRM copy closed.')).toBe(
      'The search could not be run: CRM copy closed.',
    );
    // "The" is a word only when it ends there: "Theo" is a name.
    expect(afterColon('Could not switch user', 'Theo Brandt signed in elsewhere.')).toBe(
      'Could not switch user: Theo Brandt signed in elsewhere.',
    );
    expect(afterColon('Could not refresh this page', 'database disk image is malformed')).toBe(
      'Could not refresh this page: database disk image is malformed',
    );
  });
});
