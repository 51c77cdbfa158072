import { describe, expect, it } from 'vitest';
import { explainWindow, type ReasonInput } from '../../../src/main/besttime/model/reasonText';

const DAY = 86_400_000;
const base: ReasonInput = {
  channel: 'call',
  weekday: 2,
  startMin: 600,
  endMin: 660,
  typeCounts: [['call_answered', 4]],
  lastAt: 100 * DAY - 9 * DAY,
  asOf: 100 * DAY,
  ownSignals: 12,
  sparse: false,
  theirZone: 'Asia/Tokyo',
  borrowedFrom: null,
};

describe('window explanations (BT-10)', () => {
  it('names the signals, the local hours and how long ago', () => {
    expect(explainWindow(base)).toBe(
      'answered 4 calls on Tuesdays 10:00-11:00 their time; last 9 days ago',
    );
  });

  it('puts the strongest evidence for the channel first and counts the rest', () => {
    const reason = explainWindow({
      ...base,
      channel: 'email',
      weekday: 3,
      startMin: 1200,
      endMin: 1260,
      theirZone: null,
      typeCounts: [
        ['email_link_clicked', 2],
        ['email_opened', 3],
        ['email_from_contact', 1],
        ['case_submitted', 1],
      ],
      lastAt: 98 * DAY,
    });
    expect(reason).toBe(
      'opened 3 emails, clicked links in 2 emails and 2 other signals on Wednesdays 20:00-21:00; last 2 days ago',
    );
  });

  it('says when strength is borrowed, and from where', () => {
    const reason = explainWindow({
      ...base,
      typeCounts: [],
      lastAt: null,
      ownSignals: 2,
      sparse: true,
      borrowedFrom: 'Asia/Tokyo',
    });
    expect(reason).toBe(
      'few signals of their own (2); pattern of contacts in Asia/Tokyo on Tuesdays 10:00-11:00 their time',
    );
  });

  it('ends a window at midnight at 00:00, as the planner writes it, and the singular for one signal', () => {
    const reason = explainWindow({
      ...base,
      startMin: 1380,
      endMin: 1440,
      typeCounts: [['email_from_contact', 1]],
      lastAt: 100 * DAY - DAY,
    });
    expect(reason).toBe('sent 1 email on Tuesdays 23:00-00:00 their time; the last one a day ago');
  });

  it('says how long ago the last one was in words, not "last today"', () => {
    const reason = explainWindow({
      ...base,
      typeCounts: [['email_from_contact', 2]],
      lastAt: 100 * DAY - 3 * 3_600_000,
    });
    expect(reason).toMatch(/; the last one less than a day ago$/);
  });
});
