import { describe, expect, it } from 'vitest';
import { buildRbacIndex } from './rbac-index.js';
import { riskOf, riskOfGrantTryingEveryProbe, riskOfIndexGrant } from './risk.js';
import { parseSubject } from './subject.js';
import { objectsFromYaml } from './test-objects.js';
import type { Risk } from './types.js';
import { seededRandom } from '../testing/seeded-random.js';

/** The risk of the single grant a one-rule role gives user:alice through a binding of the given kind. */
function riskOfRule(rule: string, binding: 'ClusterRoleBinding' | { namespace: string }): Risk {
  const metadata = binding === 'ClusterRoleBinding' ? '{ name: b }' : `{ name: b, namespace: ${binding.namespace} }`;
  const kind = binding === 'ClusterRoleBinding' ? 'ClusterRoleBinding' : 'RoleBinding';
  const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: r }
rules: [${rule}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: ${metadata}
subjects: [{ kind: User, name: alice }]
roleRef: { kind: ClusterRole, name: r, apiGroup: rbac.authorization.k8s.io }
`;
  const grants = buildRbacIndex(objectsFromYaml(yaml), { includeDefaults: false }).grantsFor(parseSubject('user:alice')!);
  expect(grants).toHaveLength(1);
  return riskOf(grants[0]);
}

const cluster = 'ClusterRoleBinding' as const;
const shop = { namespace: 'shop' };
const kubeSystem = { namespace: 'kube-system' };

describe('risk of a grant', () => {
  it('cluster takeover primitives', () => {
    expect(riskOfRule('{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }', cluster)).toBe('cluster-takeover');
    expect(riskOfRule('{ apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind] }', cluster)).toBe('cluster-takeover');
    expect(riskOfRule('{ apiGroups: [""], resources: [users, groups], verbs: [impersonate] }', cluster)).toBe('cluster-takeover');
    expect(riskOfRule('{ apiGroups: [""], resources: [nodes/proxy], verbs: [get] }', cluster)).toBe('cluster-takeover');
    expect(riskOfRule('{ apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: [kubernetes.io/kube-apiserver-client] }', cluster)).toBe('cluster-takeover');
    expect(riskOfRule('{ apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch] }', cluster)).toBe('cluster-takeover');
    expect(riskOfRule('{ apiGroups: [""], resources: [serviceaccounts/token], verbs: [create] }', cluster)).toBe('cluster-takeover');
  });

  it('creating pods is a takeover in kube-system, workload control elsewhere', () => {
    const createPods = '{ apiGroups: [""], resources: [pods], verbs: [create] }';
    expect(riskOfRule(createPods, kubeSystem)).toBe('cluster-takeover');
    expect(riskOfRule(createPods, cluster)).toBe('cluster-takeover');
    expect(riskOfRule(createPods, shop)).toBe('workload-control');
    expect(riskOfRule('{ apiGroups: [apps], resources: [daemonsets], verbs: [patch] }', shop)).toBe('workload-control');
    expect(riskOfRule('{ apiGroups: [""], resources: [pods/exec], verbs: [create] }', shop)).toBe('workload-control');
    expect(riskOfRule('{ apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch] }', shop)).toBe('workload-control');
  });

  it('resourceNames make create inert, but not exec into the named pod', () => {
    expect(riskOfRule('{ apiGroups: [""], resources: [pods], verbs: [create], resourceNames: [web] }', kubeSystem)).toBe('other');
    expect(riskOfRule('{ apiGroups: [""], resources: [pods/exec], verbs: [create], resourceNames: [web] }', shop)).toBe('workload-control');
  });

  it('a wildcard on everything inside one ordinary namespace is not a cluster takeover', () => {
    expect(riskOfRule('{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }', shop)).toBe('secrets');
  });

  it('a cluster-scoped primitive through a RoleBinding is inert, not a takeover', () => {
    expect(riskOfRule('{ apiGroups: [""], resources: [nodes/proxy, pods], verbs: [get] }', shop)).toBe('read-only');
  });

  it('reading Secrets, even one by name', () => {
    expect(riskOfRule('{ apiGroups: [""], resources: [secrets], verbs: [list] }', shop)).toBe('secrets');
    expect(riskOfRule('{ apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [db] }', shop)).toBe('secrets');
    expect(riskOfRule('{ apiGroups: [""], resources: [serviceaccounts/token], verbs: [create] }', shop)).toBe('secrets');
  });

  it('read-only and other', () => {
    expect(riskOfRule('{ apiGroups: [""], resources: [pods, configmaps], verbs: [get, list, watch] }', shop)).toBe('read-only');
    expect(riskOfRule('{ apiGroups: [authorization.k8s.io], resources: [selfsubjectaccessreviews], verbs: [create] }', cluster)).toBe('read-only');
    expect(riskOfRule('{ apiGroups: [""], resources: [configmaps], verbs: [update] }', shop)).toBe('other');
    // pods (not pods/exec) with get only is read-only: the exec subresource is not reached.
    expect(riskOfRule('{ apiGroups: [""], resources: [pods], verbs: [get] }', shop)).toBe('read-only');
  });
});

describe('controllers that make pods', () => {
  it('count where the API server serves them, and not where it no longer does or where nothing runs a pod', () => {
    expect(riskOfRule('{ apiGroups: [apps], resources: [deployments], verbs: [create] }', shop)).toBe('workload-control');
    expect(riskOfRule('{ apiGroups: [batch], resources: [cronjobs], verbs: [patch] }', shop)).toBe('workload-control');
    // The extensions group stopped serving Deployments, ReplicaSets and DaemonSets in v1.16: such a grant allows nothing.
    expect(riskOfRule('{ apiGroups: [extensions], resources: [deployments], verbs: [create] }', shop)).not.toBe('workload-control');
    // A PodTemplate is only data: no controller of the core API makes pods from one.
    expect(riskOfRule('{ apiGroups: [""], resources: [podtemplates], verbs: [create] }', shop)).not.toBe('workload-control');
  });
});

describe('risk of a request', () => {
  it('follows the same classes, scope included', () => {
    expect(riskOf({ verb: 'escalate', resource: 'clusterroles' })).toBe('cluster-takeover');
    expect(riskOf({ verb: 'create', resource: 'pods', namespace: 'kube-system' })).toBe('cluster-takeover');
    expect(riskOf({ verb: 'create', resource: 'pods', namespace: 'shop' })).toBe('workload-control');
    expect(riskOf({ verb: 'create', resource: 'deployments', namespace: 'shop' })).toBe('workload-control');
    expect(riskOf({ verb: 'get', resource: 'secrets', namespace: 'shop' })).toBe('secrets');
    expect(riskOf({ verb: 'get', resource: 'pods', namespace: 'shop' })).toBe('read-only');
    expect(riskOf({ verb: 'get', nonResourceURL: '/metrics' })).toBe('read-only');
    expect(riskOf({ verb: 'delete', resource: 'configmaps', namespace: 'shop' })).toBe('other');
  });
});

describe('risk of a grant, looked up by the resources its rule names', () => {
  const VERBS = ['get', 'list', 'create', 'update', 'patch', 'bind', 'escalate', 'impersonate', 'approve', 'delete', '*'];
  const GROUPS = ['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io', '*'];
  const RESOURCES = ['pods', 'pods/exec', 'pods/*', '*/exec', '*/proxy', '*/token', 'nodes/proxy', 'secrets', 'serviceaccounts/token', 'configmaps', 'deployments', 'clusterroles', 'roles', 'users', 'signers', 'certificatesigningrequests/approval', 'mutatingwebhookconfigurations', 'persistentvolumes', 'selfsubjectaccessreviews', '*'];

  it('is what trying every probe in order finds, for random grants in every kind of scope', () => {
    const random = seededRandom(7);
    const some = (values: readonly string[], most: number): string[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => values[Math.floor(random() * values.length)]))];
    const seen = new Set<Risk>();
    for (let index = 0; index < 400; index++) {
      const rule = JSON.stringify({ apiGroups: some(GROUPS, 2), resources: some(RESOURCES, 3), verbs: some(VERBS, 3), ...(random() < 0.3 ? { resourceNames: ['x'] } : {}) });
      for (const binding of [cluster, shop, kubeSystem]) {
        const metadata = binding === cluster ? '{ name: b }' : `{ name: b, namespace: ${binding.namespace} }`;
        const yaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: r }
rules: [${rule}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${binding === cluster ? 'ClusterRoleBinding' : 'RoleBinding'}
metadata: ${metadata}
subjects: [{ kind: User, name: alice }]
roleRef: { kind: ClusterRole, name: r, apiGroup: rbac.authorization.k8s.io }
`;
        for (const grant of buildRbacIndex(objectsFromYaml(yaml), { includeDefaults: false }).grantsFor(parseSubject('user:alice')!)) {
          expect(riskOf(grant), `${rule} ${JSON.stringify(binding)}`).toBe(riskOfGrantTryingEveryProbe(grant));
          seen.add(riskOf(grant));
        }
      }
    }
    expect([...seen].sort()).toEqual(['cluster-takeover', 'other', 'read-only', 'secrets', 'workload-control']);
  });
});

