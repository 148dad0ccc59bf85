import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const pod = `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers: [{ name: app, image: "registry.example/app:1.0.0" }]
`;
const groupBinding = (kind: string, name: string, group: string, role: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: ${name}${kind === 'RoleBinding' ? ', namespace: shop' : ''} }
subjects: [{ kind: Group, name: "${group}", apiGroup: rbac.authorization.k8s.io }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
`;

describe('service-account-token-with-rbac', () => {
  it('ignores what every identity has from the bootstrap policy (discovery, self reviews)', () => {
    expect(findingsOf('service-account-token-with-rbac', pod)).toEqual([]);
  });

  it('counts grants the input gives through groups the account is in', () => {
    const text = [pod, groupBinding('ClusterRoleBinding', 'all-accounts-view', 'system:serviceaccounts', 'view')].join('---\n');
    expect(findingsOf('service-account-token-with-rbac', text).map((finding) => [finding.severity, finding.message])).toEqual([
      ['low', 'Pod shop/app mounts the token of service account shop/default, which has read-only permissions (ClusterRoleBinding all-accounts-view → ClusterRole view (Kubernetes default policy)).'],
    ]);
    const namespaceGroup = [pod, groupBinding('RoleBinding', 'shop-accounts-edit', 'system:serviceaccounts:shop', 'edit')].join('---\n');
    expect(findingsOf('service-account-token-with-rbac', namespaceGroup).map((finding) => finding.severity)).toEqual(['high']);
  });

  it('is critical for an account that can take over the cluster', () => {
    const text = [pod, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: default-admin }\nsubjects: [{ kind: ServiceAccount, name: default, namespace: shop }]\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n'].join('---\n');
    const [finding] = findingsOf('service-account-token-with-rbac', text);
    expect([finding.severity, finding.path, finding.related.map((ref) => `${ref.kind}/${ref.name}`)]).toEqual(['critical', 'spec.automountServiceAccountToken', ['ClusterRole/cluster-admin', 'ClusterRoleBinding/default-admin']]);
  });
});
