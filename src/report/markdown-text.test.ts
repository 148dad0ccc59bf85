import { describe, expect, it } from 'vitest';
import { mdCode, mdParagraph, mdTable, mdText, mermaidLabel } from './markdown-text.js';

describe('mdText', () => {
  it('escapes what would become HTML, emphasis, code, links or a new table cell', () => {
    expect(mdText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdText('[a](javascript:x) *b* _c_ `d` |e| ~f~ \\')).toBe('\\[a\\](javascript:x) \\*b\\* \\_c\\_ \\`d\\` \\|e\\| \\~f\\~ \\\\');
    expect(mdText('&lt;')).toBe('&amp;lt;');
  });

  it('keeps a name on its line: line breaks become spaces, control characters go', () => {
    expect(mdText('a\nb\r\nc\u0007\u202e')).toBe('a b c');
  });
});

describe('mdParagraph', () => {
  it('escapes what would start a block at the beginning of a line', () => {
    expect(mdParagraph('# not a heading')).toBe('\\# not a heading');
    expect(mdParagraph('1. not a list')).toBe('1\\. not a list');
    expect(mdParagraph('- not a list')).toBe('\\- not a list');
  });
});

describe('mdCode', () => {
  it('grows the fence around backticks and escapes pipes for tables', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });
});

describe('mdTable', () => {
  it('writes a header, a rule and rows, with blank cells kept', () => {
    expect(mdTable(['a', 'b'], [['1', '']])).toEqual(['| a | b |', '|---|---|', '| 1 |   |']);
  });
});

describe('mermaidLabel', () => {
  it('writes quotes, brackets and markup characters as Mermaid entity codes', () => {
    expect(mermaidLabel('"><img>#x')).toBe('#34;#62;#60;img#62;#35;x');
  });
});
