import { DateTime } from 'luxon';
import { excerpt } from '../../shared/excerpt';
import { AlertInputError } from './pageViewsCsv';
import { urlPath } from './pagePaths';

/** A page view read from an access log. */
interface LogPageView {
  line: number;
  at: number;
  ip: string;
  /** The request target as logged ("/blog/post.html?x=1"). */
  url: string;
  referrer: string | null;
  /** As logged; "-" when the client sent none. */
  userAgent: string | null;
}

export interface AccessLog {
  views: LogPageView[];
  lines: number;
  /** Requests that are not page views: assets, errors, other methods, unreadable requests. */
  skipped: number;
}

// Apache's combined format, `%h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-agent}i"`; the
// common format (without the last two) is read too. Quoted fields may hold escaped quotes. The
// user agent may lack its closing quote: servers cut long lines there (the sample log has one).
const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const LAST_QUOTED = '"((?:[^"\\\\]|\\\\.)*)"?';
const LINE = new RegExp(
  `^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] ${QUOTED} (\\d{3}|-) (?:\\d+|-)(?: ${QUOTED} ${LAST_QUOTED})?\\s*$`,
);
const STAMP = /^(\d{2}\/[A-Za-z]{3}\/\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})$/;

/** Files a page loads besides itself: not pages a visitor reads. */
const ASSET =
  /\.(?:css|js|mjs|map|png|jpe?g|gif|ico|svg|webp|avif|bmp|tiff?|woff2?|ttf|otf|eot|mp4|webm|mp3|ogg|wav)$/i;

function unescape(field: string): string {
  return field.replace(/\\(.)/g, '$1');
}

/**
 * Reads an Apache combined log (the common format too) as page views: GET and POST requests
 * answered 2xx or 3xx, whose path is not an asset (images, styles, scripts, fonts, media) nor
 * robots.txt. A line that is not in the format stops the read with its number.
 */
export function parseAccessLog(label: string, text: string): AccessLog {
  const views: LogPageView[] = [];
  // Timestamps repeat the day and offset on every line: Luxon reads each distinct one once.
  const dayStarts = new Map<string, number>();
  let lines = 0;
  let skipped = 0;
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const raw = all[i] ?? '';
    if (raw.trim() === '') continue;
    lines++;
    const line = i + 1;
    const m = LINE.exec(raw);
    if (!m)
      throw new AlertInputError(
        `${label} line ${line}: not an Apache combined log line ("${excerpt(raw)}")`,
      );
    const [, ip = '', stamp = '', request = '', status = '', referrer, userAgent] = m;
    const t = STAMP.exec(stamp);
    let at: number | null = null;
    if (t) {
      const [, date = '', hh, mm, ss, offset = ''] = t;
      const key = `${date} ${offset}`;
      let dayStart = dayStarts.get(key);
      if (dayStart === undefined) {
        const parsed = DateTime.fromFormat(`${date} ${offset}`, 'dd/MMM/yyyy ZZZ', {
          locale: 'en-US',
          setZone: true,
        });
        dayStart = parsed.isValid ? parsed.toMillis() : Number.NaN;
        dayStarts.set(key, dayStart);
      }
      // Within one offset a day is 24 hours: the clock fields add as plain seconds.
      if (Number.isFinite(dayStart) && Number(hh) < 24 && Number(mm) < 60 && Number(ss) < 61)
        at = dayStart + ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1000;
    }
    if (at === null)
      throw new AlertInputError(
        `${label} line ${line}: bad time "${excerpt(stamp)}" (expected e.g. 17/May/2015:10:05:03 +0000)`,
      );
    const parts = unescape(request).split(' ');
    const method = parts[0] ?? '';
    const target = parts[1] ?? '';
    const code = Number(status);
    const path = target ? urlPath(target) : '';
    if (
      (method !== 'GET' && method !== 'POST') ||
      !(code >= 200 && code < 400) ||
      !target.startsWith('/') ||
      ASSET.test(path) ||
      path === '/robots.txt'
    ) {
      skipped++;
      continue;
    }
    const ref = referrer === undefined ? null : unescape(referrer);
    views.push({
      line,
      at,
      ip,
      url: target,
      referrer: ref === '-' || ref === '' ? null : ref,
      userAgent: userAgent === undefined ? null : unescape(userAgent),
    });
  }
  return { views, lines, skipped };
}
