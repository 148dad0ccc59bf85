import { describe, expect, it } from 'vitest';
import { grantOfBindingRule, grantsOfBinding } from './grants.js';
import { buildRbacIndex } from './rbac-index.js';
import { objectsFromYaml } from './test-objects.js';

const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: mixed, namespace: shop }
rules:
- { verbs: [get], apiGroups: [""], resources: [pods, nodes] }
- { verbs: [get], apiGroups: [""], resources: [nodes] }
- { verbs: [create], apiGroups: [""], resources: [secrets] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: two, namespace: shop }
subjects: [{ kind: User, name: alice }, { kind: ServiceAccount, name: app }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: mixed }
`;

describe('grants of a binding', () => {
  const index = buildRbacIndex(objectsFromYaml(text), { includeDefaults: false });
  const [binding] = index.bindings();
  const [alice, app] = binding.subjects;

  it('leaves out what a RoleBinding cannot give (cluster-scoped nodes), rule by rule or all at once, as the same objects', () => {
    const all = grantsOfBinding(binding, alice);
    expect(all.map((grant) => [grant.via.ruleIndex, grant.resources])).toEqual([
      [0, ['pods']],
      [2, ['secrets']],
    ]);
    expect(grantOfBindingRule(binding, alice, 1)).toBeUndefined();
    expect(grantOfBindingRule(binding, alice, 0)).toBe(all[0]);
    expect(grantOfBindingRule(binding, alice, 2)).toBe(all[1]);
    expect(grantsOfBinding(binding, alice)).toEqual(all);
    expect(grantsOfBinding(binding, alice)[1]).toBe(all[1]);
  });

  it('gives each subject its own grants of one shared via, scoped to the namespace', () => {
    const forApp = grantOfBindingRule(binding, app, 2)!;
    const forAlice = grantOfBindingRule(binding, alice, 2)!;
    expect(forApp).not.toBe(forAlice);
    expect([forApp.subject, forAlice.subject]).toEqual([app, alice]);
    expect(forApp.via).toBe(forAlice.via);
    expect(forApp.scope).toEqual({ namespace: 'shop' });
    expect(forApp.via).toMatchObject({ ruleIndex: 2, binding: { name: 'two' }, role: { name: 'mixed' } });
  });
});
