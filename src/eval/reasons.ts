/**
 * eval/DISAGREEMENTS.md: the written reasons for disagreements we keep. Each reason is a level-3 heading naming the
 * label, then the reason as text:
 *
 *   ### FOLDER · FILE · OBJECT · CONCEPT
 *   Why our semantics are the right ones …
 *
 * FOLDER is the corpora folder's name (e.g. kubescape-regolibrary); FILE and OBJECT are as in LABELS.tsv, and `*`
 * in FOLDER, FILE or OBJECT stands for any (one reason for a whole class of labels).
 */
import type { Label } from './labels.js';

export interface KeptReason {
  folder: string;
  file: string;
  object: string;
  concept: string;
  reason: string;
  /** The line of the heading, to point at it. */
  line: number;
}

const HEADING = /^###\s+(.+?)\s*$/;
const SEPARATOR = /\s+·\s+/;

export function parseReasons(markdown: string): KeptReason[] {
  const reasons: KeptReason[] = [];
  let current: KeptReason | undefined;
  const lines = markdown.split(/\r?\n/);
  let inComment = false;
  lines.forEach((text, index) => {
    // The format example in the file's header sits in an HTML comment and is not a reason.
    if (text.includes('<!--')) inComment = true;
    if (inComment) {
      if (text.includes('-->')) inComment = false;
      return;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      const parts = heading[1].split(SEPARATOR);
      current = parts.length === 4 ? { folder: parts[0], file: parts[1], object: parts[2], concept: parts[3], reason: '', line: index + 1 } : undefined;
      if (current) reasons.push(current);
      return;
    }
    if (/^#{1,3}\s/.test(text)) current = undefined;
    else if (current && text.trim() !== '') current.reason = current.reason ? `${current.reason} ${text.trim()}` : text.trim();
  });
  return reasons.filter((entry) => entry.reason !== '');
}

/** The kept reason that covers a label of the named folder, if any. */
export function reasonFor(reasons: readonly KeptReason[], folderName: string, label: Label): KeptReason | undefined {
  const fits = (pattern: string, value: string): boolean => pattern === '*' || pattern === value;
  return reasons.find(
    (entry) => entry.concept === label.concept && fits(entry.folder, folderName) && fits(entry.file, label.file) && fits(entry.object, label.object),
  );
}
