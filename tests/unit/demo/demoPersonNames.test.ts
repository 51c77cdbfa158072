import { describe, expect, it } from 'vitest';
import { DemoPersonNames } from '../../../src/main/demo/demoPersonNames';
import { LAST_NAMES } from '../../../src/main/demo/demoVocabulary';

describe('demo person names', () => {
  it('keeps a name picked for no one else at the company as it was picked', () => {
    const names = new DemoPersonNames();
    expect(names.give('Elias', 'Clark', 'Quartz Materials LLC')).toEqual({
      first: 'Elias',
      last: 'Clark',
    });
    // The same name at another company is another person.
    expect(names.give('Elias', 'Clark', 'Quartz Networks Ltd')).toEqual({
      first: 'Elias',
      last: 'Clark',
    });
  });

  it('gives a second Elias Clark at one company the next last name in the list, and a third the one after', () => {
    const names = new DemoPersonNames();
    const next = LAST_NAMES.indexOf('Clark') + 1;
    names.give('Elias', 'Clark', 'Quartz Materials LLC');
    expect(names.give('Elias', 'Clark', 'Quartz Materials LLC')).toEqual({
      first: 'Elias',
      last: LAST_NAMES[next % LAST_NAMES.length],
    });
    expect(names.give('Elias', 'Clark', 'Quartz Materials LLC')).toEqual({
      first: 'Elias',
      last: LAST_NAMES[(next + 1) % LAST_NAMES.length],
    });
  });

  it('moves on to the next first name past the list’s last name', () => {
    const names = new DemoPersonNames();
    const last = LAST_NAMES[LAST_NAMES.length - 1];
    if (!last) throw new Error('no last names');
    names.give('Aiko', last, 'Kite Foods AG');
    const again = names.give('Aiko', last, 'Kite Foods AG');
    expect(again.last).toBe(LAST_NAMES[0]);
    expect(again.first).not.toBe('Aiko');
  });
});
