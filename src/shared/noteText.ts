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

/** The note's content as plain text: unchanged when it is not HTML, its lines kept otherwise. */
export function noteText(content: string): string {
  if (!LOOKS_HTML.test(content)) return content;
  // In HTML a source line break is a space, but a note of text with only a `<b>` in it keeps its
  // lines: only markup that breaks lines itself takes that over.
  const sourceBreaks = !BREAKS_LINES.test(content);
  let out = '';
  const newline = (): void => {
    // Spaces between two blocks (the source's indentation) start no line of their own.
    let end = out.length;
    while (end > 0 && (out[end - 1] === ' ' || out[end - 1] === '\t')) end--;
    out = out.slice(0, end);
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };
  let i = 0;
  let textFrom = 0;
  const flushText = (to: number): void => {
    const raw = content.slice(textFrom, to);
    out += sourceBreaks ? raw : raw.replace(/\s+/g, ' ');
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
    if (name === 'br') out += '\n';
    else if (LINE_TAGS.has(name)) {
      newline();
      // A paragraph stands apart from the next, as a reader sees it.
      if (closing && name === 'p') out += '\n';
    } else if (name === 'td' || name === 'th') {
      if (closing) out += '\t';
    }
  }
  flushText(content.length);
  // Every entity HTML names, and numbers as a browser reads them (`&#150;` is the en dash Windows
  // editors wrote, a number no character has is the replacement mark): the entities package, the
  // decoder the HTML parsers on npm share.
  return decodeHTML(out)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
