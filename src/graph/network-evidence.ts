/** Evidence for a connection the NetworkPolicy engine allows: the rules that admit it, or the absence of isolation. */
import type { ReachabilityEdge, RuleRef } from '../network/index.js';
import type { PodClass } from '../network/index.js';
import type { Workload } from '../model/workload.js';
import type { BuildContext } from './context.js';
import type { FieldPath, Location, ObjectRef, SourceRef } from '../model/object.js';
import type { Evidence } from './types.js';

/** A NetworkPolicy rule that admits a connection, worded when read (most edges' evidence is never shown). */
class RuleEvidence implements Evidence {
  readonly object: ObjectRef;
  readonly location: Location;
  readonly fieldPath: FieldPath;

  constructor(
    private readonly rule: RuleRef,
    private readonly side: 'egress' | 'ingress',
  ) {
    this.object = rule.policy.ref;
    this.location = rule.policy.location;
    this.fieldPath = rule.path;
  }

  get detail(): string {
    const { rule } = this;
    return `${this.side}: rule ${rule.direction}[${rule.ruleIndex}] of NetworkPolicy ${rule.policy.ref.namespace}/${rule.policy.ref.name} allows it`;
  }
}

/** A workload no NetworkPolicy isolates on one side, worded when read. */
class OpenEvidence implements Evidence {
  readonly object: ObjectRef;
  readonly source: SourceRef;
  readonly fieldPath: FieldPath;

  constructor(
    private readonly workload: Workload,
    private readonly side: 'egress' | 'ingress',
  ) {
    this.object = workload.ref;
    this.source = workload.object.source;
    this.fieldPath = workload.templatePath;
  }

  get detail(): string {
    const { workload } = this;
    const what = this.side === 'egress' ? 'sends anywhere: no NetworkPolicy isolates its egress' : 'accepts any source: no NetworkPolicy isolates its ingress';
    return `${workload.kind} ${workload.namespace}/${workload.name} ${what}`;
  }
}

/**
 * Evidence of a rule, or of a workload no policy isolates, made once per side and shared (never changed): one rule
 * admits thousands of flows, and the edges of one workload cite the same absence of policy.
 */
const ruleEvidenceCache = { egress: new WeakMap<RuleRef, Evidence>(), ingress: new WeakMap<RuleRef, Evidence>() };
const openEvidenceCache = { egress: new WeakMap<Workload, Evidence>(), ingress: new WeakMap<Workload, Evidence>() };

/** Evidence at the source (egress) or destination (ingress) end of an allowed connection. */
export function connectionEvidence(edge: ReachabilityEdge, end: 'egress' | 'ingress', workload: Workload): Evidence {
  const rule = end === 'egress' ? edge.egressRules[0] : edge.ingressRules[0];
  if (rule) return cached(ruleEvidenceCache[end], rule, () => new RuleEvidence(rule, end));
  return cached(openEvidenceCache[end], workload, () => new OpenEvidence(workload, end));
}

function cached<K extends object>(cache: WeakMap<K, Evidence>, key: K, make: () => Evidence): Evidence {
  let evidence = cache.get(key);
  if (evidence === undefined) cache.set(key, (evidence = make()));
  return evidence;
}

/** The analysed workloads a set of pod classes stands for. */
export function workloadsOfClasses(context: BuildContext, classes: readonly PodClass[], ids: readonly number[]): readonly Workload[] {
  if (ids.length === 1) return workloadsOfClass(context, classes, ids[0]);
  const out: Workload[] = [];
  for (let index = 0; index < ids.length; index++) {
    const workloads = workloadsOfClass(context, classes, ids[index]);
    for (let item = 0; item < workloads.length; item++) out.push(workloads[item]);
  }
  return out;
}

/** The workloads of one pod class, found once: the flows of a NetworkPolicy name the same classes again and again. */
const byClass = new WeakMap<BuildContext, WeakMap<readonly PodClass[], Map<number, readonly Workload[]>>>();

function workloadsOfClass(context: BuildContext, classes: readonly PodClass[], id: number): readonly Workload[] {
  let ofClasses = byClass.get(context);
  if (ofClasses === undefined) byClass.set(context, (ofClasses = new WeakMap()));
  let known = ofClasses.get(classes);
  if (known === undefined) ofClasses.set(classes, (known = new Map()));
  let workloads = known.get(id);
  if (workloads === undefined) {
    const found: Workload[] = [];
    for (const group of classes[id]?.groups ?? []) {
      const workload = context.workloadOf(group.owner);
      if (workload) found.push(workload);
    }
    known.set(id, (workloads = found));
  }
  return workloads;
}
