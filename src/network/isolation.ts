/**
 * The isolation of pod classes (isolationOf), one answer shared by the classes isolated alike: the same policies for
 * each direction, the same host networking and no Cilium policy. The pods of a namespace mostly are (its default
 * deny isolates them all): an answer and two lists of origins per class were 2 MB at 50,000 pods. Answers are read,
 * never changed.
 */
import type { CompiledPolicies } from './compiled-policies.js';
import type { Isolation } from './index.js';
import type { PodClass } from './pod-classes.js';
import type { Direction, PolicyOrigin } from './policy.js';

const NO_ORIGINS: readonly PolicyOrigin[] = [];

export class SharedIsolations {
  /** The origins of the policies of a list of policy indexes, by the list written out. */
  private readonly origins = new Map<string, readonly PolicyOrigin[]>();
  /** By ingress origins, then egress origins (the shared lists themselves), for classes without host networking. */
  private readonly answers = new Map<readonly PolicyOrigin[], Map<readonly PolicyOrigin[], Isolation>>();
  private hostNetwork: Isolation | undefined;

  constructor(private readonly compiled: CompiledPolicies) {}

  of(podClass: PodClass, cilium: readonly PolicyOrigin[]): Isolation {
    const ingress = this.originsIsolating(podClass, 'ingress');
    const egress = this.originsIsolating(podClass, 'egress');
    if (cilium.length > 0) return { ingress, egress, hostNetwork: podClass.hostNetwork, cilium };
    // hostNetwork classes are never isolated: both lists are empty.
    if (podClass.hostNetwork) return (this.hostNetwork ??= { ingress, egress, hostNetwork: true, cilium: NO_ORIGINS });
    let byEgress = this.answers.get(ingress);
    if (byEgress === undefined) this.answers.set(ingress, (byEgress = new Map()));
    let isolation = byEgress.get(egress);
    if (isolation === undefined) byEgress.set(egress, (isolation = { ingress, egress, hostNetwork: false, cilium: NO_ORIGINS }));
    return isolation;
  }

  private originsIsolating(podClass: PodClass, direction: Direction): readonly PolicyOrigin[] {
    const policyIndexes = this.compiled.isolating[direction][podClass.id];
    if (podClass.hostNetwork || policyIndexes.length === 0) return NO_ORIGINS;
    const key = policyIndexes.length === 1 ? String(policyIndexes[0]) : policyIndexes.join(',');
    let origins = this.origins.get(key);
    if (origins === undefined) this.origins.set(key, (origins = policyIndexes.map((policyIndex) => this.compiled.policies[policyIndex].policy.origin)));
    return origins;
  }
}
