/** Text safety for XML 1.0 (JUnit, SVG): markup characters escaped, characters XML 1.0 forbids removed. */

/** Everything outside XML 1.0's Char production: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlClean(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/** Escapes text for element content and for attribute values in double or single quotes. */
export function xmlEscape(text: string): string {
  return xmlClean(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values keep their line breaks only as character references (parsers normalise raw ones to spaces). */
export function xmlAttribute(text: string): string {
  return xmlEscape(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
