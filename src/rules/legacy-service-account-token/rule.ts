import { objectsOfKind } from '../../model/estate.js';
import { asString } from '../../model/json.js';
import { objectRef, type ObjectRef } from '../../model/object.js';
import { rbacOfObject } from '../../rbac/estate-rbac.js';
import { defineRule } from '../define-rule.js';
import { RISK_TITLES, accountPower } from '../rbac-subject-findings.js';

const TOKEN_TYPE = 'kubernetes.io/service-account-token';
const ACCOUNT_ANNOTATION = 'kubernetes.io/service-account.name';

/**
 * A Secret of type kubernetes.io/service-account-token makes the token controller write a token that never expires
 * for the annotated service account. Since v1.24 none are created automatically; each one in the input was asked
 * for. Its power is the account's (grants every identity has excepted).
 */
export default defineRule({
  id: 'legacy-service-account-token',
  title: 'Long-lived service-account token Secret',
  boundary: 'namespace',
  stride: ['spoofing', 'elevation-of-privilege'],
  severity: 'high',
  persistence: true,
  references: {
    attack: ['T1528', 'T1552.007'],
    microsoft: ['Container service account'],
    cis: ['5.1.6'],
    links: ['https://kubernetes.io/docs/concepts/security/service-accounts/#get-a-token'],
  },
  rationale:
    'The token in a kubernetes.io/service-account-token Secret never expires and is not bound to a pod: whoever reads it once (anyone who may get Secrets in the namespace, a backup, a leaked dump) acts as the service account until the Secret is deleted, from anywhere that reaches the API server. It is the textbook way to keep access.',
  remediation:
    'Delete the Secret and let clients get short-lived tokens: projected serviceAccountToken volumes in pods, `kubectl create token` or the TokenRequest API for external tools (with the shortest expiry that works); since v1.29 the legacy-token cleaner can remove unused ones.',
  messages: {
    token: 'Secret {{secret}} holds a token that never expires for service account {{serviceAccount}}, which has {{power}}.',
    tokenNoAccount: 'Secret {{secret}} is of type kubernetes.io/service-account-token but names no service account (annotation kubernetes.io/service-account.name): the API server rejects it.',
  },
  check({ estate, options, report }) {
    for (const secret of objectsOfKind(estate, 'Secret')) {
      if (asString(secret.raw.type) !== TOKEN_TYPE) continue;
      const namespace = secret.metadata.namespace ?? estate.defaultNamespace;
      const label = `${namespace}/${secret.metadata.name}`;
      const accountName = secret.metadata.annotations[ACCOUNT_ANNOTATION];
      if (accountName === undefined || accountName === '') {
        report({ messageId: 'tokenNoAccount', data: { secret: label }, object: secret, path: ['metadata', 'annotations'], severity: 'info' });
        continue;
      }
      // What every authenticated identity has (the bootstrap policy's group bindings) is not the account's own power.
      const { risk } = accountPower(rbacOfObject(estate, secret, options.kubernetesVersion), namespace, accountName);
      const account = estate.serviceAccounts.get(`${namespace}/${accountName}`);
      const related: ObjectRef[] = account ? [objectRef(account)] : [];
      report({
        messageId: 'token',
        data: { secret: label, serviceAccount: `${namespace}/${accountName}`, power: risk === undefined ? 'no permissions beyond what every identity has' : RISK_TITLES[risk] },
        object: secret,
        path: ['type'],
        related,
        // A token of an account that may take over the cluster is the cluster, forever; one with no power of its own
        // still identifies a workload to other systems that trust it.
        severity: risk === 'cluster-takeover' ? 'critical' : risk === undefined || risk === 'read-only' ? 'medium' : 'high',
      });
    }
  },
});
