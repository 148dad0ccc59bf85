/**
 * Pod Security Admission labels: each namespace enforces the strictest level every workload it holds already meets
 * (after the fixes), judged by the exact PSS evaluator and pinned to the newest policy version, so that a cluster
 * upgrade cannot start refusing pods by itself. audit and warn go to the same level: one that is stricter than
 * enforce is a finding of its own (namespace-psa-enforce-below-audit).
 */
import { namespacePsa, PSA_LABEL_PREFIX, type PsaMode } from '../../admission/psa-labels.js';
import { checkPod, comparePssLevels, LATEST_POLICY_MINOR, type PssLevel, type PssVersion } from '../../admission/pss/index.js';
import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import { kubernetesMinorOf } from '../../model/kubernetes-version.js';
import type { Workload } from '../../model/workload.js';
import { podViewsAsRun } from '../../model/admitted-containers.js';
import { workloadLabel, workloadsByNamespace } from '../../rules/helpers.js';
import type { FixEdit } from '../types.js';
import type { Measure, MeasureContext, MeasureResult } from './types.js';

/**
 * The version the labels pin: the cluster's (--kubernetes-version, or the config file's), so that an upgrade does not
 * enforce checks nobody has run the workloads against; the newest policy known when the version is not.
 */
function pinnedVersion(options: MeasureContext['options']): PssVersion {
  const minor = kubernetesMinorOf(options.kubernetesVersion ?? options.defaultKubernetesVersion);
  return `v1.${minor === undefined ? LATEST_POLICY_MINOR : Math.min(minor, LATEST_POLICY_MINOR)}`;
}
const MODES: readonly PsaMode[] = ['enforce', 'audit', 'warn'];

export const podSecurityLabels: Measure = {
  id: 'pod-security-labels',
  title: 'Pod Security Admission labels',
  rules: ['namespace-psa-missing', 'namespace-psa-version-pinned', 'namespace-psa-enforce-below-audit'],
  make: makeLabels,
};

/** The strictest level (at most `cap`) that every workload meets, with the first workload that keeps it lower. */
export function strictestLevel(workloads: readonly Workload[], cap: 'baseline' | 'restricted', pinned: PssVersion): { level: PssLevel; blocker?: Workload } {
  const levels: Array<'restricted' | 'baseline'> = cap === 'restricted' ? ['restricted', 'baseline'] : ['baseline'];
  let blocker: Workload | undefined;
  for (const level of levels) {
    blocker = workloads.find((workload) => podViewsAsRun(workload).some((pod) => checkPod(pod, level, pinned).length > 0));
    if (blocker === undefined) return { level };
  }
  return { level: 'privileged', blocker };
}

function makeLabels({ estate, options, level: cap }: MeasureContext): MeasureResult {
  const result: MeasureResult = { objects: [], changes: [], notes: [] };
  const pinned = pinnedVersion(options);
  const byNamespace = workloadsByNamespace(estate);
  for (const namespace of estate.namespaces.values()) {
    if (SYSTEM_NAMESPACES.has(namespace.name)) continue;
    const workloads = byNamespace.get(namespace.name) ?? [];
    const { level, blocker } = strictestLevel(workloads, cap, pinned);
    if (level === 'privileged') {
      result.notes.push(`namespace ${namespace.name}: no Pod Security label is set, because ${blocker ? workloadLabel(blocker) : 'a workload'} needs the privileged level; fix it (or move it to a namespace of its own) and run kubethreat fix again`);
      continue;
    }
    const labels = namespace.object?.metadata.labels ?? {};
    const wanted = wantedLabels(labels, level, pinned);
    if (Object.keys(wanted).length === 0) continue;
    const why = workloads.length === 0 ? 'it holds no workload in the input' : `all ${workloads.length} of its workloads in the input meet it`;
    const summary = `enforce Pod Security level ${level} (${pinned}) on namespace ${namespace.name}: ${why}`;
    if (namespace.object) {
      const edits: FixEdit[] = Object.entries(wanted).map(([key, value]) => ({ op: 'set', path: ['metadata', 'labels', key], value }));
      result.changes.push({ measure: 'pod-security-labels', object: namespace.object, edits, summary });
    } else {
      result.objects.push({
        measure: 'pod-security-labels',
        manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name, labels: { ...labels, ...wanted } } },
        comments: [
          `Pod Security Admission for namespace ${namespace.name} (not declared in the input): ${level}, because ${why}.`,
          'kubectl apply adds these labels to the existing namespace and changes nothing else.',
        ],
      });
    }
  }
  return result;
}

/**
 * The labels to set: enforce at `level`, pinned; audit and warn raised to it (a stricter one is kept). A label that
 * already says so is left alone. Empty when the namespace already enforces something stricter: lowering it is not a
 * fix, and if its workloads break it, pss-enforce-violation says so.
 */
function wantedLabels(labels: Record<string, string>, level: 'baseline' | 'restricted', pinned: PssVersion): Record<string, string> {
  const current = namespacePsa(labels).modes;
  if (current.enforce && comparePssLevels(current.enforce.level, level) > 0) return {};
  const wanted: Record<string, string> = {};
  for (const mode of MODES) {
    const policy = current[mode];
    const key = `${PSA_LABEL_PREFIX}${mode}`;
    if (mode !== 'enforce' && policy && comparePssLevels(policy.level, level) >= 0) continue;
    if (labels[key] !== level) wanted[key] = level;
    if (labels[`${key}-version`] !== pinned) wanted[`${key}-version`] = pinned;
  }
  return wanted;
}
