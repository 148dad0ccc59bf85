/**
 * Parses an item of a pretty-printed JSON List (kubectl's layout) without the parts the loader drops unread:
 * - metadata.managedFields, and the copy of the whole object `kubectl apply` keeps in an annotation;
 * - the status of kinds whose status no analysis reads, and the list of images in a Node's;
 * - the spec of a Pod run by a controller (only its nodeName is kept, see K8sObject.partial; a spec that lists
 *   ephemeral containers is parsed, as they are kept too, and so is the first Pod's of each owner, whose containers
 *   admission may have added to: admitted-samples.ts);
 * - the pod template's spec of a ReplicaSet or Job, kept as bytes and parsed only if the loader does not take the
 *   template out (unread-template-specs.ts).
 * They are half the bytes of a dump from an API server and half the time JSON.parse spends on it (a 10,000-pod dump:
 * 245 → 114 ms of parsing for the first three).
 *
 * Such a part is found by layout, as list-scanner.ts finds items: the item's own keys are the lines at its children's
 * indentation (the scanner notes them on its way), and a value that spans lines closes on the next such line, which
 * holds only its closing bracket (a JSON string cannot hold a raw line break). Deeper parts are found the same way one
 * level further in. The value is left out of the text handed to JSON.parse (`"status": {}`), and the parsed value
 * proves the cut: anything unexpected (a key given twice, a layout that misled) and the item is parsed whole. What is
 * skipped is not parsed at all, so a syntax error inside it goes unnoticed; the rest of the item is read as ever.
 *
 * Two steps: UnreadFieldPlanner finds the parts (bytes only), parsePlanned parses the rest and checks it. A dump read
 * from disk plans on a worker thread and parses on the main one (threaded-list-stream.ts); UnreadFieldSkipper does both
 * in turn.
 */
import { isEmptyRecord, isRecord } from '../model/json.js';
import { controllerAmong, type ObjectMeta } from '../model/object.js';
import type { ItemLayout } from './list-scanner.js';
import { isPartialPodValue, keepsStatus } from './to-object.js';
import { leaveTemplateSpecUnread, podTemplateOf } from './unread-template-specs.js';
import { LAST_APPLIED } from './sanitize.js';
import { DEFAULT_MAX_DEPTH } from './nesting.js';
import { fnv1a, leavePodSpecUnread, type NamesDigest } from './unread-pod-specs.js';

const NEWLINE = 0x0a;
const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** A position past the end of any chunk: "not in the rest of this chunk". */
const NOWHERE = Number.MAX_SAFE_INTEGER;

/** The item's own keys that matter here, each with its opening quote: compared in place, never made into strings. */
const KIND_KEY = Buffer.from('"kind": "');
const METADATA_KEY = Buffer.from('"metadata": {');
const SPEC_KEY = Buffer.from('"spec": {');
const STATUS_KEY = Buffer.from('"status": {');
/** Keys inside a ReplicaSet's or Job's spec, found line by line (see templateSpecOf). */
const TEMPLATE_KEY = Buffer.from('"template": {');
const CONTAINERS_KEY = Buffer.from('"containers": [');
/** A Node's status.images, a list that spans lines. */
const IMAGES_KEY = Buffer.from('"images": [\n');
/**
 * Kinds whose pod template is taken out unread when their controller was read before them (managed-templates.ts: a
 * ReplicaSet of a Deployment, a Job of a CronJob): a dump of a real cluster holds several old ReplicaSets per
 * Deployment. Their template's spec is left out of the parse and kept as bytes, parsed only if the template stays.
 */
const DETACHABLE_KINDS: ReadonlySet<string> = new Set(['ReplicaSet', 'Job']);

/** Keys inside metadata and spec, looked for in the chunk (see UnreadFieldSkipper.find). */
const MANAGED_FIELDS_KEY = searchedKey('managedFields', ' [\n');
/** The copy of the whole object `kubectl apply` keeps (LAST_APPLIED), dropped by addObject from every object. */
const LAST_APPLIED_KEY = searchedKey(LAST_APPLIED, ' "');
const NODE_NAME_KEY = searchedKey('nodeName', ' ');
/** A Pod's spec.ephemeralContainers, kept with its nodeName (to-object.ts partialPodSpec). */
const EPHEMERAL_CONTAINERS_KEY = searchedKey('ephemeralContainers', ' [');

