import { asRecord, asString } from '../../model/json.js';
import type { Estate } from '../../model/estate.js';
import { networkOfEstate } from '../../network/estate-network.js';
import { CLOUD_METADATA_IP, type Decision, type PolicyOrigin } from '../../network/index.js';
import { defineRule } from '../define-rule.js';
import { workloadLabel, listNames } from '../helpers.js';
import { networkedWorkloads, policyLabel, policyObject, unevaluatedPoliciesFor } from '../network-helpers.js';
import { NETWORK_POLICY_RESOURCES } from '../absence.js';
import type { FieldPath } from '../../model/object.js';

const METADATA_PORT = { port: 80, protocol: 'TCP' } as const;

const CLOUD_PROVIDER_IDS = /^(aws|gce|azure|oci|alicloud|ibm|digitalocean|openstack|huaweicloud):/;

/** Node objects that all say they are not cloud instances (bare metal, kind): no metadata endpoint to reach. */
function notInCloud(estate: Estate): boolean {
  const nodes = estate.byKind.get('Node') ?? [];
  return nodes.length > 0 && !nodes.some((node) => CLOUD_PROVIDER_IDS.test(asString(asRecord(node.raw.spec)?.providerID) ?? ''));
}

function why(decisions: readonly Decision[]): { text: string; policies: PolicyOrigin[] } {
  const allowing = decisions.filter((decision) => decision.direction === 'egress' && decision.kind === 'rule-allows' && decision.policy !== undefined);
  if (allowing.length === 0) return { text: 'no NetworkPolicy isolates its egress', policies: [] };
  const policies = [...new Map(allowing.map((decision) => [decision.policy!, decision.policy!])).values()];
  return { text: `${listNames(allowing.map((decision) => `spec.egress[${decision.ruleIndex ?? 0}] of ${policyLabel(decision.policy!)}`), 3)} allows it`, policies };
}

/**
 * hostNetwork pods are reported too, with their own message: they reach the endpoint from the node's address, no
 * NetworkPolicy can stop them, and the measure is on the node (IMDS hop limit, metadata concealment) or removing
 * hostNetwork. The host-network rule says the pod shares the node's network; this one says what that costs in a cloud.
 */
export default defineRule({
  id: 'metadata-endpoint-reachable',
  title: 'Pods can reach the cloud metadata endpoint',
  boundary: 'node',
  stride: ['information-disclosure', 'elevation-of-privilege'],
  severity: 'medium',
  absenceOf: NETWORK_POLICY_RESOURCES,
  absenceWithinNamespace: true,
  references: {
    attack: ['T1552.005'],
    microsoft: ['Instance Metadata API', 'Access cloud resources'],
    peers: ['kubescape:C-0052'],
  },
  rationale:
    "In a cloud, 169.254.169.254 hands out the node's instance credentials (the node's IAM role, managed identity or GCE service account) and bootstrap data to whoever asks from the node's network. A compromised pod that can reach it leaves the cluster for the cloud account: container registries, storage buckets, and often the right to join nodes. Cloud-side limits (IMDSv2 with a hop limit of 1, GKE metadata concealment) are not visible in the manifests.",
  remediation:
    'Isolate the pods for egress and allow only what they need; where a rule allows broad address ranges, use an ipBlock with except: [169.254.169.254/32]. Also use per-pod cloud identities (IRSA, Workload Identity) and set the IMDSv2 hop limit to 1.',
  messages: {
    open: '{{workload}} can reach the cloud metadata endpoint {{ip}}: {{why}}.',
    hostNetwork: '{{workload}} uses the node network (hostNetwork: true): it reaches the cloud metadata endpoint {{ip}} with the node\'s address, and no NetworkPolicy can block it.',
  },
  check({ estate, report }) {
    if (notInCloud(estate)) return;
    const network = networkOfEstate(estate);
    // Toward an address only the source's egress policies decide (and no pod peer): the classes isolated by the same
    // policies, or by none, get one answer, and so do their workloads. Asked once per policy set, not per workload.
    const policyNumbers = new Map(network.policies.map((policy, index) => [policy.origin, index]));
    const verdicts = new Map<string, { allowed: boolean; reason: { text: string; policies: PolicyOrigin[] } }>();
    // Paths under each template or spec path (shared by a kind's workloads), made once for the run, not per finding.
    const hostNetworkPaths = new Map<FieldPath, FieldPath>();
    const labelsPaths = new Map<FieldPath, FieldPath>();
    for (const { workload, group } of networkedWorkloads(estate)) {
      if (group.hostNetwork) {
        report({ messageId: 'hostNetwork', data: { workload: workloadLabel(workload), ip: CLOUD_METADATA_IP }, object: workload.object, path: pathUnder(hostNetworkPaths, workload.specPath, 'hostNetwork') });
        continue;
      }
      // Policies the engine does not evaluate (Cilium, Calico, AdminNetworkPolicy) may block it: not known.
      const isolation = network.isolationOf(group);
      if (isolation.cilium.length > 0 || unevaluatedPoliciesFor(network, workload.namespace).length > 0) continue;
      // Every cloud's instance metadata service answers plain HTTP on port 80: egress on other ports does not reach it.
      const policies = isolation.egress.map((origin) => policyNumbers.get(origin)).join();
      let verdict = verdicts.get(policies);
      if (verdict === undefined) {
        const answer = network.canReach(group, { kind: 'ip', ip: CLOUD_METADATA_IP }, METADATA_PORT);
        verdicts.set(policies, (verdict = { allowed: answer.allowed, reason: why(answer.reasons) }));
      }
      if (!verdict.allowed) continue;
      const reason = verdict.reason;
      report({
        messageId: 'open',
        data: { workload: workloadLabel(workload), ip: CLOUD_METADATA_IP, why: reason.text },
        object: workload.object,
        path: pathUnder(labelsPaths, workload.templatePath, 'metadata', 'labels'),
        related: reason.policies.map((origin) => policyObject(estate, origin) ?? origin.ref),
      });
    }
  },
});

/** The path of `segments` under `base`, one per base path for the run (map): a kind's workloads share their base path. */
function pathUnder(paths: Map<FieldPath, FieldPath>, base: FieldPath, ...segments: readonly string[]): FieldPath {
  let path = paths.get(base);
  if (path === undefined) paths.set(base, (path = base.concat(segments)));
  return path;
}
