import { describe, expect, it } from 'vitest';
import { timelineText } from '../../../src/renderer/src/format/timelineText';
import type { TimelineItem } from '../../../src/shared/contract';

const item = (fields: Partial<TimelineItem>): TimelineItem => ({
  id: 'a1',
  kind: 'call',
  signal: null,
  channel: 'call',
  direction: 'out',
  startAt: Date.UTC(2026, 11, 5, 15, 0),
  durationS: null,
  subject: 'Call Lukas Walsh',
  status: 'completed',
  outcome: null,
  ...fields,
});

describe('the person page’s timeline words booked work as the planner does', () => {
  it('says a booking Zoho refused is refused, not planned nor overdue, and where to mend it', () => {
    for (const status of ['scheduled', 'overdue'])
      expect(timelineText(item({ status, refused: true }))).toEqual({
        text: 'Call Lukas Walsh',
        who: 'booking refused by Zoho: see Settings › CRM account',
      });
  });

  it('says "planned" of a call still to come and "overdue" of one past its time', () => {
    expect(timelineText(item({ status: 'scheduled' }))).toEqual({
      text: 'Call Lukas Walsh',
      who: 'planned',
    });
    expect(timelineText(item({ status: 'overdue' }))).toEqual({
      text: 'Call Lukas Walsh',
      who: 'overdue',
    });
  });

  it('says a completed task is done, a cancelled call cancelled, and who made a call', () => {
    expect(
      timelineText(item({ kind: 'task', channel: 'task', subject: 'Send the offer' })).who,
    ).toBe('done');
    expect(timelineText(item({ kind: 'task', status: 'overdue' })).who).toBe('overdue');
    expect(timelineText(item({ status: 'cancelled' })).who).toBe('cancelled');
    expect(timelineText(item({})).who).toBe('by us');
    expect(timelineText(item({ direction: 'in' })).who).toBe('from them');
  });
});