/**
 * A key looked for in a chunk: its line's text from the opening quote (`"nodeName": `), and its name alone, which is
 * what is searched. A needle holding a space or a quote is slow to find in a dump that is mostly spaces and quotes (the
 * search skips ahead by how far back the byte under its end occurs in it): 0.1 s of a 10,000-pod dump for a key no
 * item had.
 */
interface SearchedKey {
  line: Buffer;
  name: Buffer;
  length: number;
}

function searchedKey(name: string, afterColon: string): SearchedKey {
  const line = Buffer.from(`"${name}":${afterColon}`);
  return { line, name: Buffer.from(name), length: line.length };
}

/** A value left out: the positions of its opening and closing brackets (quotes, for a string). */
interface Span {
  open: number;
  close: number;
}

/**
 * Where the parts of an item left out are, as numbers (PLAN_SLOTS of them), so that the plan can be made on one thread
 * and carried out on another (threaded-list-stream.ts): positions in the item's chunk, -1 for a part not left out.
 */
export const PLAN_SLOTS = 17;
const KIND = 0; // the kind's string, between its quotes (-1: no kind read)
const MANAGED_FIELDS = 2;
const LAST_APPLIED_VALUE = 4;
const TEMPLATE_SPEC = 6; // and at 8, whether it lists containers (1) or not (0)
const POD_SPEC = 9;
const STATUS = 11;
const NODE_NAME = 13; // the value's text; at 13, NO_NODE_NAME or NODE_NAME_NOT_READ when there is none to read
const NO_NODE_NAME = -1;
const NODE_NAME_NOT_READ = -2;
const NODE_IMAGES = 15; // status.images of a Node

/**
 * Finds, by layout, the parts of an item the loader drops unread. Only reads bytes: it never parses, so it can run
 * ahead of the parser, on another thread.
 */
export class UnreadFieldPlanner {
  private chunk: Buffer | undefined;
  /**
   * Where the managedFields, last-applied and nodeName keys next occur in the chunk, at or after the last place asked
   * (NOWHERE: not in the rest of the chunk). Items come in order, so each key's occurrences are searched once per
   * chunk: a key most items lack (kubectl leaves managedFields out unless asked) would otherwise be looked for up to
   * the chunk's end from every item.
   */
  private nextManagedFields = -1;
  private nextNodeName = -1;
  private nextLastApplied = -1;
  private nextEphemeral = -1;

