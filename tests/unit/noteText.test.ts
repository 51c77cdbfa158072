import { describe, expect, it } from 'vitest';
import { noteText } from '../../src/shared/noteText';

// Zoho keeps a note written in its editor as HTML; SalesIQ's transcripts arrive the same way. The
// person page used to show the markup itself (`<div>Visitor: hi<br>…`).

const SALESIQ = [
  '<div style="font-family: Verdana, sans-serif; font-size: 10pt;">',
  '<div><b>Chat transcript</b></div>',
  '<div>Visitor: Suzuki &lt;suzuki@example.jp&gt; &middot; Page: https://example.test/pricing?plan=team&amp;users=12</div>',
  '<div><br></div>',
  '<div>10:02 AM&nbsp;<b>Suzuki</b>: How much is the team plan for 12 users?<br>',
  '10:03 AM&nbsp;<b>Ada Rep</b>: 12 users is 240&nbsp;&euro; a month &#8212; shall I send a quote?<br>',
  '10:04 AM&nbsp;<b>Suzuki</b>: Yes please &#x1F44D;</div>',
  '<ul><li>Rating: 5</li><li>Duration: 2 min</li></ul>',
  '</div>',
].join('\n');

describe('a note shown as readable text (VT-5)', () => {
  it("reads a SalesIQ transcript's HTML as lines, its entities as characters, with no tag left", () => {
    expect(noteText(SALESIQ)).toBe(
      [
        'Chat transcript',
        'Visitor: Suzuki <suzuki@example.jp> · Page: https://example.test/pricing?plan=team&users=12',
        '',
        '10:02 AM Suzuki: How much is the team plan for 12 users?',
        '10:03 AM Ada Rep: 12 users is 240 € a month — shall I send a quote?',
        '10:04 AM Suzuki: Yes please 👍',
        '• Rating: 5',
        '• Duration: 2 min',
      ].join('\n'),
    );
  });

  it('keeps Japanese text whole, paragraphs apart', () => {
    expect(
      noteText(
        '<p>チャットの履歴</p><p>10:02 鈴木: チームプランの料金を教えてください。<br>10:03 担当: 12名で月額24,000円です。</p>',
      ),
    ).toBe(
      'チャットの履歴\n\n10:02 鈴木: チームプランの料金を教えてください。\n10:03 担当: 12名で月額24,000円です。',
    );
  });

  it('shows a hostile note inert: script and styles dropped, event handlers gone, escaped markup as characters', () => {
    const text = noteText(
      [
        '<div>Chat transcript</div>',
        '<script>window.api.signOut()</script>',
        '<style>body{display:none}</style>',
        '<div>Visitor: <img src=x onerror="alert(1)">hi<a href="javascript:alert(2)" onclick=\'x()\'>link</a></div>',
        '<img alt="a>b" src="y" onerror=alert(3)>',
        '<!-- <script>alert(4)</script> -->',
        '<div>&lt;script&gt;alert(5)&lt;/script&gt;</div>',
        '<iframe src="https://evil.test">fallback</iframe><div>end<b',
      ].join(''),
    );
    expect(text).toBe('Chat transcript\nVisitor: hilink\n<script>alert(5)</script>\nend');
    expect(text).not.toMatch(
      /onerror|onclick|javascript:|signOut|display:none|alert\([1-4]\)|evil/,
    );
  });

  it('leaves a note of plain text as written, a stray < and its line breaks included', () => {
    const plain = 'Chat transcript\n10:02 Suzuki: is 3 < 5?\n10:03 Ada: yes';
    expect(noteText(plain)).toBe(plain);
  });

  it('keeps the lines of text that has only inline markup in it', () => {
    expect(noteText('Chat transcript\n10:02 <b>Suzuki</b>: hi &amp; bye')).toBe(
      'Chat transcript\n10:02 Suzuki: hi & bye',
    );
  });

  it('shows a number that is no character as the replacement mark, and an unknown entity as written', () => {
    expect(noteText('<div>a &#0; b &#xD800; c &#1114112; d &madeup; e</div>')).toBe(
      'a \uFFFD b \uFFFD c \uFFFD d &madeup; e',
    );
  });
  it('decodes every entity HTML names, and the numbers Windows editors wrote, as a browser shows them', () => {
    expect(noteText('<p>Caf&eacute; M&uuml;ller &#150; 10&frac12; Uhr&#133;</p>')).toBe(
      'Café Müller – 10½ Uhr…',
    );
  });
});

