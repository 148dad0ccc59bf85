/**
 * Text safety for Markdown and Mermaid. Names, labels and messages come from the input: they must render as the
 * text they are, never as markup, links, HTML (GitHub passes some through) or a broken table.
 */

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Plain text inside a line (a list item, a table cell, after other text): the characters that start emphasis, code,
 * links, strikethrough, HTML and entities, and the table pipe, are escaped.
 */
export function mdText(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** Plain text that starts a line, where `#`, `-`, `+`, `=` and `1.` would also start a block. */
export function mdParagraph(text: string): string {
  return mdText(text).replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Inline code (paths, ids): shown verbatim; the fence grows when the text itself holds backticks. */
export function mdCode(text: string): string {
  const clean = text.replace(CONTROL_CHARACTERS, '').replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = clean.startsWith('`') || clean.endsWith('`') || clean.trim() === '' ? ` ${clean} ` : clean;
  // A pipe ends a table cell even inside a code span on GitHub, so it is escaped everywhere.
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

export function mdTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map((cell) => (cell === '' ? ' ' : cell)).join(' | ')} |`)];
}

/**
 * A Mermaid node label inside double quotes. Mermaid reads `#name;` as an entity, so quotes, angle brackets and the
 * characters that would start markup are written as entity codes.
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[#"<>&`*_[\]{}|]/g, (char) => `#${char.charCodeAt(0)};`);
}