  /**
   * Writes the plan of the item at [start, end) of `chunk` into `plan` at `base`. False when nothing is left out: the
   * item is then parsed whole.
   */
  plan(chunk: Buffer, start: number, end: number, layout: ItemLayout, plan: Float64Array, base: number): boolean {
    const { indent, childIndent, childLines } = layout;
    if (childIndent <= indent) return false;
    if (this.chunk !== chunk) {
      this.chunk = chunk;
      this.nextManagedFields = this.nextNodeName = this.nextLastApplied = this.nextEphemeral = -1;
    }
    let kind: Span | undefined;
    let metadata: Span | undefined;
    let spec: Span | undefined;
    let status: Span | undefined;
    for (let line = 0; line < childLines.length; line++) {
      const at = childLines[line] + childIndent;
      if (chunk[at] !== QUOTE) continue;
      if (kind === undefined && startsWith(chunk, at, KIND_KEY)) kind = stringAt(chunk, at + KIND_KEY.length);
      else if (metadata === undefined && startsWith(chunk, at, METADATA_KEY)) metadata = multilineValue(chunk, at + METADATA_KEY.length, childLines, line, childIndent);
      else if (spec === undefined && startsWith(chunk, at, SPEC_KEY)) spec = multilineValue(chunk, at + SPEC_KEY.length, childLines, line, childIndent);
      else if (status === undefined && startsWith(chunk, at, STATUS_KEY)) status = multilineValue(chunk, at + STATUS_KEY.length, childLines, line, childIndent);
    }
    const kindName = kind !== undefined ? chunk.toString('utf8', kind.open, kind.close) : undefined;
    const grandchildIndent = childIndent + (childIndent - indent);
    const managedFields = metadata !== undefined ? this.managedFields(chunk, metadata, grandchildIndent) : undefined;
    const lastApplied = metadata !== undefined ? this.lastApplied(chunk, metadata, grandchildIndent + (childIndent - indent)) : undefined;
    const templateSpec = spec !== undefined && kindName !== undefined && DETACHABLE_KINDS.has(kindName) ? templateSpecOf(chunk, spec, childIndent - indent, grandchildIndent) : undefined;
    if (kindName !== 'Pod') spec = undefined;
    // A Node's status is kept in part (its addresses): of the rest, the list of images is most of it.
    const nodeImages = kindName === 'Node' && status !== undefined ? listOfKey(chunk, status, IMAGES_KEY, grandchildIndent) : undefined;
    if (kindName === undefined || keepsStatus(kindName)) status = undefined;
    if (managedFields === undefined && lastApplied === undefined && templateSpec === undefined && spec === undefined && status === undefined && nodeImages === undefined) return false;
    putSpan(plan, base + KIND, kind);
    putSpan(plan, base + MANAGED_FIELDS, managedFields);
    putSpan(plan, base + LAST_APPLIED_VALUE, lastApplied);
    putSpan(plan, base + TEMPLATE_SPEC, templateSpec);
    plan[base + TEMPLATE_SPEC + 2] = templateSpec?.listsContainers === true ? 1 : 0;
    putSpan(plan, base + POD_SPEC, spec);
    putSpan(plan, base + STATUS, status);
    putSpan(plan, base + NODE_IMAGES, nodeImages);
    // Read for any Pod whose spec is left out; used only if the Pod turns out to be a controller's (parsePlanned).
    const nodeName = spec !== undefined ? this.nodeName(chunk, spec, grandchildIndent) : NO_NODE_NAME;
    if (typeof nodeName === 'number') plan[base + NODE_NAME] = plan[base + NODE_NAME + 1] = nodeName;
    else putSpan(plan, base + NODE_NAME, nodeName);
    return true;
  }

  /** Where `key` next occurs at or after `from` (see nextManagedFields), at its opening quote. */
  private find(chunk: Buffer, key: SearchedKey, next: number, from: number): number {
    if (next >= from) return next;
    for (let at = chunk.indexOf(key.name, from + 1); at !== -1; at = chunk.indexOf(key.name, at + 1)) {
      if (startsWith(chunk, at - 1, key.line)) return at - 1;
    }
    return NOWHERE;
  }

  /** metadata.managedFields: a key of metadata whose list spans lines, closed on a line of its own within metadata. */
  private managedFields(chunk: Buffer, metadata: Span, keyIndent: number): Span | undefined {
    // `]` is rare in managedFields, so its closing line is soon found.
    return listAt(chunk, (this.nextManagedFields = this.find(chunk, MANAGED_FIELDS_KEY, this.nextManagedFields, metadata.open)), MANAGED_FIELDS_KEY.length, metadata, keyIndent);
  }

  /**
   * The value of metadata.annotations' last-applied copy, a string on its line at the annotations' keys' indentation:
   * its text between the quotes.
   */
  private lastApplied(chunk: Buffer, metadata: Span, keyIndent: number): Span | undefined {
    const at = (this.nextLastApplied = this.find(chunk, LAST_APPLIED_KEY, this.nextLastApplied, metadata.open));
    if (at >= metadata.close || !indentedBy(chunk, at, keyIndent)) return undefined;
    const open = at + LAST_APPLIED_KEY.length - 1;
    const lineEnd = chunk.indexOf(NEWLINE, open);
    if (lineEnd === -1 || lineEnd > metadata.close) return undefined;
    const close = chunk[lineEnd - 1] === COMMA ? lineEnd - 2 : lineEnd - 1;
    // The closing quote: not escaped (an even run of backslashes before it), and not the opening one.
    let backslashes = 0;
    while (chunk[close - 1 - backslashes] === BACKSLASH) backslashes++;
    return close > open && chunk[close] === QUOTE && backslashes % 2 === 0 ? { open, close } : undefined;
  }