// A transcript's lists lost their bullets and numbers: "Rating: 5" read as a line of the chat.
describe("a note's lists read as lists (VT-5)", () => {
  it('writes each item of a list as "• item", and of a numbered list as "1. item"', () => {
    expect(
      noteText(
        '<div>Chat transcript</div><ul><li>Rating: 5</li><li>Duration: 2 min</li></ul>' +
          '<p>Next steps:</p><ol><li>Send the quote</li><li>Call on <b>Friday</b></li></ol>',
      ),
    ).toBe(
      [
        'Chat transcript',
        '• Rating: 5',
        '• Duration: 2 min',
        'Next steps:',
        '',
        '1. Send the quote',
        '2. Call on Friday',
      ].join('\n'),
    );
  });

  it('indents a nested list under its item, each list numbered on its own, from its start', () => {
    expect(
      noteText(
        [
          '<ol>',
          '  <li>Plans asked about',
          '    <ul><li>Team</li><li>Business<ol start="3"><li>SSO</li><li>audit log</li></ol></li></ul>',
          '  </li>',
          '  <li><p>Quote sent</p></li>',
          '</ol>',
        ].join('\n'),
      ),
    ).toBe(
      [
        '1. Plans asked about',
        '  • Team',
        '  • Business',
        '    3. SSO',
        '    4. audit log',
        '2. Quote sent',
      ].join('\n'),
    );
  });

  it('reads malformed lists as a browser would, losing no item', () => {
    // Items never closed, a close of the wrong kind, a list never closed, an item with no list.
    expect(noteText('<ol><li>one<li>two</ol><p>after</p>')).toBe('1. one\n2. two\nafter');
    expect(noteText('<ul><li>a</ol><li>b</ul>end')).toBe('• a\n• b\nend');
    expect(noteText('<div>Visitor: hi</div><ol><li>x<li>y')).toBe('Visitor: hi\n1. x\n2. y');
    expect(noteText('<li>cut from a list</li>then text')).toBe('• cut from a list\nthen text');
    // A list closed around an inner one left open ends both: the next list counts afresh.
    expect(noteText('<ol><li>a<ul><li>b</ol><ol><li>c</li></ol>')).toBe('1. a\n  • b\n1. c');
    // An empty item is a bullet of its own, never a marker run into the next item.
    expect(noteText('<ul><li></li><li>b</li></ul>')).toBe('•\n• b');
  });

  it("keeps a note's own characters out of the indentation", () => {
    expect(noteText('<ul><li>a\u0000b<ul><li>c</li></ul></li></ul>')).toBe('• ab\n  • c');
  });
});

// A person page converts its notes in the core: a hostile note of nested lists must not hold it.
describe('a hostile note of nested lists (review46 1)', () => {
  // Thousands of lists opened and never closed, thousands of items inside them.
  const hostile = (size: number): string =>
    '<ul>'.repeat(size / 40) +
    '<li>x'.repeat((size * 3) / 40) +
    '<ol><li>y</li></ol>'.repeat(size / 40);
  // The same length of plain lists, which the conversion has always read in linear time.
  const plain = (size: number): string => '<ul><li>x</li></ul>'.repeat(size / 19);
  const fastest = (content: string): number => {
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const from = performance.now();
      noteText(content);
      best = Math.min(best, performance.now() - from);
    }
    return best;
  };

  it('converts as fast as plain lists of its length, its indentation stopping at 8 levels', () => {
    // Measured against a plain note of the same size, timed alongside, so that a loaded machine
    // slows both alike (a linear conversion stays under ~8 times, the quadratic one was ~750 times
    // at 4 KB); sizes grow so that a conversion that is not linear fails before it hangs.
    fastest(plain(20_000));
    fastest(hostile(20_000));
    for (const size of [4_000, 20_000, 200_000]) {
      const note = hostile(size);
      const ratio = fastest(note) / Math.max(fastest(plain(size)), 0.05);
      expect(ratio, `${note.length} characters`).toBeLessThan(30);
    }
    const text = noteText(hostile(200_000));
    expect(text.length).toBeLessThan(hostile(200_000).length * 3);
    const lines = text.split('\n');
    expect(lines[0]).toBe('• x');
    expect(lines.at(-1)).toBe(`${' '.repeat(16)}1. y`);
  });

  it('counts reversed lists down in linear time too, however many are left open', () => {
    const reversed = (size: number): string =>
      '<ol reversed type="i">'.repeat(size / 80) + '<li><p>x</p><p>y</p>'.repeat((size * 3) / 80);
    for (const size of [4_000, 20_000, 200_000]) {
      const note = reversed(size);
      const ratio = fastest(note) / Math.max(fastest(plain(size)), 0.05);
      expect(ratio, `${note.length} characters`).toBeLessThan(30);
    }
    // Its 150 items are all the innermost list's: they count down from cl (150).
    const lines = noteText(reversed(4_000)).split('\n');
    expect(lines[0]).toBe('cl. x');
    expect(lines.at(-2)).toBe(`${' '.repeat(16)}i. x`);
    expect(lines.at(-1)).toBe(`${' '.repeat(20)}y`);
  });
});

