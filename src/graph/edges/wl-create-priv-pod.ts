import { namespacePsa } from '../../admission/psa-labels.js';
import { podSecurityAdmission } from '../../boundaries/api-server.js';
import { checkPod, pssVersionOnCluster, type PodInput } from '../../admission/pss/index.js';
import type { Evidence } from '../types.js';
import { defineEdge } from '../define-edge.js';
import { objectEvidence } from '../context.js';
import { everyNodeNode, namespaceNode } from '../nodes.js';

/** The pod an attacker would write: privileged, in the node's PID namespace, with the node's filesystem mounted. */
const PRIVILEGED_POD: PodInput = {
  metadata: { annotations: {}, labels: {} },
  spec: {
    hostPID: true,
    volumes: [{ name: 'host', hostPath: { path: '/' } }],
    containers: [{ name: 'shell', image: 'busybox', securityContext: { privileged: true }, volumeMounts: [{ name: 'host', mountPath: '/host' }] }],
  },
};

const technique = defineEdge({
  id: 'WL-CREATE-PRIV-POD',
  title: 'Create a privileged pod on a node of choice',
  attack: ['T1610', 'T1611'],
  microsoft: ['MS-TA9018 Privileged container', 'MS-TA9008 New container'],
  difficulty: 'easy',
  description:
    "Whoever may run pods in a namespace may run a privileged hostPID pod with the node's filesystem mounted, and pin it to any node with spec.nodeName (control-plane nodes included), unless admission refuses it. Only Pod Security Admission is evaluated: the namespace's enforce level at its pinned version judges the pod; a namespace without the label gets the cluster default, privileged unless an AdmissionConfiguration says otherwise, and no label counts when the kube-apiserver static pod disables PodSecurity or the cluster predates it (before v1.23). Policy engines (Kyverno, Gatekeeper) are not evaluated.",
  build(context) {
    const everyNode = everyNodeNode(context.graph);
    const undeclared: string[] = [];
    // One answer per level and version, whatever the number of namespaces.
    const admitted = new Map<string, boolean>();
    // An API server without PodSecurity (disabled, or before v1.23) enforces no namespace's labels.
    const admission = podSecurityAdmission(context.estate, context.input.options.kubernetesVersion);
    for (const namespace of context.namespaces()) {
      const info = context.estate.namespaces.get(namespace);
      const enforce = admission.enforced ? namespacePsa(info?.labels ?? {}).modes.enforce : undefined;
      const evidence: Evidence[] = [];
      if (enforce && enforce.level !== 'privileged') {
        // Ask the PSA evaluator itself, at the pinned version, rather than assume what the level forbids.
        const version = pssVersionOnCluster(enforce.version, context.input.options.kubernetesVersion);
        const key = `${enforce.level}@${version}`;
        if (!admitted.has(key)) admitted.set(key, checkPod(PRIVILEGED_POD, enforce.level, version).length === 0);
        if (!admitted.get(key)) continue;
      }
      if (!admission.enforced && admission.at !== undefined) {
        evidence.push(objectEvidence(admission.at.object, admission.at.path, `${admission.why}: no namespace label is enforced`));
      } else if (!admission.enforced && info?.object) {
        evidence.push(objectEvidence(info.object, ['metadata', 'labels'], `${admission.why}: no namespace label is enforced`));
      } else if (info?.object) {
        evidence.push(
          enforce
            ? objectEvidence(info.object, ['metadata', 'labels', enforce.levelLabel], `Pod Security Admission enforces ${enforce.level}`)
            : objectEvidence(info.object, ['metadata', 'labels'], 'no pod-security.kubernetes.io/enforce label: the cluster default (privileged) applies'),
        );
      } else undeclared.push(namespace);
      context.edge(namespaceNode(context.graph, namespace), everyNode, technique, evidence);
    }
    if (undeclared.length > 0) {
      const named = undeclared.length > 5 ? `${undeclared.slice(0, 5).join(', ')} and ${undeclared.length - 5} more` : undeclared.join(', ');
      context.note(`Namespaces without a Namespace object in the input (${named}) are taken to admit privileged pods, the Pod Security Admission default.`);
    }
  },
});

export default technique;