  /**
   * The text of spec.nodeName's value in a Pod's spec; NO_NODE_NAME when the spec has none; NODE_NAME_NOT_READ when
   * its line cannot be read on its own, or when the spec lists ephemeral containers (then read whole).
   */
  private nodeName(chunk: Buffer, spec: Span, keyIndent: number): Span | number {
    // A spec with ephemeral containers is read whole: a partial Pod keeps them (rare: kubectl debug adds them).
    let ephemeral = (this.nextEphemeral = this.find(chunk, EPHEMERAL_CONTAINERS_KEY, this.nextEphemeral, spec.open));
    while (ephemeral < spec.close && !indentedBy(chunk, ephemeral, keyIndent)) ephemeral = this.nextEphemeral = this.find(chunk, EPHEMERAL_CONTAINERS_KEY, -1, ephemeral + 1);
    if (ephemeral < spec.close) return NODE_NAME_NOT_READ;
    let at = (this.nextNodeName = this.find(chunk, NODE_NAME_KEY, this.nextNodeName, spec.open));
    while (at < spec.close && !indentedBy(chunk, at, keyIndent)) at = this.nextNodeName = this.find(chunk, NODE_NAME_KEY, -1, at + 1);
    if (at >= spec.close) return NO_NODE_NAME;
    const valueStart = at + NODE_NAME_KEY.length;
    const lineEnd = chunk.indexOf(NEWLINE, valueStart);
    if (lineEnd === -1 || lineEnd > spec.close) return NODE_NAME_NOT_READ;
    return { open: valueStart, close: chunk[lineEnd - 1] === COMMA ? lineEnd - 1 : lineEnd };
  }
}

/**
 * Parses the item at [start, end) of `chunk` as planned (UnreadFieldPlanner.plan wrote `plan` at `base`), or whole
 * when `planned` is false; throws SyntaxError as JSON.parse does. The parsed value proves the plan's cuts: anything
 * unexpected and the item is parsed whole.
 */
export function parsePlanned(chunk: Buffer, start: number, end: number, planned: boolean, plan: Float64Array, base: number, specsRead?: Set<string>): unknown {
  if (!planned) return parseWhole(chunk, start, end);
  const cuts: Span[] = [];
  for (const slot of CUT_SLOTS) {
    if (plan[base + slot] !== -1) cuts.push({ open: plan[base + slot], close: plan[base + slot + 1] });
  }
  cuts.sort((a, b) => a.open - b.open);
  let text = '';
  let from = start;
  for (const cut of cuts) {
    text += chunk.toString('utf8', from, cut.open + 1);
    from = cut.close;
  }
  text += chunk.toString('utf8', from, end);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseWhole(chunk, start, end); // throws the item's own SyntaxError, or parses what the cuts misread
  }
  const kind = plan[base + KIND] === -1 ? undefined : chunk.toString('utf8', plan[base + KIND], plan[base + KIND + 1]);
  const cut = (slot: number): boolean => plan[base + slot] !== -1;
  if (
    !isRecord(value) ||
    value.kind !== kind ||
    (cut(MANAGED_FIELDS) && !(isRecord(value.metadata) && isEmptyList(value.metadata.managedFields))) ||
    (cut(LAST_APPLIED_VALUE) && !cutLastApplied(value.metadata)) ||
    (cut(STATUS) && !isEmptyRecord(value.status)) ||
    (cut(NODE_IMAGES) && !(isRecord(value.status) && isEmptyList(value.status.images))) ||
    (cut(POD_SPEC) && !isEmptyRecord(value.spec)) ||
    (cut(TEMPLATE_SPEC) && !isEmptyRecord(podTemplateOf(value)?.spec))
  ) {
    return parseWhole(chunk, start, end);
  }
  if (cut(TEMPLATE_SPEC)) {
    // A spec that says, as the one read would, whether the template lists containers; read only if it stays.
    const template = podTemplateOf(value)!;
    template.spec = plan[base + TEMPLATE_SPEC + 2] === 1 ? { containers: [] } : {};
    leaveTemplateSpecUnread(template, chunk, plan[base + TEMPLATE_SPEC], plan[base + TEMPLATE_SPEC + 1]);
  }
  if (cut(POD_SPEC)) {
    // What addObject keeps of a controller's Pod: its nodeName alone. Any other Pod gets its spec back.
    const nodeName = isPartialPodValue(value) ? plannedNodeName(chunk, plan, base) : NOT_READ;
    if (nodeName === NOT_READ) value.spec = JSON.parse(chunk.toString('utf8', plan[base + POD_SPEC], plan[base + POD_SPEC + 1] + 1));
    else {
      const spec = (value.spec = nodeName === undefined ? {} : { nodeName });
      // The first Pod of each owner may run containers admission added (admitted-samples.ts): its spec is left to
      // addObject to read, when its owner's template does not list the containers it names.
      if (firstOfItsOwner(value, specsRead)) {
        const span = { open: plan[base + POD_SPEC], close: plan[base + POD_SPEC + 1] };
        leavePodSpecUnread(spec, chunk, span.open, span.close, () => podSpecNamesDigest(chunk, span));
      }
    }
  }
  return value;
}

