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

/** An <ol>'s first number, from its `start` attribute alone (the first one, as a browser reads). */
function listStart(attributes: string): number {
  for (const attribute of attributes.matchAll(ATTRIBUTE)) {
    if (attribute[1]?.toLowerCase() !== 'start') continue;
    const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
    const start = LIST_START.exec(value);
    return start ? Number(start[1]) : 1;
  }
  return 1;
}

interface OpenList {
  ordered: boolean;
  /** The number of the list's next item (an <ol>'s). */
  next: number;
}

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
    const text = raw.includes('\0') ? raw.replaceAll('\0', '') : raw;
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
        lists.push({ ordered, next: ordered ? listStart(m[3] ?? '') : 1 });
      } else {
        // A close ends the innermost list of its kind and any left open inside it; a stray close
        // ends none.
        let at = lists.length - 1;
        while (at >= 0 && lists[at]?.ordered !== ordered) at--;
        if (at >= 0) lists.length = at;
      }
    } else if (name === 'li') {
      // An item that ends empty, or a next one, still starts its own line.
      atMarker = false;
      newline();
      if (!closing) {
        // An item outside any list (a note cut from a longer one) is still an item.
        const list = lists[lists.length - 1];
        const indent = INDENT.repeat(Math.min(Math.max(lists.length - 1, 0), MAX_INDENT));
        write(indent + (list?.ordered ? `${list.next++}. ` : '• '));
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
