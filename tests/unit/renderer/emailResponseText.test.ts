import { describe, expect, it } from 'vitest';
import { emailResponseText } from '../../../src/renderer/src/format/emailResponseText';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('reaction times in words (BT-2)', () => {
  it('writes a duration as a rep reads it at a glance', () => {
    // Through the line as the page shows it: the median to the first open.
    const responseDurationText = (ms: number): string =>
      (emailResponseText({ open: { medianMs: ms, count: 3 }, click: null, reply: null }) ?? '')
        .replace('Usually opens your e-mails within ', '')
        .replace(' (3 e-mails)', '');
    expect(responseDurationText(20_000)).toBe('a minute');
    expect(responseDurationText(25 * MIN + 10_000)).toBe('25 min');
    expect(responseDurationText(59 * MIN)).toBe('59 min');
    expect(responseDurationText(80 * MIN)).toBe('1 h 20 min');
    expect(responseDurationText(2 * HOUR + 58 * MIN)).toBe('3 h');
    expect(responseDurationText(3 * HOUR + 20 * MIN)).toBe('3 h');
    expect(responseDurationText(23 * HOUR + 40 * MIN)).toBe('1 day');
    expect(responseDurationText(30 * HOUR)).toBe('1 day');
    expect(responseDurationText(60 * HOUR)).toBe('3 days');
  });

  it('says how soon they open and reply, with what each is from', () => {
    expect(
      emailResponseText({
        open: { medianMs: 25 * MIN, count: 6 },
        click: null,
        reply: { medianMs: 3 * HOUR, count: 4 },
      }),
    ).toBe('Usually opens your e-mails within 25 min (6 e-mails) · replies within 3 h (4 replies)');
    expect(
      emailResponseText({
        open: null,
        click: { medianMs: 90 * MIN, count: 3 },
        reply: null,
      }),
    ).toBe('Usually clicks a link within 1 h 30 min (3 e-mails)');
  });

  it('says nothing when nothing is known well enough', () => {
    expect(emailResponseText({ open: null, click: null, reply: null })).toBeNull();
  });
});
