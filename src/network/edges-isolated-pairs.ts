/**
 * Edges between pods isolated on both sides: an egress rule of the source's policy and an ingress rule of the
 * destination's policy must both admit the traffic, on ports both allow. The join visits, for each egress rule,
 * only the ingress policies of the namespaces it can reach, skips pairs whose port envelopes cannot meet, and
 * merges pairs that share the ingress rule, destinations and ports into one edge (sources united), so a policy
 * admitting "every namespace" does not multiply into one edge per egress rule in the cluster.
 */
import { BitSet } from './bitset.js';
import type { CompiledPolicies, CompiledPolicy, CompiledRule } from './compiled-policies.js';
import { classesEnd, edgeOf, ruleRef, type ReachabilityEdge, type RuleRef } from './edge-model.js';
import { rulePorts } from './evaluate-direction.js';
import type { PodClassIndex } from './pod-classes.js';
import { intersectPorts, isEmptyPortSet, portSetKey, type PortSet } from './ports.js';

interface Bucket {
  ingress: RuleRef;
  egress: RuleRef[];
  sources: BitSet;
  ids: readonly number[];
  ports: PortSet;
}

/** Port sets by small ids, with memoised intersections: the join meets the same few port sets over and over. */
class PortSets {
  private readonly ids = new Map<string, number>();
  private readonly byObject = new WeakMap<PortSet, number>();
  readonly sets: PortSet[] = [];
  private readonly meets = new Map<number, number>();

  id(set: PortSet): number {
    let id = this.byObject.get(set);
    if (id !== undefined) return id;
    const key = portSetKey(set);
    id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.ids.set(key, id);
      this.sets.push(set);
    }
    this.byObject.set(set, id);
    return id;
  }

  meet(a: number, b: number): number {
    const key = a * 1_000_003 + b;
    let id = this.meets.get(key);
    if (id === undefined) this.meets.set(key, (id = this.id(intersectPorts(this.sets[a], this.sets[b]))));
    return id;
  }

  isEmpty(id: number): boolean {
    return isEmptyPortSet(this.sets[id]);
  }
}

export function isolatedPairEdges(index: PodClassIndex, compiled: CompiledPolicies): ReachabilityEdge[] {
  const { open, policies } = compiled;
  const portSets = new PortSets();
  const size = index.classes.length;
  const envelopes: number[] = [];
  for (const entry of policies) {
    for (const rule of entry.rules.ingress) envelopes[rule.id] = portSets.id(rule.portEnvelope);
    for (const rule of entry.rules.egress) envelopes[rule.id] = portSets.id(rule.portEnvelope);
  }
  const candidates = candidateIndex(index, policies, envelopes);
  // ingress rule id → ports id → destinations ('' for all the policy selects) → bucket
  const buckets: (Map<number, Map<string, Bucket>> | undefined)[] = [];
  const bucketFor = (target: CompiledPolicy, ingressRule: CompiledRule, portsId: number, ids: readonly number[], whole: boolean): Bucket => {
    let byPorts = buckets[ingressRule.id];
    if (byPorts === undefined) buckets[ingressRule.id] = byPorts = new Map();
    let byTargets = byPorts.get(portsId);
    if (byTargets === undefined) byPorts.set(portsId, (byTargets = new Map()));
    const targetsKey = whole ? '' : ids.join(',');
    let bucket = byTargets.get(targetsKey);
    if (bucket === undefined) {
      bucket = { ingress: ruleRef(target, ingressRule), egress: [], sources: new BitSet(size), ids, ports: portSets.sets[portsId] };
      byTargets.set(targetsKey, bucket);
    }
    return bucket;
  };
  const touched = new WeakMap<BitSet, { namespace: string; whole: boolean }[]>();
  for (const source of policies) {
    if (source.selected.length === 0 || source.rules.egress.length === 0) continue;
    const sourcesMemo: (readonly number[] | undefined)[] = [];
    for (const egressRule of source.rules.egress) {
      const destinations = egressRule.podSources.difference(open.ingress);
      if (destinations.isEmpty()) continue;
      let namespaces = touched.get(egressRule.podSources);
      if (namespaces === undefined) touched.set(egressRule.podSources, (namespaces = namespacesTouched(index, destinations)));
      const egress = ruleRef(source, egressRule);
      const egressEnvelope = envelopes[egressRule.id];
      for (const { namespace, whole } of namespaces)
        for (const [envelope, group] of candidates.get(namespace) ?? []) {
          if (portSets.isEmpty(portSets.meet(egressEnvelope, envelope))) continue;
          for (const { target, rule: ingressRule } of candidatesFrom(group, source.policy.namespace)) {
            let sources = sourcesMemo[ingressRule.id];
            if (sources === undefined) sourcesMemo[ingressRule.id] = sources = within(source.selected, ingressRule.podSources);
            if (sources.length === 0) continue;
            const targets = whole ? target.selected : within(target.selected, destinations);
            if (targets.length === 0) continue;
            for (const { portsId, ids } of jointPorts(index, portSets, egressRule, ingressRule, targets)) {
              const bucket = bucketFor(target, ingressRule, portsId, ids, ids.length === target.selected.length);
              if (bucket.egress[bucket.egress.length - 1] !== egress) bucket.egress.push(egress);
              for (const id of sources) bucket.sources.add(id);
            }
          }
        }
    }
  }
  const edges: ReachabilityEdge[] = [];
  for (const byPorts of buckets) {
    if (byPorts === undefined) continue;
    for (const byTargets of byPorts.values())
      for (const bucket of byTargets.values()) edges.push(edgeOf(classesEnd(bucket.sources.members()), classesEnd(bucket.ids), bucket.ports, [bucket.ingress], bucket.egress));
  }
  return edges;
}

