/** Pod Security Admission's decision for one pod at one level and policy version, as PSA's evaluator makes it. */
import { controlMeta } from './define-control.js';
import { ALL_CONTROLS, CONTROL_REGISTRY } from './registry.js';
import type { PodInput, PssControl, PssControlId, PssControlMeta, PssLevel, PssVersion, PssViolation } from './types.js';
import { minorOfMinVersion, policyMinor } from './version.js';

const LEVEL_RANK: Readonly<Record<PssLevel, number>> = { privileged: 0, baseline: 1, restricted: 2 };

/** Negative when `a` is less strict than `b`, zero when equal, positive when stricter. */
export function comparePssLevels(a: PssLevel, b: PssLevel): number {
  return LEVEL_RANK[a] - LEVEL_RANK[b];
}

/**
 * The checks PSA runs for a level at a policy version: those of that level and below that exist at the version,
 * minus any baseline check replaced by a restricted check that also exists at that version.
 */
const activeCache = new Map<number, PssControl[]>();

/** Memoised: every workload of an estate is checked against the same few (level, version) pairs. */
function activeControls(level: PssLevel, minorVersion: number): PssControl[] {
  const key = LEVEL_RANK[level] * 1_000_000 + minorVersion; // a number: no key string built per pod
  let controls = activeCache.get(key);
  if (controls === undefined) activeCache.set(key, (controls = computeActiveControls(level, minorVersion)));
  return controls;
}

function computeActiveControls(level: PssLevel, minorVersion: number): PssControl[] {
  const applicable = ALL_CONTROLS.filter(
    (control) => LEVEL_RANK[control.level] <= LEVEL_RANK[level] && minorOfMinVersion(control.minVersion) <= minorVersion,
  );
  const overridden = new Set(applicable.flatMap((control) => (control.overrides ? [control.overrides] : [])));
  return applicable.filter((control) => !overridden.has(control.id));
}

/** Metadata of the controls that decide `level` at `version`; useful to explain a level, e.g. in docs. */
export function controlsFor(level: PssLevel, version: PssVersion = 'latest'): PssControlMeta[] {
  return activeControls(level, policyMinor(version)).map(controlMeta);
}

/** Every reason PSA would refuse `pod` at `level`; an empty list means the pod is admitted. Throws on a malformed version. */
export function checkPod(pod: PodInput, level: 'baseline' | 'restricted', version: PssVersion = 'latest'): PssViolation[] {
  const minorVersion = policyMinor(version);
  const violations: PssViolation[] = [];
  for (const control of activeControls(level, minorVersion)) appendAll(violations, runControl(control, pod, minorVersion));
  return violations;
}

/** Where each control's results sit in a pod's row: its place in ALL_CONTROLS. */
const CONTROL_SLOT: ReadonlyMap<PssControl, number> = new Map(ALL_CONTROLS.map((control, slot) => [control, slot]));

/** One control's violations per slot of CONTROL_SLOT; undefined until the control has run. */
type ControlRow = Array<readonly PssViolation[] | undefined>;

/**
 * What the controls found in one pod (a spec and an annotations object), per policy version asked. Nearly every pod
 * is asked about at one version, so the first one is kept inline and any other in `otherVersions`.
 */
interface PodResults {
  annotations: object;
  minorVersion: number;
  row: ControlRow;
  otherVersions: Map<number, ControlRow> | undefined;
  /** The same spec read with another annotations object (a test, or a caller that copies the metadata). */
  otherAnnotations: WeakMap<object, PodResults> | undefined;
}

/**
 * A control that finds nothing finds this: most controls find nothing in most pods, and 16,000 workloads times 19
 * controls of empty arrays were a sizeable part of what PSS rules left in memory.
 */
const NO_VIOLATIONS: readonly PssViolation[] = Object.freeze([]);

/** pod spec → results of that pod. A WeakMap: the results go with the estate whose objects the specs are. */
const results = new WeakMap<object, PodResults>();

