/**
 * The node boundary from manifests: which nodes each workload can land on, as far as its scheduling constraints say.
 * Without Node objects, a pool is named by the constraints (nodeSelector, required node affinity, tolerations).
 */
import { asArray, asRecord, asString, asStringMap, getPath, isRecord } from '../model/json.js';
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

  const selectsControlPlane =
    CONTROL_PLANE_KEYS.some((key) => key in selector) || termTexts.some((text) => CONTROL_PLANE_KEYS.some((key) => text.startsWith(`${key} `) && !text.includes('DoesNotExist') && !text.includes('NotIn')));
  const controlPlane = selectsControlPlane || toleratesControlPlane(workload);
  let pool = constraints.length > 0 ? `nodes with ${constraints.join(', ')}` : 'any node';
  if (controlPlane) pool = constraints.length > 0 ? `${pool} (control-plane nodes included)` : 'any node, control-plane nodes included';
  return { pool, controlPlane, everyNode: workload.kind === 'DaemonSet' };
}

function toleratesControlPlane(workload: Workload): boolean {
  return asArray(workload.spec.tolerations).some((entry) => {
    const toleration = asRecord(entry);
    if (!toleration) return false;
    const key = asString(toleration.key);
    const operator = asString(toleration.operator) ?? 'Equal';
    const effect = asString(toleration.effect);
    if (effect !== undefined && effect !== '' && effect !== 'NoSchedule') return false;
    if (key === undefined || key === '') return operator === 'Exists'; // tolerates every taint
    return CONTROL_PLANE_KEYS.includes(key);
  });
}
