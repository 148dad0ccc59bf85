import { grantEvidence } from '../context.js';
import { clusterAdminNode, everySecretNode } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder } from '../permissions.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'ADM-WEBHOOK-CONTROL',
  title: 'Control admission webhooks',
  attack: ['T1546'],
  microsoft: ['MS-TA9015 Malicious admission controller'],
  difficulty: 'moderate',
  description:
    'Whoever writes a MutatingWebhookConfiguration receives every admitted object and may change it: privileged sidecars in every new pod, any service account, any volume. A ValidatingWebhookConfiguration still receives every object it asks for, Secrets included.',
  build(context) {
    forEachHolder(context, 'write-mutating-webhooks', (identity, scope, held) => {
      if (scope === CLUSTER_SCOPE) context.edge(identity.node, clusterAdminNode(context.graph), technique, grantEvidence(held.grants[0], 'write mutatingwebhookconfigurations'));
    });
    forEachHolder(context, 'write-validating-webhooks', (identity, scope, held) => {
      if (scope === CLUSTER_SCOPE) context.edge(identity.node, everySecretNode(context.graph), technique, grantEvidence(held.grants[0], 'write validatingwebhookconfigurations'), 'hard');
    });
  },
});

export default technique;