describe('riskOfIndexGrant', () => {
  it('gives every grant of the index the risk riskOf gives it, remembered per role, rule and kind of scope', () => {
    const random = seededRandom(11);
    const VERBS = ['get', 'list', 'create', 'patch', 'bind', 'impersonate', '*'];
    const RESOURCES = ['pods', 'pods/exec', 'secrets', 'serviceaccounts/token', 'configmaps', 'nodes/proxy', 'clusterroles', 'deployments', '*'];
    const some = (values: readonly string[], most: number): string[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => values[Math.floor(random() * values.length)]))];
    const documents: string[] = [];
    for (let role = 0; role < 6; role++) {
      const rules = Array.from({ length: 1 + Math.floor(random() * 5) }, () => JSON.stringify({ apiGroups: some(['', 'apps', 'rbac.authorization.k8s.io', '*'], 2), resources: some(RESOURCES, 3), verbs: some(VERBS, 3) }));
      documents.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: r${role} }\nrules: [${rules.join(', ')}]\n`);
      // The same role cluster-wide, in kube-system and in two other namespaces, for two subjects.
      documents.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: c${role} }\nsubjects: [{ kind: User, name: alice }, { kind: Group, name: devs }]\nroleRef: { kind: ClusterRole, name: r${role}, apiGroup: rbac.authorization.k8s.io }\n`);
      for (const namespace of ['kube-system', 'shop', 'web'])
        documents.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: b${role}, namespace: ${namespace} }\nsubjects: [{ kind: User, name: alice }, { kind: ServiceAccount, name: api }]\nroleRef: { kind: ClusterRole, name: r${role}, apiGroup: rbac.authorization.k8s.io }\n`);
    }
    const index = buildRbacIndex(objectsFromYaml(documents.join('---\n')), { includeDefaults: false });
    let grants = 0;
    for (const binding of index.bindings())
      for (const grant of index.grantsOfBinding(binding)) {
        expect(riskOfIndexGrant(grant), `${binding.ref.name} ${binding.namespace ?? ''} rule ${grant.via.ruleIndex}`).toBe(riskOf(grant));
        grants++;
      }
    expect(grants).toBeGreaterThan(100);
  });
});
