/**
 * Findings as the JSON report writes them, in a form a worker thread can take: numbers and strings, no model. The main
 * thread describes the findings (FindingTexts in ./json-finding-texts.ts) and either thread writes the JSON text of a
 * block with FindingBlockWriter, which reads nothing but the block and the texts the findings share. The report of a
 * large estate is written by both threads at once (./json-findings-threaded.ts).
 */
import { hashHex } from '../engine/fingerprint.js';
import { escapeControls } from './json-values.js';

/** A finding's numbers in FindingBlock.columns: FIELDS of them, at these offsets. */
export const COLUMN = {
  /** Text of `{"ruleId":…,"object":` for the finding's rule and severity. */
  head: 0,
  /** Text of the object ref. */
  object: 1,
  path: 2,
  location: 3,
  /** How many ids of related refs' texts the finding takes from FindingBlock.related. */
  related: 4,
  /** Text of the message template's first literal (the others follow it), for a message written from its template. */
  template: 5,
  /** How many placeholder values the message takes from FindingBlock.strings. */
  placeholders: 6,
  remediation: 7,
  /** The fingerprint's hash words, and the text of the rule id it starts with (see hashWords). */
  hashHigh: 8,
  hashLow: 9,
  ruleId: 10,
  risk: 11,
  flags: 12,
} as const;
export const FIELDS = 13;

/** Bits of COLUMN.flags. Each `string` flag takes its text from FindingBlock.strings, in this order. */
export const FLAG = {
  container: 1,
  /** The message is one string, not a template filled (a finding that is not the engine's own). */
  messageString: 2,
  fingerprintString: 4,
  platform: 8,
  persistence: 16,
  risk: 32,
  expiredAcceptance: 64,
  /** The finding is on a container admission added: the Pod's ref follows the container among the strings. */
  admittedIn: 128,
} as const;

/** Consecutive findings of the report's list, described. */
export interface FindingBlock {
  /** Position of the block's first finding in the list. */
  first: number;
  count: number;
  /** count × FIELDS numbers, ids of texts for the most part. */
  columns: Int32Array;
  /** Ids of the related refs' texts, finding after finding. */
  related: Int32Array;
  /**
   * The texts findings do not share, finding after finding: a container's name, placeholder values, a message or a
   * fingerprint of their own, as they are (the writer escapes them: on the worker, when it writes), and an expired
   * acceptance as JSON.
   */
  strings: string[];
}

/** Writes a block's findings one after the other: each takes the next of the block's strings and related ids. */
export class FindingBlockWriter {
  private nextString = 0;
  private nextRelated = 0;

  constructor(
    private readonly block: FindingBlock,
    private readonly texts: readonly string[],
  ) {}

  /** Pushes the JSON text of the block's finding `index` onto `out`, in pieces, every finding once and in order. */
  write(index: number, out: string[]): void {
    const columns = this.block.columns;
    const strings = this.block.strings;
    const texts = this.texts;
    const at = index * FIELDS;
    const flags = columns[at + COLUMN.flags];
    out.push(texts[columns[at + COLUMN.head]], texts[columns[at + COLUMN.object]]);
    if ((flags & FLAG.container) !== 0) out.push(',"container":', jsonString(strings[this.nextString++]));
    if ((flags & FLAG.admittedIn) !== 0) out.push(',"admittedIn":', strings[this.nextString++]);
    out.push(',"path":', texts[columns[at + COLUMN.path]], ',"location":', texts[columns[at + COLUMN.location]], ',"related":');
    const related = columns[at + COLUMN.related];
    if (related === 0) out.push('[]');
    else {
      const ids = this.block.related;
      out.push('[', texts[ids[this.nextRelated++]]);
      for (let count = 1; count < related; count++) out.push(',', texts[ids[this.nextRelated++]]);
      out.push(']');
    }
    out.push(',"message":');
    if ((flags & FLAG.messageString) !== 0) out.push(jsonString(strings[this.nextString++]));
    else {
      const literal = columns[at + COLUMN.template];
      const placeholders = columns[at + COLUMN.placeholders];
      out.push('"', texts[literal]);
      // Each value escaped on its own: the same text as the message escaped whole, every character being escaped
      // alone, but for a surrogate pair cut in two, which a template's literal text never ends or starts with.
      for (let placeholder = 1; placeholder <= placeholders; placeholder++) out.push(jsonStringInner(strings[this.nextString++]), texts[literal + placeholder]);
      out.push('"');
    }
    out.push(',"remediation":', texts[columns[at + COLUMN.remediation]], ',"fingerprint":');
    if ((flags & FLAG.fingerprintString) !== 0) out.push(jsonString(strings[this.nextString++]));
    else out.push(`"${texts[columns[at + COLUMN.ruleId]]}@${hashHex(columns[at + COLUMN.hashHigh], columns[at + COLUMN.hashLow])}"`);
    if ((flags & FLAG.platform) !== 0) out.push(',"platform":true');
    if ((flags & FLAG.persistence) !== 0) out.push(',"persistence":true');
    if ((flags & FLAG.risk) !== 0) out.push(',"risk":', texts[columns[at + COLUMN.risk]]);
    if ((flags & FLAG.expiredAcceptance) !== 0) out.push(',"expiredAcceptance":', strings[this.nextString++]);
    out.push('}');
  }
}

/**
 * The block's findings as lines of the report's list (see StreamedArray.chunks in ./json-chunks.ts), `batch` findings
 * a piece: each after `,\n` (`[\n` for the list's first) and `inner`.
 */
export function* blockChunks(block: FindingBlock, texts: readonly string[], inner: string, batch: number): Generator<string> {
  const writer = new FindingBlockWriter(block, texts);
  let pieces: string[] = [];
  for (let index = 0; index < block.count; index++) {
    pieces.push(block.first + index === 0 ? '[\n' : ',\n', inner);
    writer.write(index, pieces);
    if ((index + 1) % batch === 0 || index + 1 === block.count) {
      yield pieces.join('');
      pieces = [];
    }
  }
}

export function escapedJson(value: unknown): string {
  return escapeControls(JSON.stringify(value));
}

/**
 * Characters JSON.stringify escapes (quote, backslash, C0 controls, lone surrogates: any surrogate, to be safe) and
 * those escapeControls adds. A text with none of them is written as it is.
 */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** escapedJson of a string; most texts need no escape, and are written without JSON.stringify and a second scan. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPING.test(text) ? escapedJson(text) : `"${text}"`;
}

/** jsonString without its quotes, for a piece of a longer string. */
export function jsonStringInner(text: string): string {
  return NEEDS_ESCAPING.test(text) ? escapedJson(text).slice(1, -1) : text;
}
