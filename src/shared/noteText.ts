import { decodeHTML } from 'entities';
/**
 * A CRM note's content as a reader sees it, in plain text. Zoho keeps a note written in its editor
 * (and, it seems, SalesIQ's transcripts) as HTML: `<div>Visitor: hi<br>Agent: hello</div>`. Shown
 * as written, the rep reads markup; rendered, a hostile note could run. So the markup becomes
 * line breaks, entities become their characters, and every tag goes. The result is text, for a
 * text node, never HTML: `&lt;script&gt;` comes out as the literal characters `<script>`.
 */

// Tags after which (or before which) a reader sees a new line.
const LINE_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);

// Tags whose content is never text for a reader (code, styles, embedded documents): dropped whole.
const HIDDEN_TAGS = new Set([
  'head',
  'iframe',
  'noscript',
  'object',
  'script',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
]);

// A tag: its name, then attributes whose quoted values may hold `>` (`<img alt="a>b" onerror=…>`).
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/y;
// What marks the content as HTML rather than text with a stray `<`: a whole tag or an entity.
const LOOKS_HTML =
  /<\/?[a-zA-Z][a-zA-Z0-9:-]*(?:\s(?:"[^"]*"|'[^']*'|[^'">])*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);/i;
const BREAKS_LINES = /<(?:br|p|div|li|tr|h[1-6])\b/i;
// One attribute of a tag: its name, then a value quoted or bare. Read whole, so that `start=` in
// another attribute's value (`title="start=3"`) or name (`data-start`) is not taken for it.
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
// A browser reads a list's start as the integer its value begins with (`3rd` is 3).
const LIST_START = /^\s*([-+]?\d{1,9})/;
// A nested list's items stand in by one step a level. Written as NULs (dropped from the note's
// own text) until the end, where lines are trimmed and runs of spaces made one.
const INDENT = '\0\0';
// Deeper lists stand in no further: a hostile note of thousands of nested lists would otherwise
// write indentation growing with its items times its depth.
const MAX_INDENT = 8;

/** The value of a tag's attribute `name` (the first one, as a browser reads), '' when it has none, or null without it. */
function attributeOf(attributes: string, name: string): string | null {
  for (const attribute of attributes.matchAll(ATTRIBUTE)) {
    if (attribute[1]?.toLowerCase() !== name) continue;
    return attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
  }
  return null;
}

/** A list's start or an item's value as a browser reads it: the integer the value begins with, or null. */
function integerOf(value: string | null): number | null {
  const found = value === null ? null : LIST_START.exec(value);
  return found ? Number(found[1]) : null;
}

/** How an <ol> writes its numbers: its `type` (a, A, i, I), else decimal. */
type Numbering = 'a' | 'A' | 'i' | 'I' | '1';

function numberingOf(attributes: string): Numbering {
  const type = attributeOf(attributes, 'type')?.trim();
  return type === 'a' || type === 'A' || type === 'i' || type === 'I' ? type : '1';
}

const ROMAN: [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** An item's number as its list writes it; as a browser does, one letters or numerals cannot write is decimal. */
function numberText(n: number, numbering: Numbering): string {
  if ((numbering === 'a' || numbering === 'A') && n >= 1) {
    let text = '';
    for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26))
      text = String.fromCharCode(97 + ((rest - 1) % 26)) + text;
    return numbering === 'A' ? text.toUpperCase() : text;
  }
  if ((numbering === 'i' || numbering === 'I') && n >= 1 && n <= 3999) {
    let text = '';
    let rest = n;
    for (const [value, numeral] of ROMAN) for (; rest >= value; rest -= value) text += numeral;
    return numbering === 'I' ? text.toUpperCase() : text;
  }
  return String(n);
}