/** Whether a controller's Pod is the first of its owner read with `specsRead` (which then notes the owner). */
function firstOfItsOwner(value: Record<string, unknown>, specsRead: Set<string> | undefined): boolean {
  if (specsRead === undefined) return false;
  const owner = controllerAmong((value.metadata as { ownerReferences?: ObjectMeta['ownerReferences'] }).ownerReferences)?.uid;
  if (typeof owner !== 'string' || specsRead.has(owner)) return false;
  specsRead.add(owner);
  return true;
}

/** The slots of the parts cut out of the text handed to JSON.parse. */
const CUT_SLOTS = [MANAGED_FIELDS, LAST_APPLIED_VALUE, TEMPLATE_SPEC, POD_SPEC, STATUS, NODE_IMAGES];

function putSpan(plan: Float64Array, at: number, span: Span | undefined): void {
  plan[at] = span === undefined ? -1 : span.open;
  plan[at + 1] = span === undefined ? -1 : span.close;
}

const NOT_READ = Symbol('not read');

/** spec.nodeName of a Pod whose spec was left out: undefined when it has none; NOT_READ when it must be read from the spec. */
function plannedNodeName(chunk: Buffer, plan: Float64Array, base: number): unknown {
  const open = plan[base + NODE_NAME];
  if (open === NO_NODE_NAME) return undefined;
  if (open === NODE_NAME_NOT_READ) return NOT_READ;
  try {
    return JSON.parse(chunk.toString('utf8', open, plan[base + NODE_NAME + 1]));
  } catch {
    return NOT_READ;
  }
}

/**
 * containerNamesDigest of a Pod's spec left out, whose layout is read from its own lines: its closing brace's
 * indentation is its key's, and its first key's is its keys'.
 */
function podSpecNamesDigest(chunk: Buffer, spec: Span): NamesDigest | undefined {
  const lineStart = chunk.lastIndexOf(NEWLINE, spec.close) + 1;
  const specIndent = spec.close - lineStart;
  const firstKey = nextLine(chunk, spec.open);
  let keyIndent = 0;
  while (chunk[firstKey + keyIndent] === SPACE) keyIndent++;
  const step = keyIndent - specIndent;
  return step > 0 ? containerNamesDigest(chunk, spec, keyIndent, step) : undefined;
}

/**
 * The lists of containers a pod template shares with its Pods, as their key lines from the key's first letter to the
 * line break: searched without the opening quote, which a search would stop at every few bytes of JSON (see
 * SearchedKey), and checked for it.
 */
const TEMPLATE_CONTAINER_LISTS = [Buffer.from('containers": [\n'), Buffer.from('initContainers": [\n')];
const NAME_KEY = Buffer.from('"name": "');
const OPEN_BRACE_LINE = Buffer.from('{\n');

/**
 * The names of the containers and init containers a Pod's spec lists, read by layout: their count, and the sum of
 * their FNV-1a hashes (namesDigest in unread-pod-specs.ts), the same whatever their order. Each entry opens on a line
 * of its own one step in from the spec's keys, and an API server writes a container's name first, on the next line.
 * Found by searching, not line by line: a mesh's sidecar makes a spec hundreds of lines long. Undefined when an entry
 * does not read so (keys in another order: the caller then parses the spec).
 */
