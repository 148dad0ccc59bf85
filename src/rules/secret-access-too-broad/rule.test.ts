import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const secret = (name: string): string => `apiVersion: v1
kind: Secret
metadata: { name: ${name}, namespace: shop }
type: Opaque
`;

describe('secret-access-too-broad', () => {
  it('does not count the platform: the bootstrap controllers and system:masters read every Secret', () => {
    expect(findingsOf('secret-access-too-broad', secret('lonely'))).toEqual([]);
  });

  it('counts the image pull Secrets a ServiceAccount hands its pods as used by them', () => {
    const text = [
      secret('registry'),
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: api, namespace: shop }\nimagePullSecrets: [{ name: registry }]\n',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: api, namespace: shop }\nspec:\n  serviceAccountName: api\n  containers: [{ name: api, image: "registry.example/api:1.0.0" }]\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: api-reads, namespace: shop }\nsubjects: [{ kind: ServiceAccount, name: api }]\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader }\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: secret-reader }\nrules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]\n',
    ].join('---\n');
    expect(findingsOf('secret-access-too-broad', text)).toEqual([]);
  });

  it('names who else can read, how, and is low when only people can', () => {
    const text = [
      secret('tls'),
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: alice-edits, namespace: shop }\nsubjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }\n',
    ].join('---\n');
    const findings = findingsOf('secret-access-too-broad', text);
    expect(findings.map((finding) => [finding.severity, finding.message, finding.related.map((ref) => ref.name)])).toEqual([
      ['low', 'Secret shop/tls is used by no workload in the input, yet user:alice (reads it, may mount it in a pod) can read it.', ['alice-edits']],
    ]);
  });

  it('asks each Secret by its name where a rule is limited to names, and leaves out only its own users\' accounts', () => {
    const text = [
      secret('db'),
      secret('cache'),
      secret('tls'),
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: db-reader, namespace: shop }\nrules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }]\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: ci-reads-db, namespace: shop }\nsubjects: [{ kind: ServiceAccount, name: ci }]\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: db-reader }\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: api-edits, namespace: shop }\nsubjects: [{ kind: ServiceAccount, name: api }]\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }\n',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: api, namespace: shop }\nspec:\n  serviceAccountName: api\n  containers: [{ name: api, image: "registry.example/api:1.0.0", env: [{ name: PASSWORD, valueFrom: { secretKeyRef: { name: cache, key: password } } }] }]\n',
    ].join('---\n');
    const messages = findingsOf('secret-access-too-broad', text).map((finding) => finding.message);
    expect(messages).toEqual([
      'Secret shop/db is used by no workload in the input, yet system:serviceaccount:shop:api (reads it, may mount it in a pod), system:serviceaccount:shop:ci (reads it) can read it.',
      'Secret shop/tls is used by no workload in the input, yet system:serviceaccount:shop:api (reads it, may mount it in a pod) can read it.',
    ]);
  });
});
