/**
 * computePermissions makes grants only of the rules that can give a capability; what every identity holds must be
 * what probing every grant of every binding gives.
 */
import { describe, expect, it } from 'vitest';
import { buildEstate } from '../model/estate.js';
import { parseManifestText } from '../load/parse-text.js';
import type { Grant } from '../rbac/index.js';
import { BuildContext } from './context.js';
import { capabilitiesOfRule, CLUSTER_SCOPE, type Capability } from './permissions.js';

const ROLES = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: mixed }
rules:
  - { apiGroups: [""], resources: [configmaps, nodes], verbs: [get, list] }
  - { apiGroups: [""], resources: [pods], verbs: [get] }
  - { apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [db, api] }
  - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }
  - { apiGroups: [""], resources: [nodes/proxy, pods/exec], verbs: [get] }
  - { nonResourceURLs: ["/metrics"], verbs: [get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: tokens, namespace: ci }
rules:
  - { apiGroups: [""], resources: [serviceaccounts/token], verbs: [create], resourceNames: [deployer] }
  - { apiGroups: [""], resources: [events], verbs: [list] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: mixed-everywhere }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: mixed }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: alice }
  - { kind: ServiceAccount, name: ops, namespace: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: mixed-in-ci, namespace: ci }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: mixed }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: devs }
  - { kind: ServiceAccount, name: ops, namespace: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: tokens, namespace: ci }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: tokens }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: devs }
  - { kind: ServiceAccount, name: builder, namespace: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: more-tokens, namespace: ci }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: tokens }
subjects:
  - { kind: ServiceAccount, name: builder, namespace: ci }
`;

type Holdings = Map<string, Map<string, Map<Capability, { grants: Grant[]; names?: string[] }>>>;

/** Every grant of every binding probed, held as computePermissions holds them (two grants, names merged). */
function straightforward(context: BuildContext): Holdings {
  const out: Holdings = new Map();
  for (const rbac of context.rbac()) {
    for (const binding of rbac.bindings()) {
      for (const grant of rbac.grantsOfBinding(binding)) {
        for (const { capability, names } of capabilitiesOfRule(grant, binding.namespace !== undefined)) {
          const key = `${grant.subject.kind}/${'namespace' in grant.subject ? grant.subject.namespace : ''}/${grant.subject.name}`;
          if (!out.has(key)) out.set(key, new Map());
          const scopes = out.get(key)!;
          const scope = grant.scope.namespace ?? CLUSTER_SCOPE;
          if (!scopes.has(scope)) scopes.set(scope, new Map());
          const held = scopes.get(scope)!.get(capability);
          if (!held) scopes.get(scope)!.set(capability, names === undefined ? { grants: [grant] } : { grants: [grant], names: [...names] });
          else {
            if (held.grants.length < 2) held.grants.push(grant);
            if (held.names !== undefined) held.names = names === undefined ? undefined : [...new Set([...held.names, ...names])];
          }
        }
      }
    }
  }
  return out;
}

describe('identity permissions', () => {
  it('are those every grant of every binding gives, in the same order, with the same grant objects', () => {
    const estate = buildEstate(parseManifestText(ROLES, 'test.yaml').objects, { defaultNamespace: 'default' });
    const context = new BuildContext({ estate, findings: [], options: { defaultNamespace: 'default' } });
    const expected = straightforward(context);
    const found: Holdings = new Map(
      context.permissions().map((identity) => [
        `${identity.subject.kind}/${'namespace' in identity.subject ? identity.subject.namespace : ''}/${identity.subject.name}`,
        new Map([...identity.scopes].map(([scope, held]) => [scope, new Map([...held].map(([capability, { grants, names }]) => [capability, names === undefined ? { grants } : { grants, names }]))])),
      ]),
    );
    const order = (holdings: Holdings): unknown => [...holdings].map(([key, scopes]) => [key, [...scopes].map(([scope, held]) => [scope, [...held.keys()]])]);
    expect(order(found)).toEqual(order(expected));
    for (const [key, scopes] of expected) {
      for (const [scope, held] of scopes) {
        for (const [capability, { grants, names }] of held) {
          const mine = found.get(key)!.get(scope)!.get(capability)!;
          expect([key, scope, capability, mine.names]).toEqual([key, scope, capability, names]);
          expect(mine.grants.length).toBe(grants.length);
          mine.grants.forEach((grant, index) => expect(grant).toBe(grants[index]));
        }
      }
    }
    // Not vacuous: the default policy and the roles above give many holdings, names and both scopes among them.
    expect(expected.size).toBeGreaterThan(5);
    expect(expected.get('User//alice')?.get(CLUSTER_SCOPE)?.get('everything')).toBeDefined();
    expect(expected.get('ServiceAccount/ci/builder')?.get('ci')?.get('create-tokens')?.names).toEqual(['deployer']);
  });
});
