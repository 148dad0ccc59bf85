/** Evidence for a connection the NetworkPolicy engine allows: the rules that admit it, or the absence of isolation. */
import type { ReachabilityEdge, RuleRef } from '../network/index.js';
import type { PodClass } from '../network/index.js';
import type { Workload } from '../model/workload.js';
import type { BuildContext } from './context.js';
import type { Evidence } from './types.js';

function ruleEvidence(rule: RuleRef, side: string): Evidence {
  return { object: rule.policy.ref, location: rule.policy.location, fieldPath: rule.path, detail: `${side}: rule ${rule.direction}[${rule.ruleIndex}] of NetworkPolicy ${rule.policy.ref.namespace}/${rule.policy.ref.name} allows it` };
}

/** Evidence at the source (egress) or destination (ingress) end of an allowed connection. */
export function connectionEvidence(edge: ReachabilityEdge, end: 'egress' | 'ingress', workload: Workload): Evidence {
  const rule = end === 'egress' ? edge.egressRules[0] : edge.ingressRules[0];
  if (rule) return ruleEvidence(rule, end);
  const what = end === 'egress' ? 'sends anywhere: no NetworkPolicy isolates its egress' : 'accepts any source: no NetworkPolicy isolates its ingress';
  return { object: workload.ref, source: workload.object.source, fieldPath: workload.templatePath, detail: `${workload.kind} ${workload.namespace}/${workload.name} ${what}` };
}

/** The analysed workloads a set of pod classes stands for. */
export function workloadsOfClasses(context: BuildContext, classes: readonly PodClass[], ids: readonly number[]): Workload[] {
  const out: Workload[] = [];
  for (const id of ids) {
    for (const group of classes[id]?.groups ?? []) {
      const workload = context.workloadOf(group.owner);
      if (workload) out.push(workload);
    }
  }
  return out;
}
