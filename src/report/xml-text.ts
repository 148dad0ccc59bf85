/** Text safety for XML 1.0 (JUnit, SVG): markup characters escaped, characters XML 1.0 forbids removed. */

/** Everything outside XML 1.0's Char production: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Markup characters, or characters XML 1.0 forbids (FORBIDDEN): one pass over a text finds both. */
const CONTENT_UNSAFE = /[&<>"']|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** The same, and the line breaks and tabs an attribute value keeps only as character references. */
const ATTRIBUTE_UNSAFE = /[&<>"'\t\n\r]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Whether a text may hold anything of CONTENT_UNSAFE (or ATTRIBUTE_UNSAFE): without the `u` flag, which makes a
 * search several times slower, and so any surrogate, paired or not, sends the text the slow way.
 */
const MAYBE_CONTENT_UNSAFE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const MAYBE_ATTRIBUTE_UNSAFE = /[&<>"'\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

/** What each unsafe character becomes; a forbidden one (not listed) is removed. */
const REPLACEMENTS: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

const replacement = (char: string): string => REPLACEMENTS[char] ?? '';

export function xmlClean(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/**
 * Escapes text for element content and for attribute values in double or single quotes. One pass, and none when
 * nothing needs escaping: a JUnit report of 800,000 findings escapes every message.
 */
export function xmlEscape(text: string): string {
  return MAYBE_CONTENT_UNSAFE.test(text) ? text.replace(CONTENT_UNSAFE, replacement) : text;
}

/** Attribute values keep their line breaks only as character references (parsers normalise raw ones to spaces). */
export function xmlAttribute(text: string): string {
  return MAYBE_ATTRIBUTE_UNSAFE.test(text) ? text.replace(ATTRIBUTE_UNSAFE, replacement) : text;
}
