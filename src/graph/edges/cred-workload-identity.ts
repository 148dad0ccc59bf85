import { defineEdge } from '../define-edge.js';
import { objectEvidence } from '../context.js';
import { workloadCloudIdentityNode } from '../nodes.js';

/** The annotations that bind a service account to a cloud identity, per provider. */
const ANNOTATIONS: ReadonlyArray<readonly [string, string]> = [
  ['eks.amazonaws.com/role-arn', 'AWS IAM role'],
  ['iam.gke.io/gcp-service-account', 'GCP service account'],
  ['azure.workload.identity/client-id', 'Azure managed identity'],
];

const technique = defineEdge({
  id: 'CRED-WORKLOAD-IDENTITY',
  title: "Assume the service account's cloud identity",
  attack: ['T1078.004'],
  microsoft: ['MS-TA9020 Access cloud resources'],
  difficulty: 'trivial',
  description:
    'Workload identity (EKS IRSA, GKE Workload Identity, Azure Workload Identity) trades the service account\'s token for cloud credentials of the identity its annotation names. Whoever holds the service account holds that cloud identity. (Azure also needs the pod label azure.workload.identity/use, which the attacker sets on a pod it creates.)',
  build(context) {
    for (const account of context.estate.byKind.get('ServiceAccount') ?? []) {
      const namespace = account.metadata.namespace;
      if (namespace === undefined) continue;
      // Indexed, without destructuring: ten thousand accounts, in a pass that runs once, mostly unoptimised, where
      // for…of (and [a, b] = pair) allocate an iterator per element.
      for (let index = 0; index < ANNOTATIONS.length; index++) {
        const annotation = ANNOTATIONS[index][0];
        const provider = ANNOTATIONS[index][1];
        const identity = account.metadata.annotations[annotation];
        if (!identity) continue;
        context.edge(context.addServiceAccount(namespace, account.metadata.name), workloadCloudIdentityNode(context.graph, provider, identity), technique, [
          objectEvidence(account, ['metadata', 'annotations', annotation], `${annotation}: ${identity}`),
        ]);
      }
    }
  },
});

export default technique;
