/**
 * What a fix is: data, never code. A rule that declares `fix` in its metadata attaches a proposal to a report; the
 * engine checks the declaration and stamps the kind; the fix command applies the edits to the source files.
 */
import type { FieldPath } from '../model/object.js';

/**
 * `safe`: keeps what the workload legitimately does in nearly every case; applied by default.
 * `suggestion`: removes the threat but may break the workload (a privileged container that needs a device, a
 * process that runs as root on purpose); applied only when the user names the rule with --rule.
 */
export type FixKind = 'safe' | 'suggestion';

export const FIX_KINDS: readonly FixKind[] = ['safe', 'suggestion'];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One change to an object, with paths from the object's root (as a finding's path). Each is idempotent: applying it
 * to an object it was already applied to changes nothing, so a fix can be re-applied safely.
 * - `set`: the field holds `value` (mappings on the way are created).
 * - `remove`: the field is absent (nothing happens if it already is).
 * - `append`: the list at `path` (created when absent) holds `value`: it is appended unless an item already equals
 *   it, or, with `match`, unless an item already has the same value at that key (a volume of the same name).
 */
export type FixEdit =
  | { op: 'set'; path: FieldPath; value: JsonValue }
  | { op: 'remove'; path: FieldPath }
  | { op: 'append'; path: FieldPath; value: JsonValue; match?: string };

/** What a rule attaches to a report. No edits: no fix for this case, and the notes say why (the report shows it). */
export interface FixProposal {
  edits: FixEdit[];
  /** Marks this one fix as a suggestion although the rule's fixes are safe (a deliberate setting it overrides). */
  suggestion?: boolean;
  /** What the person applying it must know: assumptions and what may need doing by hand. */
  notes?: string[];
}

/**
 * A proposal, or how to make it: a function is called only when the finding's fix is read (by `kubethreat fix`). A
 * scan of 150,000 pods reports some 175,000 fixable findings and reads none of their fixes: built eagerly, they held
 * about 90 MB.
 */
export type FixSource = FixProposal | (() => FixProposal);

/** A fix on a finding, as the engine hands it out. */
export interface FindingFix {
  kind: FixKind;
  edits: FixEdit[];
  notes: string[];
}
