import { describe, expect, it } from 'vitest';
import { xmlAttribute, xmlClean, xmlEscape } from './xml-text.js';

describe('XML text', () => {
  it('escapes the five markup characters', () => {
    expect(xmlEscape(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;');
  });

  it('drops what XML 1.0 forbids and keeps what it allows', () => {
    expect(xmlClean('a\u0000b\u0008c\td\ne\rf\u001fg\ufffeh\uffff')).toBe('abc\td\ne\rfgh');
    expect(xmlClean('lone \ud800 high, lone \udc00 low, pair \ud83d\ude00')).toBe('lone  high, lone  low, pair \ud83d\ude00');
  });

  it('keeps line breaks in attributes as character references', () => {
    expect(xmlAttribute('a\nb\tc')).toBe('a&#10;b&#9;c');
  });
});