interface OpenList {
  ordered: boolean;
  /** The number of the list's next item (an <ol>'s). */
  next: number;
  /** 1, or -1 for `<ol reversed>`. */
  step: number;
  numbering: Numbering;
  /**
   * A reversed list with no start counts down from its number of items, known only at its end:
   * its items up to the first with a `value` are written as placeholders, this list's `id`.
   */
  id: number | null;
  /** Whether its items are still written as placeholders (until one with a `value`). */
  counting: boolean;
  /** Items opened in this list. */
  items: number;
  /** The width of the open item's marker ("1. "), or null outside an item: its later lines stand in by it. */
  markerWidth: number | null;
}

/** Stands for a number known only at its list's end: `\uE000id.index\uE000`. */
const PLACEHOLDER = /\uE000(\d+)\.(\d+)\uE000/g;

/** The note's content as plain text: unchanged when it is not HTML, its lines kept otherwise. */
export function noteText(content: string): string {
  if (!LOOKS_HTML.test(content)) return content;
  // In HTML a source line break is a space, but a note of text with only a `<b>` in it keeps its
  // lines: only markup that breaks lines itself takes that over.
  const sourceBreaks = !BREAKS_LINES.test(content);
  // The text so far, but for the spaces and tabs at its end: those wait in `pending`, so that a new
  // line drops them without reading `out` again (read back at every tag, a long output made the
  // conversion quadratic).
  let out = '';
  let pending = '';
  let atLineStart = true;
  // The lists open around the text, innermost last: an item is "• item", an <ol>'s "1. item".
  const lists: OpenList[] = [];
  // Per reversed list without a start (its id), its items and numbering, set at its end.
  const countdowns: { items: number; numbering: Numbering }[] = [];
  const ended = (list: OpenList): void => {
    const countdown = list.id === null ? undefined : countdowns[list.id];
    if (countdown) countdown.items = list.items;
  };
  // Whether only the last item's marker (and spaces) has been written since: a block that opens the
  // item (`<li><p>`, or `<li>` then indentation then `<p>`) starts no new line.
  let atMarker = false;
  const write = (text: string): void => {
    let end = text.length;
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    if (end === 0) {
      pending += text;
      return;
    }
    // A later line of an item (its second paragraph, a line break) stands in under its first.
    const list = atLineStart && text[0] !== '\n' ? lists[lists.length - 1] : undefined;
    if (list?.markerWidth != null)
      pending =
        INDENT.repeat(Math.min(lists.length - 1, MAX_INDENT)) + '\0'.repeat(list.markerWidth);
    out += pending + text.slice(0, end);
    pending = text.slice(end);
    atLineStart = text[end - 1] === '\n';
    atMarker = false;
  };
  const newline = (): void => {
    if (atMarker) return;
    // Spaces between two blocks (the source's indentation) start no line of their own.
    pending = '';
    if (!atLineStart) write('\n');
  };
  let i = 0;
  let textFrom = 0;
  const flushText = (to: number): void => {
    const raw = content.slice(textFrom, to);
    const text = /[\0\uE000]/.test(raw) ? raw.replace(/[\0\uE000]/g, '') : raw;
    write(sourceBreaks ? text : text.replace(/\s+/g, ' '));
  };
  while (i < content.length) {
    const lt = content.indexOf('<', i);
    if (lt === -1) break;
    if (content.startsWith('<!--', lt)) {
      flushText(lt);
      const end = content.indexOf('-->', lt + 4);
      i = textFrom = end === -1 ? content.length : end + 3;
      continue;
    }
    if (content[lt + 1] === '!' || content[lt + 1] === '?') {
      // A doctype, CDATA or processing instruction: none is text.
      flushText(lt);
      const end = content.indexOf('>', lt);
      i = textFrom = end === -1 ? content.length : end + 1;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(content);
    if (!m) {
      // A `<` that starts no tag is text (`a < b`); a tag left open at the end is dropped.
      if (/^<\/?[a-zA-Z]/.test(content.slice(lt, lt + 3)) && !content.includes('>', lt)) {
        flushText(lt);
        i = textFrom = content.length;
        break;
      }
      i = lt + 1;
      continue;
    }
    flushText(lt);
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    i = textFrom = lt + m[0].length;
    if (!closing && HIDDEN_TAGS.has(name)) {
      const end = new RegExp(`</${name}\\s*>`, 'ig');
      end.lastIndex = i;
      const found = end.exec(content);
      i = textFrom = found ? found.index + found[0].length : content.length;
      continue;
    }
    if (name === 'br') write('\n');
    else if (name === 'ul' || name === 'ol') {
      atMarker = false;
      newline();
      const ordered = name === 'ol';
      if (!closing) {
        const attributes = m[3] ?? '';
        const reversed = ordered && attributeOf(attributes, 'reversed') !== null;
        const start = ordered ? integerOf(attributeOf(attributes, 'start')) : null;
        const numbering = ordered ? numberingOf(attributes) : '1';
        let id: number | null = null;
        if (reversed && start === null) {
          id = countdowns.length;
          countdowns.push({ items: 0, numbering });
        }
        lists.push({
          ordered,
          next: start ?? 1,
          step: reversed ? -1 : 1,
          numbering,
          id,
          counting: id !== null,
          items: 0,
          markerWidth: null,
        });
      } else {
        // A close ends the innermost list of its kind and any left open inside it; a stray close
        // ends none.
        let at = lists.length - 1;
        while (at >= 0 && lists[at]?.ordered !== ordered) at--;
        if (at >= 0) {
          for (let j = at; j < lists.length; j++) ended(lists[j] as OpenList);
          lists.length = at;
        }
      }
    } else if (name === 'li') {
      // An item that ends empty, or a next one, still starts its own line.
      atMarker = false;
      newline();
      // An item outside any list (a note cut from a longer one) is still an item.
      const list = lists[lists.length - 1];
      if (list) list.markerWidth = null;
      if (!closing) {
        const indent = INDENT.repeat(Math.min(Math.max(lists.length - 1, 0), MAX_INDENT));
        let marker = '• ';
        if (list?.ordered) {
          const value = integerOf(attributeOf(m[3] ?? '', 'value'));
          // An item's value numbers it and those after it; a countdown's numbers are then known.
          if (value !== null) {
            list.next = value;
            list.counting = false;
          }
          marker = !list.counting
            ? `${numberText(list.next, list.numbering)}. `
            : `\uE000${list.id}.${list.items}\uE000. `;
          list.next += list.step;
        }
        if (list) list.items++;
        write(indent + marker);
        // A countdown's number is not written yet: its later lines stand in as under "10. ".
        if (list) list.markerWidth = list.counting ? 4 : marker.length;
        atMarker = true;
      }
    } else if (LINE_TAGS.has(name)) {
      newline();
      // A paragraph stands apart from the next, as a reader sees it; an item's paragraphs do not
      // part its items.
      if (closing && name === 'p' && lists.length === 0) write('\n');
    } else if (name === 'td' || name === 'th') {
      if (closing) write('\t');
    }
  }
  flushText(content.length);
  for (const list of lists) ended(list);
  // A countdown's item i of n is numbered n - i: one pass over the text, however many lists.
  if (countdowns.length > 0)
    out = out.replace(PLACEHOLDER, (_, id: string, index: string) => {
      const countdown = countdowns[Number(id)];
      return countdown ? numberText(countdown.items - Number(index), countdown.numbering) : '';
    });
  // Every entity HTML names, and numbers as a browser reads them (`&#150;` is the en dash Windows
  // editors wrote, a number no character has is the replacement mark): the entities package, the
  // decoder the HTML parsers on npm share.
  return decodeHTML(out)
    .split('\n')
    .map((line) => {
      const text = line.replace(/[ \t\u00a0]+/g, ' ').trim();
      return text.startsWith('\0')
        ? text.replace(/^\0+/, (indent) => ' '.repeat(indent.length))
        : text;
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
