/**
 * The pod templates whose spec the parser left unread (src/load/unread-fields.ts): a ReplicaSet's or a Job's, which
 * the loader takes out when the controller read before it stands for its pods (managed-templates.ts). When it does
 * not, addObject reads the spec after all, before anything else sees the object.
 */
import { isRecord } from '../model/json.js';

/** Where the spec's text is: the bytes it was read from. */
interface UnreadSpec {
  chunk: Buffer;
  open: number;
  close: number;
}

const UNREAD = new WeakMap<object, UnreadSpec>();

/** Notes that `template.spec` stands for the JSON text at [open, close] of `chunk`, not yet parsed. */
export function leaveTemplateSpecUnread(template: object, chunk: Buffer, open: number, close: number): void {
  UNREAD.set(template, { chunk, open, close });
}

/** The object's spec.template, when it is a mapping. */
export function podTemplateOf(raw: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = raw.spec;
  const template = isRecord(spec) ? spec.template : undefined;
  return isRecord(template) ? template : undefined;
}

/**
 * Settles a template the loader took out (`detached`) or kept (undefined). Taken out, its spec is never read, and the
 * bytes it was read from are let go at once: held until a collection cleared the note, the dump's 1 MB chunks piled up
 * outside the heap (a 150,000-pod dump: 1.8 s of collections instead of 0.8). Kept, it is read now (readTemplateSpec).
 */
export function settleTemplateSpec(raw: Record<string, unknown>, detached: object | undefined): void {
  if (detached !== undefined) UNREAD.delete(detached);
  else readTemplateSpec(raw);
}

/**
 * Reads the spec of the object's pod template (spec.template) if it was left unread: the object is then as if parsed
 * whole. Throws SyntaxError if that text is malformed, as parsing the whole item would have.
 */
function readTemplateSpec(raw: Record<string, unknown>): void {
  const template = podTemplateOf(raw);
  if (template === undefined) return;
  const unread = UNREAD.get(template);
  if (unread === undefined) return;
  UNREAD.delete(template);
  template.spec = JSON.parse(unread.chunk.toString('utf8', unread.open, unread.close + 1)) as unknown;
}
