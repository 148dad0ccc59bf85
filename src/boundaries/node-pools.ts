/**
 * The node boundary from manifests: which nodes each workload can land on, as far as its scheduling constraints say.
 * Without Node objects, a pool is named by the constraints (nodeSelector, required node affinity, tolerations).
 */
import { asArray, asRecord, asString, asStringMap, getPath, isRecord } from '../model/json.js';
import type { FieldPath } from '../model/object.js';
import type { Workload } from '../model/workload.js';

const CONTROL_PLANE_KEYS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

export interface Placement {
  pool: string;
  /** The pod tolerates the control-plane taint (or every taint) or selects control-plane nodes. */
  controlPlane: boolean;
  /** DaemonSets run one pod on every node they can be scheduled on. */
  everyNode: boolean;
}

export function placementOf(workload: Workload): Placement {
  const constraints: string[] = [];
  const selector = asStringMap(workload.spec.nodeSelector);
  for (const key of Object.keys(selector).sort()) constraints.push(`${key}=${selector[key]}`);
  const terms = asArray(getPath(workload.spec, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']));
  const termTexts = terms.filter(isRecord).map((term) =>
    asArray(term.matchExpressions)
      .filter(isRecord)
      .map((expression) => `${asString(expression.key) ?? '?'} ${asString(expression.operator) ?? '?'} ${asArray(expression.values).map(String).join('|')}`.trim())
      .join(' & '),
  );
  if (termTexts.length > 0) constraints.push(termTexts.length === 1 ? termTexts[0] : `(${termTexts.join(') or (')})`);

  const controlPlane = controlPlaneEvidence(workload).length > 0;
  let pool = constraints.length > 0 ? `nodes with ${constraints.join(', ')}` : 'any node';
  if (controlPlane) pool = constraints.length > 0 ? `${pool} (control-plane nodes included)` : 'any node, control-plane nodes included';
  return { pool, controlPlane, everyNode: workload.kind === 'DaemonSet' };
}

/** One reason a workload can run on control-plane nodes, with the field that says so. */
export interface ControlPlaneEvidence {
  how: 'tolerates-every-taint' | 'tolerates-control-plane' | 'node-selector' | 'node-affinity' | 'node-name';
  /** From the pod spec, e.g. ['tolerations', 0]. */
  path: FieldPath;
  /** The constraint as written, e.g. `node-role.kubernetes.io/control-plane Exists`. */
  detail: string;
}

/**
 * Why the workload can land on a control-plane node: it tolerates the control-plane NoSchedule taint (or every taint),
 * asks for control-plane nodes by nodeSelector or required node affinity (a term is ORed with the others, its
 * expressions ANDed), or names, in spec.nodeName, a node of the input that carries the control-plane label (nodeName
 * bypasses the scheduler, and with it NoSchedule taints).
 */
export function controlPlaneEvidence(workload: Workload, nodes: ReadonlyMap<string, Record<string, string>> = new Map()): ControlPlaneEvidence[] {
  const evidence: ControlPlaneEvidence[] = [];
  asArray(workload.spec.tolerations).forEach((entry, index) => {
    const toleration = asRecord(entry);
    if (!toleration) return;
    const key = asString(toleration.key);
    const operator = asString(toleration.operator) ?? 'Equal';
    const effect = asString(toleration.effect);
    if (effect !== undefined && effect !== '' && effect !== 'NoSchedule') return;
    if (key === undefined || key === '') {
      if (operator === 'Exists') evidence.push({ how: 'tolerates-every-taint', path: ['tolerations', index], detail: 'operator: Exists without a key' });
      return;
    }
    // kubectl's taint notation: key=value:Effect, or key:Effect for Exists.
    const written = `${key}${operator === 'Exists' ? '' : `=${asString(toleration.value) ?? ''}`}${effect ? `:${effect}` : ''}`;
    if (CONTROL_PLANE_KEYS.includes(key)) evidence.push({ how: 'tolerates-control-plane', path: ['tolerations', index], detail: written });
  });
  const selector = asStringMap(workload.spec.nodeSelector);
  for (const key of CONTROL_PLANE_KEYS) if (key in selector) evidence.push({ how: 'node-selector', path: ['nodeSelector', key], detail: `${key}=${selector[key]}` });
  const termsPath = ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'];
  asArray(getPath(workload.spec, termsPath)).forEach((term, termIndex) => {
    asArray(asRecord(term)?.matchExpressions).forEach((entry, index) => {
      const expression = asRecord(entry);
      const key = asString(expression?.key);
      const operator = asString(expression?.operator);
      if (key === undefined || !CONTROL_PLANE_KEYS.includes(key) || (operator !== 'In' && operator !== 'Exists')) return;
      evidence.push({ how: 'node-affinity', path: [...termsPath, termIndex, 'matchExpressions', index], detail: `${key} ${operator}` });
    });
  });
  const nodeName = asString(workload.spec.nodeName);
  const nodeLabels = nodeName === undefined ? undefined : nodes.get(nodeName);
  if (nodeName !== undefined && nodeLabels && CONTROL_PLANE_KEYS.some((key) => key in nodeLabels)) {
    evidence.push({ how: 'node-name', path: ['nodeName'], detail: `nodeName: ${nodeName}` });
  }
  return evidence;
}
