import { Duration } from 'luxon';
import type { EmailResponsiveness } from '@shared/contract';

/**
 * A reaction time as a rep reads it at a glance: "a minute", "25 min", "1 h 20 min" (to 5
 * minutes, under 3 hours), "3 h", "2 days". Rounded to the nearest: it is a median, not a promise.
 */
function responseDurationText(ms: number): string {
  const minutes = Math.round(Duration.fromMillis(ms).as('minutes'));
  if (minutes <= 1) return 'a minute';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 180) {
    const fives = Math.round(minutes / 5) * 5;
    const h = Math.floor(fives / 60);
    const m = fives % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const hours = Math.round(Duration.fromMillis(ms).as('hours'));
  if (hours < 24) return `${hours} h`;
  const days = Math.round(Duration.fromMillis(ms).as('days'));
  return days === 1 ? '1 day' : `${days} days`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * BT-2 in words: "Usually opens your e-mails within 25 min (6 e-mails) · replies within 3 h (4
 * replies)", the parts the model had enough of; null when it had enough of none. "Your" only to
 * the person's owner: a manager or an admin looking sent none of them ("Usually opens e-mails…").
 */
export function emailResponseText(r: EmailResponsiveness, ownersView = true): string | null {
  const parts = [
    r.open &&
      `opens ${ownersView ? 'your ' : ''}e-mails within ${responseDurationText(r.open.medianMs)} (${plural(r.open.count, 'e-mail', 'e-mails')})`,
    r.click &&
      `clicks a link within ${responseDurationText(r.click.medianMs)} (${plural(r.click.count, 'e-mail', 'e-mails')})`,
    r.reply &&
      `replies within ${responseDurationText(r.reply.medianMs)} (${plural(r.reply.count, 'reply', 'replies')})`,
  ].filter((p): p is string => Boolean(p));
  return parts.length ? `Usually ${parts.join(' · ')}` : null;
}
