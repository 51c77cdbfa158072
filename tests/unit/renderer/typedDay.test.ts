import { describe, expect, it } from 'vitest';
import { parseTypedDay } from '../../../src/renderer/src/format/typedDay';

describe('a day typed in a day field', () => {
  const zone = 'Europe/Berlin';

  it('reads the day shown with only its date changed, whatever weekday is left in front', () => {
    // The field shows "Mon 23 Nov 2026"; the user changes 23 to 24 and presses Enter.
    expect(parseTypedDay('Mon 24 Nov 2026', zone)).toBe('2026-11-24');
    expect(parseTypedDay('Tue 24 Nov 2026', zone)).toBe('2026-11-24');
    expect(parseTypedDay('Monday, 24 November 2026', zone)).toBe('2026-11-24');
  });

  it('reads the ways a day is commonly written, and refuses a day that is none', () => {
    expect(parseTypedDay('2026-03-29', zone)).toBe('2026-03-29');
    expect(parseTypedDay('29.3.2026', zone)).toBe('2026-03-29');
    expect(parseTypedDay(' 29  Mar 2026 ', zone)).toBe('2026-03-29');
    expect(parseTypedDay('Sun 31 Feb 2026', zone)).toBeNull();
    expect(parseTypedDay('tomorrow', zone)).toBeNull();
  });
});