describe('an item written over several lines (review46 4)', () => {
  it("keeps its first block on the bullet's line when the source indents it", () => {
    expect(
      noteText('<ul>\n  <li>\n    <p>first</p>\n  </li>\n  <li><p>second</p></li>\n</ul>'),
    ).toBe('• first\n• second');
    expect(noteText('<ul><li> <div>x</div></li></ul>')).toBe('• x');
    expect(noteText('<ol>\n\t<li>\n\t\t<div>one</div>\n\t\t<div>more</div>\n\t</li>\n</ol>')).toBe(
      '1. one\n   more',
    );
  });

  it('stands its later paragraphs and lines in under its first, not at the bullet (audit47)', () => {
    // Before: "• para one\npara two", the second paragraph read as text after the list.
    expect(noteText('<ul><li><p>para one</p><p>para two</p></li><li>next<br>line</li></ul>')).toBe(
      '• para one\n  para two\n• next\n  line',
    );
    expect(noteText('<ol><li>a<ul><li>b<p>b2</p></li></ul>after</li></ol><p>out</p>')).toBe(
      '1. a\n  • b\n    b2\n   after\nout',
    );
  });
});

describe('a numbered list as a browser numbers it (audit47)', () => {
  it('counts a reversed list down, from its number of items or its start', () => {
    // Before: 1., 2., 3.
    expect(noteText('<ol reversed><li>a</li><li>b</li><li>c</li></ol>')).toBe('3. a\n2. b\n1. c');
    expect(noteText('<ol reversed start="10"><li>a</li><li>b</li></ol>')).toBe('10. a\n9. b');
    // Each list its own count, nested inside another still counting, and one never closed.
    expect(
      noteText('<ol reversed><li>x<ol reversed><li>y</li><li>z</li></ol></li><li>w</li>'),
    ).toBe('2. x\n  2. y\n  1. z\n1. w');
    // A note's own private-use mark (the placeholder's) is dropped, never read as a count.
    expect(noteText('<p>a \uE000 0.1 \uE000</p>')).toBe('a 0.1');
  });

  it('writes letters and roman numerals for type a, A, i and I', () => {
    expect(noteText('<ol type="a"><li>a</li><li>b</li></ol>')).toBe('a. a\nb. b');
    expect(noteText('<ol type="A" start="27"><li>x</li></ol>')).toBe('AA. x');
    expect(noteText('<ol type="i" start="4"><li>x</li><li>y</li></ol>')).toBe('iv. x\nv. y');
    expect(noteText('<ol type="I" start="1994"><li>x</li></ol>')).toBe('MCMXCIV. x');
    // What letters cannot write is a number, as a browser shows it.
    expect(noteText('<ol type="a" start="0"><li>x</li></ol>')).toBe('0. x');
    expect(noteText('<ol type="x"><li>x</li></ol>')).toBe('1. x');
  });

  it('numbers an item from its value, and those after it from there', () => {
    expect(noteText('<ol><li>a</li><li value="7">b</li><li>c</li></ol>')).toBe('1. a\n7. b\n8. c');
    expect(noteText('<ol reversed><li>a</li><li value="10">b</li><li>c</li></ol>')).toBe(
      '3. a\n10. b\n9. c',
    );
  });
});

describe("a numbered list's start (review46 5)", () => {
  it('is read from the start attribute alone', () => {
    expect(noteText('<ol data-start="5"><li>a</li><li>b</li></ol>')).toBe('1. a\n2. b');
    expect(noteText('<ol title="start=3"><li>a</li></ol>')).toBe('1. a');
    expect(noteText('<ol title=\'x start="7"\'><li>a</li></ol>')).toBe('1. a');
    expect(noteText('<ol reversed START=\'4\' class="x"><li>a</li></ol>')).toBe('4. a');
    expect(noteText('<ol class=big start=-2><li>a</li></ol>')).toBe('-2. a');
    expect(noteText('<ol start="x"><li>a</li></ol>')).toBe('1. a');
  });
});