interface Candidate {
  target: CompiledPolicy;
  rule: CompiledRule;
}

/** Ingress rules that admit pods from everywhere, and those that admit only some namespaces' pods. */
interface CandidateGroup {
  everywhere: Candidate[];
  bySourceNamespace: Map<string, Candidate[]>;
}

/**
 * destination namespace → port envelope → candidate ingress rules, split by the source namespaces they admit:
 * an egress rule then visits only rules whose ports can meet its own and that admit its policy's namespace.
 */
function candidateIndex(index: PodClassIndex, policies: readonly CompiledPolicy[], envelopes: readonly number[]): Map<string, Map<number, CandidateGroup>> {
  const out = new Map<string, Map<number, CandidateGroup>>();
  for (const target of policies) {
    if (target.selected.length === 0) continue;
    for (const rule of target.rules.ingress) {
      let byEnvelope = out.get(target.policy.namespace);
      if (byEnvelope === undefined) out.set(target.policy.namespace, (byEnvelope = new Map()));
      let group = byEnvelope.get(envelopes[rule.id]);
      if (group === undefined) byEnvelope.set(envelopes[rule.id], (group = { everywhere: [], bySourceNamespace: new Map() }));
      const admitted = new Set(rule.peers === 'any' ? [] : rule.peers.flatMap((peer) => peer.namespaces ?? []));
      if (rule.peers === 'any' || admitted.size === index.namespaces.size) group.everywhere.push({ target, rule });
      else
        for (const namespace of admitted) {
          const list = group.bySourceNamespace.get(namespace);
          if (list === undefined) group.bySourceNamespace.set(namespace, [{ target, rule }]);
          else list.push({ target, rule });
        }
    }
  }
  return out;
}

function* candidatesFrom(group: CandidateGroup, sourceNamespace: string): Generator<Candidate> {
  yield* group.everywhere;
  yield* group.bySourceNamespace.get(sourceNamespace) ?? [];
}

const within = (ids: readonly number[], set: BitSet): number[] => ids.filter((id) => set.has(id));

/** The namespaces of a set of classes, and whether the set holds every class of each. */
function namespacesTouched(index: PodClassIndex, classes: BitSet): { namespace: string; whole: boolean }[] {
  const touched: { namespace: string; whole: boolean }[] = [];
  let current: { namespace: string; whole: boolean; count: number } | undefined;
  const close = (): void => {
    if (current !== undefined) touched.push({ namespace: current.namespace, whole: current.count === index.namespaceRange(current.namespace).count });
  };
  for (const id of classes.members()) {
    const namespace = index.classes[id].namespace;
    if (current?.namespace === namespace) current.count++;
    else {
      close();
      current = { namespace, whole: false, count: 1 }; // ids are sorted by namespace
    }
  }
  close();
  return touched;
}

/** Destinations grouped by the ports both rules allow them. */
function jointPorts(
  index: PodClassIndex,
  portSets: PortSets,
  egressRule: CompiledRule,
  ingressRule: CompiledRule,
  targets: readonly number[],
): { portsId: number; ids: readonly number[] }[] {
  if (egressRule.fixedPorts !== undefined && ingressRule.fixedPorts !== undefined) {
    const portsId = portSets.meet(portSets.id(egressRule.fixedPorts), portSets.id(ingressRule.fixedPorts));
    return portSets.isEmpty(portsId) ? [] : [{ portsId, ids: targets }];
  }
  const groups = new Map<number, { portsId: number; ids: number[] }>();
  for (const id of targets) {
    const ports = intersectPorts(rulePorts(egressRule, index.classes[id]), rulePorts(ingressRule, index.classes[id]));
    if (isEmptyPortSet(ports)) continue;
    const portsId = portSets.id(ports);
    const group = groups.get(portsId);
    if (group === undefined) groups.set(portsId, { portsId, ids: [id] });
    else group.ids.push(id);
  }
  return [...groups.values()];
}
