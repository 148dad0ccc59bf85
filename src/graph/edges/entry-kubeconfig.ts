import { asString } from '../../model/json.js';
import { defineEdge } from '../define-edge.js';
import { objectEvidence } from '../context.js';
import { secretId } from '../nodes.js';

const SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
const ACCOUNT_ANNOTATION = 'kubernetes.io/service-account.name';

const technique = defineEdge({
  id: 'ENTRY-KUBECONFIG',
  title: 'Use a long-lived service-account token from a Secret',
  attack: ['T1078', 'T1528'],
  microsoft: ['MS-TA9003 Kubeconfig file', 'MS-TA9016 Container service account'],
  difficulty: 'trivial',
  description:
    'A Secret of type kubernetes.io/service-account-token holds a token of the service account named in its kubernetes.io/service-account.name annotation, filled in by the token controller. It never expires: whoever reads the Secret acts as that service account, from anywhere, until the Secret is deleted.',
  build(context) {
    for (const secret of context.estate.byKind.get('Secret') ?? []) {
      if (asString(secret.raw.type) !== SERVICE_ACCOUNT_TOKEN) continue;
      const account = secret.metadata.annotations[ACCOUNT_ANNOTATION];
      const namespace = secret.metadata.namespace;
      const from = namespace === undefined ? undefined : context.graph.find(secretId(namespace, secret.metadata.name));
      if (!account || namespace === undefined || from === undefined) continue;
      context.edge(from, context.addServiceAccount(namespace, account), technique, [
        objectEvidence(secret, ['metadata', 'annotations', ACCOUNT_ANNOTATION], `a ${SERVICE_ACCOUNT_TOKEN} Secret for service account ${namespace}/${account}`),
      ]);
    }
  },
});

export default technique;
