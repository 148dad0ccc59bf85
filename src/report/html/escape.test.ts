import { describe, expect, it } from 'vitest';
import { cspHash, escapeHtml, jsonForScript, truncate } from './escape.js';

describe('escapeHtml', () => {
  it('escapes text for element content and quoted attributes', () => {
    expect(escapeHtml(`"><img src=x onerror='alert(1)'>&`)).toBe('&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;');
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element or open a comment, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script><!-- & \u2028' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('cspHash', () => {
  it('is the CSP source expression of the SHA-256 of the content', () => {
    expect(cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});

describe('truncate', () => {
  it('shortens by characters, never splitting a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('abc', 3)).toBe('abc');
  });
});