export function containerNamesDigest(chunk: Buffer, spec: Span, keyIndent: number, step: number): NamesDigest | undefined {
  const entryIndent = keyIndent + step;
  const fieldIndent = entryIndent + step;
  const inSpec = chunk.subarray(0, spec.close);
  let hash = 0;
  let count = 0;
  for (const key of TEMPLATE_CONTAINER_LISTS) {
    let at = inSpec.indexOf(key, spec.open);
    while (at !== -1 && !(chunk[at - 1] === QUOTE && indentedBy(chunk, at - 1, keyIndent))) at = inSpec.indexOf(key, at + 1);
    if (at === -1) continue;
    const list = listAt(chunk, at - 1, key.length + 1, spec, keyIndent);
    if (list === undefined) return undefined;
    const entries = chunk.subarray(0, list.close);
    for (let entry = entries.indexOf(OPEN_BRACE_LINE, list.open); entry !== -1; entry = entries.indexOf(OPEN_BRACE_LINE, entry + 2)) {
      if (!indentedBy(chunk, entry, entryIndent)) continue; // a value's, deeper
      const name = entry + 2 + fieldIndent;
      if (!startsWith(chunk, name, NAME_KEY) || !indentedBy(chunk, name, fieldIndent)) return undefined;
      const value = stringAt(chunk, name + NAME_KEY.length);
      if (value === undefined) return undefined;
      hash = (hash + fnv1a(chunk, value.open, value.close)) >>> 0;
      count++;
    }
  }
  return { hash, count };
}

/** Plans and parses in turn, on one thread: the parser list-scanner.ts takes. */
export class UnreadFieldSkipper {
  private readonly planner = new UnreadFieldPlanner();
  private readonly plan = new Float64Array(PLAN_SLOTS);
  /** The owners whose first Pod's spec was read (see parsePlanned). */
  private readonly specsRead = new Set<string>();

  /** The item at [start, end) of `chunk`; throws SyntaxError as JSON.parse does. */
  readonly parse = (chunk: Buffer, start: number, end: number, layout: ItemLayout): unknown =>
    parsePlanned(chunk, start, end, this.planner.plan(chunk, start, end, layout, this.plan, 0), this.plan, 0, this.specsRead);
}


/**
 * spec.template.spec of a ReplicaSet or Job, found line by line inside its spec (a line at exactly an indentation is a
 * key of that level, or the closing line of one of its values), and whether it lists containers.
 */
function templateSpecOf(chunk: Buffer, spec: Span, step: number, keyIndent: number): (Span & { listsContainers: boolean }) | undefined {
  const templateKeyIndent = keyIndent + step;
  const fieldIndent = templateKeyIndent + step;
  let at = nextLine(chunk, spec.open);
  // The template, a key of spec.
  while (at < spec.close && !(atIndent(chunk, at, keyIndent) && startsWith(chunk, at + keyIndent, TEMPLATE_KEY) && chunk[at + keyIndent + TEMPLATE_KEY.length] === NEWLINE)) at = nextLine(chunk, at);
  if (at >= spec.close) return undefined;
  // Its spec, a key of the template, before the template's closing line.
  for (at = nextLine(chunk, at); ; at = nextLine(chunk, at)) {
    if (at >= spec.close || atIndent(chunk, at, keyIndent)) return undefined;
    if (atIndent(chunk, at, templateKeyIndent) && startsWith(chunk, at + templateKeyIndent, SPEC_KEY) && chunk[at + templateKeyIndent + SPEC_KEY.length] === NEWLINE) break;
  }
  const open = at + templateKeyIndent + SPEC_KEY.length - 1;
  let listsContainers = false;
  // An object nested near the loader's limit is read whole, so that it is refused as ever (load/nesting.ts): pretty
  // JSON indents each level by a step, and a line indented that far is either that deep or a long text.
  const deepIndent = keyIndent - 2 * step + (DEFAULT_MAX_DEPTH - 8) * step;
  // Its closing line: the next line at the template's keys' indentation.
  at = nextLine(chunk, at);
  for (let next = 0; at < spec.close; at = next) {
    next = nextLine(chunk, at);
    if (next > at + deepIndent + 1 && chunk[at + deepIndent] === SPACE) return undefined;
    if (atIndent(chunk, at, fieldIndent)) {
      if (startsWith(chunk, at + fieldIndent, CONTAINERS_KEY)) listsContainers = true;
    } else if (atIndent(chunk, at, templateKeyIndent) || atIndent(chunk, at, keyIndent)) {
      return chunk[at + templateKeyIndent] === CLOSE_BRACE && atIndent(chunk, at, templateKeyIndent) ? { open, close: at + templateKeyIndent, listsContainers } : undefined;
    }
  }
  return undefined;
}

