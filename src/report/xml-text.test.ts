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

  it('escapes and cleans any text as cleaning, then escaping would', () => {
    const escaped = (text: string): string => xmlClean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
    const attribute = (text: string): string => escaped(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
    const alphabet = ['a', ' ', '&', '<', '>', '"', "'", '\t', '\n', '\r', '\u0000', '\u001b', '\ud800', '\udc00', '\ud83d\ude00', '\ufffe', '\uffff', '\u00e9', '\u202e'];
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join('');
      expect(xmlEscape(text)).toBe(escaped(text));
      expect(xmlAttribute(text)).toBe(attribute(text));
    }
    expect(xmlEscape('plain text')).toBe('plain text');
  });
});
