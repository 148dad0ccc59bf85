/**
 * kubethreat never writes a Secret's value, not even into a fixed copy of the user's own file. In the copies a Secret
 * is replaced by a comment that says where the real one stays; in a patch, the lines that hold values are never
 * shown, even as context.
 */
import { isMap, isSeq, parseAllDocuments, type Document } from 'yaml';
import { parseManifestText } from '../load/parse-text.js';
import { asRecord, asString, isRecord } from '../model/json.js';
import { carryOver } from './carry-over.js';

export interface SecretFreeText {
  /** The text without Secrets; undefined when nothing of the file can be written (a JSON file that is one Secret). */
  text: string | undefined;
  /** `namespace/name` of the Secrets left out. */
  left: string[];
}

const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, version: '1.1' } as const;

export function withoutSecrets(text: string, file: string): SecretFreeText {
  if (!/\bSecret\b/.test(text)) return { text, left: [] };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return jsonWithoutSecrets(text, JSON.parse(text) as unknown);
    } catch {
      // not JSON after all: the YAML path takes it
    }
  }
  return yamlWithoutSecrets(text, file);
}

function yamlWithoutSecrets(text: string, file: string): SecretFreeText {
  const documents = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  const left: string[] = [];
  if (!Array.isArray(documents)) return { text, left };
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  documents.forEach((document, index) => {
    const contents = document.contents;
    if (!isMap(contents) || !contents.range) return;
    const value = document.errors.length === 0 ? (document.toJS({ maxAliasCount: 100 }) as unknown) : undefined;
    if (isSecret(value)) {
      const name = nameOf(value);
      left.push(name);
      replacements.push({ start: contents.range[0], end: contents.range[1], text: `# Secret ${name} is left out of this copy: kubethreat never writes Secret values. Keep the one in ${file}.\n` });
      return;
    }
    const items = contents.get('items', true);
    if (!isRecord(value) || !isSeq(items)) return;
    const secrets = (Array.isArray(value.items) ? value.items : []).map((item, position) => ({ item, position })).filter(({ item }) => isSecret(item));
    if (secrets.length === 0) return;
    const start = index === 0 ? 0 : documents[index - 1].range[2];
    const end = index === documents.length - 1 ? text.length : document.range[2];
    const before = document.toString({ lineWidth: 0 });
    for (const { item, position } of secrets.reverse()) {
      left.push(nameOf(item));
      items.delete(position);
    }
    replacements.push({ start, end, text: carryOver(text.slice(start, end), before, document.toString({ lineWidth: 0 })) });
  });
  // Secrets kubethreat could not read (a broken document) are blanked as the loader blanks them.
  let out = text;
  for (const replacement of replacements.sort((a, b) => b.start - a.start)) out = out.slice(0, replacement.start) + replacement.text + out.slice(replacement.end);
  return { text: blankUnreadable(out, file), left: left.sort() };
}

function jsonWithoutSecrets(text: string, root: unknown): SecretFreeText {
  if (isSecret(root)) return { text: undefined, left: [nameOf(root)] };
  if (!isRecord(root) || !Array.isArray(root.items)) return { text, left: [] };
  const left = root.items.filter(isSecret).map(nameOf);
  if (left.length === 0) return { text, left };
  const indent = /\n(\t|[ ]+)"/.exec(text)?.[1] ?? '  ';
  const before = `${JSON.stringify(root, null, indent)}\n`;
  const after = `${JSON.stringify({ ...root, items: root.items.filter((item) => !isSecret(item)) }, null, indent)}\n`;
  return { text: carryOver(text, before, after), left: left.sort() };
}

/** Documents the loader skipped (broken YAML) may hold Secret values it could not tell apart: they are blanked. */
function blankUnreadable(text: string, file: string): string {
  const parsed = parseManifestText(text, file);
  let out = text;
  for (const [start, end] of parsed.secretRanges) out = out.slice(0, start) + out.slice(start, end).replace(/[^\n]/g, ' ') + out.slice(end);
  return out;
}

/** As the loader sees it (src/load/sanitize.ts): any apiVersion, since a mistyped one still holds a password. */
function isSecret(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value.kind === 'Secret';
}

function nameOf(secret: unknown): string {
  const metadata = asRecord(asRecord(secret)?.metadata);
  const namespace = asString(metadata?.namespace);
  const name = asString(metadata?.name) ?? '(unnamed)';
  return namespace ? `${namespace}/${name}` : name;
}

/** The lines (0-based) of `text` that hold Secret values or unreadable documents: never to be printed. */
export function sensitiveLines(text: string, file: string): Set<number> {
  const lines = new Set<number>();
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  for (const [start, end] of parseManifestText(text, file).secretRanges) {
    if (end <= start) continue;
    for (let line = lineOf(start); line <= lineOf(end - 1); line++) lines.add(line);
  }
  return lines;
}