/** The list `key` (its line, from the opening quote to the line break after `[`) holds inside `parent` (see listAt). */
function listOfKey(chunk: Buffer, parent: Span, key: Buffer, keyIndent: number): Span | undefined {
  const at = chunk.subarray(0, parent.close).indexOf(key, parent.open);
  return at === -1 ? undefined : listAt(chunk, at, key.length, parent, keyIndent);
}

/**
 * The list whose key's line starts at `at` (its opening quote; `keyLength` bytes up to the line break after `[`), when
 * it is a key of `parent` at `keyIndent`: the list closes on the first line that holds `]` at that indentation.
 */
function listAt(chunk: Buffer, at: number, keyLength: number, parent: Span, keyIndent: number): Span | undefined {
  if (at >= parent.close || !indentedBy(chunk, at, keyIndent)) return undefined;
  const open = at + keyLength - 2;
  for (let close = chunk.indexOf(CLOSE_BRACKET, open + 1); close !== -1 && close < parent.close; close = chunk.indexOf(CLOSE_BRACKET, close + 1)) {
    if (indentedBy(chunk, close, keyIndent)) return { open, close };
  }
  return undefined;
}

/** The start of the line after the one `at` is on; past the chunk when there is none. */
function nextLine(chunk: Buffer, at: number): number {
  const newline = chunk.indexOf(NEWLINE, at);
  return newline === -1 ? NOWHERE : newline + 1;
}

/** Whether the line starting at `at` is indented by exactly `indent` spaces. */
function atIndent(chunk: Buffer, at: number, indent: number): boolean {
  return chunk[at + indent] !== SPACE && chunk[at + indent - 1] === SPACE && chunk[at + indent] !== NEWLINE;
}

/**
 * The object whose opening brace ends the key line at child line `line` (`afterKey` is just past the brace): it
 * closes on the next child line, which starts with `}`. Undefined for an object on one line.
 */
function multilineValue(chunk: Buffer, afterKey: number, childLines: readonly number[], line: number, childIndent: number): Span | undefined {
  if (chunk[afterKey] !== NEWLINE || line + 1 >= childLines.length) return undefined;
  const close = childLines[line + 1] + childIndent;
  return chunk[close] === CLOSE_BRACE ? { open: afterKey - 1, close } : undefined;
}

/** Whether the byte at `at` starts its line after exactly `indent` spaces. */
function indentedBy(chunk: Buffer, at: number, indent: number): boolean {
  if (chunk[at - indent - 1] !== NEWLINE) return false;
  for (let k = at - indent; k < at; k++) if (chunk[k] !== SPACE) return false;
  return true;
}

function startsWith(chunk: Buffer, at: number, bytes: Buffer): boolean {
  for (let k = 0; k < bytes.length; k++) if (chunk[at + k] !== bytes[k]) return false;
  return true;
}

function parseWhole(chunk: Buffer, start: number, end: number): unknown {
  return JSON.parse(chunk.toString('utf8', start, end));
}

/** The JSON string starting at `from` (after its opening quote), between its quotes, when it has no escape. */
function stringAt(chunk: Buffer, from: number): Span | undefined {
  for (let at = from; at < chunk.length; at++) {
    const byte = chunk[at];
    if (byte === QUOTE) return { open: from, close: at };
    if (byte === BACKSLASH || byte === NEWLINE) return undefined;
  }
  return undefined;
}

/** Whether the cut was the annotation's: emptied, and no label of that name (a map at the same depth) to mistake it for. */
function cutLastApplied(metadata: unknown): boolean {
  return isRecord(metadata) && isRecord(metadata.annotations) && metadata.annotations[LAST_APPLIED] === '' && !(isRecord(metadata.labels) && LAST_APPLIED in metadata.labels);
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