/**
 * One control on one pod at one version, computed once: the level of every workload, the enforce check and a dozen
 * rules each ask for the same controls. A pod is its spec and annotations objects, which nothing mutates once read.
 * One dense row per pod and version rather than a Map per control: at 50,000 pods the nested Maps were ~20 small
 * Maps per pod, about 4 KB each pod.
 */
function runControl(control: PssControl, pod: PodInput, minorVersion: number): readonly PssViolation[] {
  const row = rowOf(pod, minorVersion);
  const slot = CONTROL_SLOT.get(control) as number;
  let violations = row[slot];
  if (violations === undefined) {
    const found = control.check(pod, { minorVersion });
    // An exact-size copy: the list grew by push, which reserves 17 slots for the first violation.
    row[slot] = violations = found.length === 0 ? NO_VIOLATIONS : found.slice();
  }
  return violations;
}

function rowOf(pod: PodInput, minorVersion: number): ControlRow {
  const annotations = pod.metadata.annotations;
  let entry = results.get(pod.spec);
  if (entry === undefined) results.set(pod.spec, (entry = newResults(annotations, minorVersion)));
  else if (entry.annotations !== annotations) {
    entry.otherAnnotations ??= new WeakMap();
    let other = entry.otherAnnotations.get(annotations);
    if (other === undefined) entry.otherAnnotations.set(annotations, (other = newResults(annotations, minorVersion)));
    entry = other;
  }
  if (entry.minorVersion === minorVersion) return entry.row;
  entry.otherVersions ??= new Map();
  let row = entry.otherVersions.get(minorVersion);
  if (row === undefined) entry.otherVersions.set(minorVersion, (row = emptyRow()));
  return row;
}

function newResults(annotations: object, minorVersion: number): PodResults {
  return { annotations, minorVersion, row: emptyRow(), otherVersions: undefined, otherAnnotations: undefined };
}

function emptyRow(): ControlRow {
  return new Array<readonly PssViolation[] | undefined>(ALL_CONTROLS.length).fill(undefined);
}

/**
 * The violations of the named controls alone, at `version`, whatever the level: a rule about one control runs just
 * that control. A control newer than the version finds nothing, as PSA would not run it. Throws on a malformed version.
 */
export function checkControls(pod: PodInput, controls: readonly PssControlId[], version: PssVersion = 'latest'): PssViolation[] {
  const minorVersion = policyMinor(version);
  const violations: PssViolation[] = [];
  for (const id of controls) {
    const control = CONTROL_REGISTRY[id];
    if (MIN_MINOR[CONTROL_SLOT.get(control) as number] <= minorVersion) appendAll(violations, runControl(control, pod, minorVersion));
  }
  return violations;
}

/** The first policy minor of each control, by slot: read per pod and control, so parsed once. */
const MIN_MINOR: readonly number[] = ALL_CONTROLS.map((control) => minorOfMinVersion(control.minVersion));

/** A rule asks for one or two controls per pod, 16,000 pods: loops rather than map/filter/flatMap's three lists. */
function appendAll(target: PssViolation[], items: readonly PssViolation[]): void {
  for (let index = 0; index < items.length; index++) target.push(items[index]);
}

/**
 * The strictest level the pod satisfies. Restricted is tried first on its own, not as "baseline and more":
 * PSA's overrides mean a pod can pass restricted while failing an overridden baseline check (e.g. a Windows pod).
 */
export function podSecurityLevel(pod: PodInput, version: PssVersion = 'latest'): PssLevel {
  if (admits(pod, 'restricted', version)) return 'restricted';
  if (admits(pod, 'baseline', version)) return 'baseline';
  return 'privileged';
}

/** Whether PSA admits the pod at `level`: checkPod(…).length === 0, stopping at the first control that refuses it. */
export function admits(pod: PodInput, level: 'baseline' | 'restricted', version: PssVersion = 'latest'): boolean {
  const minorVersion = policyMinor(version);
  for (const control of activeControls(level, minorVersion)) if (runControl(control, pod, minorVersion).length > 0) return false;
  return true;
}
