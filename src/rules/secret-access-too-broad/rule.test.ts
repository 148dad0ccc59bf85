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
});
