/**
 * What every RBAC permission rule shares, shown on rbac-secrets-read and rbac-pod-exec: severity by scope and
 * subject, resourceNames, roles nothing binds, what the finding points at, the platform's own RBAC, and clusters
 * kept apart.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import { findingsOf, analyzeText, TEST_NOW } from '../testing/scan-text.js';

const role = (kind: 'Role' | 'ClusterRole', name: string, rules: string, namespace = 'shop', extra = ''): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
${kind === 'Role' ? `  namespace: ${namespace}\n` : ''}${extra}rules:
${rules}
`;
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleKind: string, roleName: string, subject: string, namespace = 'shop', extra = ''): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
${kind === 'RoleBinding' ? `  namespace: ${namespace}\n` : ''}${extra}subjects:
  - ${subject}
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${roleName} }
`;
const READ_SECRETS = '  - { apiGroups: [""], resources: ["secrets"], verbs: ["get"] }';
const ALICE = '{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }';

describe('RBAC permission rules', () => {
  it('scale severity with scope: cluster-wide and kube-system above a namespace; broad groups up; names only down', () => {
    const text = [
      role('ClusterRole', 'reader', READ_SECRETS),
      binding('ClusterRoleBinding', 'cluster', 'ClusterRole', 'reader', ALICE),
      binding('RoleBinding', 'in-kube-system', 'ClusterRole', 'reader', ALICE, 'kube-system'),
      binding('RoleBinding', 'in-shop', 'ClusterRole', 'reader', ALICE),
      binding('RoleBinding', 'everyone-in-shop', 'ClusterRole', 'reader', '{ kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io }'),
      role('Role', 'one-secret', '  - { apiGroups: [""], resources: ["secrets"], resourceNames: ["tls"], verbs: ["get"] }'),
      binding('RoleBinding', 'named-only', 'Role', 'one-secret', ALICE),
    ].join('---\n');
    const severities = Object.fromEntries(findingsOf('rbac-secrets-read', text).map((finding) => [finding.object.name, finding.severity]));
    expect(severities).toEqual({ cluster: 'critical', 'in-kube-system': 'critical', 'in-shop': 'high', 'everyone-in-shop': 'critical', 'named-only': 'medium' });
  });

  it('point at the binding\'s roleRef and name the role and the role an aggregated rule came from', () => {
    const text = [
      role('ClusterRole', 'aggregated', '  []', 'shop', 'aggregationRule:\n  clusterRoleSelectors: [{ matchLabels: { team: shop } }]\n'),
      role('ClusterRole', 'piece', READ_SECRETS, 'shop', '  labels: { team: shop }\n'),
      binding('RoleBinding', 'uses-aggregate', 'ClusterRole', 'aggregated', ALICE),
    ].join('---\n');
    const findings = findingsOf('rbac-secrets-read', text);
    expect(findings).toHaveLength(1); // the gathered role is bound through the aggregate: no unbound-role finding
    const [finding] = findings;
    expect(finding.object).toMatchObject({ kind: 'RoleBinding', name: 'uses-aggregate' });
    expect(finding.path).toBe('roleRef.name');
    expect(finding.location.line).toBe(text.split('\n').findIndex((line) => line.startsWith('roleRef:', 0) && line.includes('aggregated')) + 1);
    expect(finding.related.map((ref) => `${ref.kind}/${ref.name}`)).toEqual(['ClusterRole/aggregated', 'ClusterRole/piece']);
    expect(finding.message).toBe('RoleBinding shop/uses-aggregate lets user:alice read Secrets in namespace shop (get secrets) through ClusterRole aggregated.');
  });

  it('report a role nothing binds on its rule, two steps lower, and stay quiet once something binds it', () => {
    const unbound = role('Role', 'lonely', `  - { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }\n${READ_SECRETS}`);
    const [finding] = findingsOf('rbac-secrets-read', unbound);
    expect([finding.object.name, finding.path, finding.severity]).toEqual(['lonely', 'rules[1]', 'low']);
    expect(findingsOf('rbac-secrets-read', [unbound, binding('RoleBinding', 'now-bound', 'Role', 'lonely', ALICE)].join('---\n')).map((entry) => entry.object.name)).toEqual(['now-bound']);
  });

  it('a binding with no subjects grants nothing and does not count as binding its role', () => {
    const text = [role('Role', 'reader', READ_SECRETS), 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: empty, namespace: shop }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }\n'].join('---\n');
    expect(findingsOf('rbac-secrets-read', text).map((finding) => `${finding.object.kind}/${finding.object.name}`)).toEqual(['Role/reader']);
  });

  it('leave everything-on-everything to rbac-cluster-admin-binding', () => {
    const text = binding('ClusterRoleBinding', 'root', 'ClusterRole', 'cluster-admin', ALICE);
    expect(findingsOf('rbac-secrets-read', text)).toEqual([]);
    expect(findingsOf('rbac-cluster-admin-binding', text).map((finding) => finding.severity)).toEqual(['critical']);
  });

  it('treat get on pods/exec (WebSocket exec before v1.30) one step lower than create', () => {
    const text = [
      role('Role', 'create-exec', '  - { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }'),
      binding('RoleBinding', 'create', 'Role', 'create-exec', ALICE),
      role('Role', 'get-exec', '  - { apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }'),
      binding('RoleBinding', 'get', 'Role', 'get-exec', ALICE),
    ].join('---\n');
    expect(Object.fromEntries(findingsOf('rbac-pod-exec', text).map((finding) => [finding.object.name, finding.severity]))).toEqual({ create: 'high', get: 'medium' });
  });

  it('group the bootstrap policy and platform bindings apart, and show them on request', () => {
    const text = [
      binding('ClusterRoleBinding', 'system:controller:secret-reader', 'ClusterRole', 'reader', '{ kind: ServiceAccount, name: some-controller, namespace: kube-system }'),
      role('ClusterRole', 'reader', READ_SECRETS, 'shop', '  labels: { kubernetes.io/bootstrapping: rbac-defaults }\n'),
      binding('ClusterRoleBinding', 'cilium', 'ClusterRole', 'reader', '{ kind: ServiceAccount, name: cilium, namespace: kube-system }'),
      binding('ClusterRoleBinding', 'system:everyone', 'ClusterRole', 'reader', '{ kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io }'),
    ].join('---\n');
    const hidden = analyzeText(text, { onlyRules: ['rbac-secrets-read'] });
    expect(hidden.findings.map((finding) => finding.object.name)).toEqual(['system:everyone']);
    expect(hidden.platform.hidden).toBe(2);
    const shown = analyzeText(text, { onlyRules: ['rbac-secrets-read'], includePlatform: true });
    expect(shown.findings.filter((finding) => finding.platform).map((finding) => finding.object.name).sort()).toEqual(['cilium', 'system:controller:secret-reader']);
  });

  it('never report the default policy the engine adds (it is not in the input), only judge bindings against it', () => {
    expect(analyzeText('apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n', { includePlatform: true }).findings.filter((finding) => finding.ruleId.startsWith('rbac-'))).toEqual([]);
  });

  it('keep clusters apart: a binding of one cluster grants nothing in another', () => {
    const a = parseManifestText(role('Role', 'reader', READ_SECRETS), 'a.yaml', { cluster: 'a' }).objects;
    const b = parseManifestText(binding('RoleBinding', 'dangling-here', 'Role', 'reader', ALICE), 'b.yaml', { cluster: 'b' }).objects;
    const model = analyze({ objects: [...a, ...b], now: TEST_NOW, toolVersion: 'test', options: { onlyRules: ['rbac-secrets-read'] } });
    // Cluster a: the role is bound by nothing there. Cluster b: the binding points at a role b does not have.
    expect(model.findings.map((finding) => `${finding.object.kind}/${finding.object.name}`)).toEqual(['Role/reader']);
  });
});
