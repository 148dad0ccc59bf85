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
const activeCache = new Map<string, PssControl[]>();

/** Memoised: every workload of an estate is checked against the same few (level, version) pairs. */
function activeControls(level: PssLevel, minorVersion: number): PssControl[] {
  const key = `${level}@${minorVersion}`;
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
  return activeControls(level, minorVersion).flatMap((control) => runControl(control, pod, minorVersion));
}

/** pod spec → pod annotations → control → policy minor version → violations. */
const results = new WeakMap<object, WeakMap<object, Map<PssControl, Map<number, readonly PssViolation[]>>>>();

/**
 * One control on one pod at one version, computed once: the level of every workload, the enforce check and a dozen
 * rules each ask for the same controls. A pod is its spec and annotations objects, which nothing mutates once read.
 */
function runControl(control: PssControl, pod: PodInput, minorVersion: number): readonly PssViolation[] {
  let byAnnotations = results.get(pod.spec);
  if (byAnnotations === undefined) results.set(pod.spec, (byAnnotations = new WeakMap()));
  let byControl = byAnnotations.get(pod.metadata.annotations);
  if (byControl === undefined) byAnnotations.set(pod.metadata.annotations, (byControl = new Map()));
  let byVersion = byControl.get(control);
  if (byVersion === undefined) byControl.set(control, (byVersion = new Map()));
  let violations = byVersion.get(minorVersion);
  if (violations === undefined) byVersion.set(minorVersion, (violations = control.check(pod, { minorVersion })));
  return violations;
}

/**
 * The violations of the named controls alone, at `version`, whatever the level: a rule about one control runs just
 * that control. A control newer than the version finds nothing, as PSA would not run it. Throws on a malformed version.
 */
export function checkControls(pod: PodInput, controls: readonly PssControlId[], version: PssVersion = 'latest'): PssViolation[] {
  const minorVersion = policyMinor(version);
  return controls
    .map((id) => CONTROL_REGISTRY[id])
    .filter((control) => minorOfMinVersion(control.minVersion) <= minorVersion)
    .flatMap((control) => runControl(control, pod, minorVersion));
}

/**
 * The strictest level the pod satisfies. Restricted is tried first on its own, not as "baseline and more":
 * PSA's overrides mean a pod can pass restricted while failing an overridden baseline check (e.g. a Windows pod).
 */
export function podSecurityLevel(pod: PodInput, version: PssVersion = 'latest'): PssLevel {
  if (checkPod(pod, 'restricted', version).length === 0) return 'restricted';
  if (checkPod(pod, 'baseline', version).length === 0) return 'baseline';
  return 'privileged';
}
