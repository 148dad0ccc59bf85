import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { normalizeRequest } from './request.js';
import { RuleLookup } from './rule-lookup.js';
import { ANY_NAMESPACE, type EffectiveRole, type PolicyRule, type RbacRequest } from './types.js';

const VERBS = ['get', 'list', 'create', '*'];
const GROUPS = ['', 'apps', '*'];
const RESOURCES = ['pods', 'pods/exec', 'pods/log', 'secrets', 'deployments', '*', '*/exec'];
const NAMESPACES = ['shop', 'dev', 'ops'];

function randomRoles(random: () => number): Map<string, EffectiveRole> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const some = <T>(items: readonly T[], most: number): T[] => Array.from({ length: Math.floor(random() * (most + 1)) }, () => pick(items)); // repeats on purpose
  const roles = new Map<string, EffectiveRole>();
  for (let index = 0; index < 12; index++) {
    const namespace = random() < 0.3 ? undefined : pick(NAMESPACES);
    const kind = namespace === undefined ? 'ClusterRole' : 'Role';
    const name = `role-${index}`;
    const rules: PolicyRule[] = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
      verbs: some(VERBS, 3),
      apiGroups: some(GROUPS, 2),
      resources: some(RESOURCES, 3),
      resourceNames: random() < 0.2 ? ['db-password'] : [],
      nonResourceURLs: random() < 0.1 ? ['/healthz'] : [],
    }));
    const ref = { apiVersion: 'rbac.authorization.k8s.io/v1', kind, name, source: { file: 'test.yaml', line: index + 1, column: 1, document: index, pathInDocument: [] }, isDefault: false };
    const key = kind === 'Role' ? `Role/${namespace}/${name}` : `ClusterRole/${name}`;
    roles.set(key, { ref: namespace === undefined ? ref : { ...ref, namespace }, labels: {}, rules, ruleOrigins: rules.map((_, ruleIndex) => ({ role: ref, ruleIndex })) });
  }
  return roles;
}

function randomRequest(random: () => number): RbacRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const request: RbacRequest = { verb: pick(VERBS), group: pick(GROUPS), resource: pick(RESOURCES), namespace: pick([...NAMESPACES, ANY_NAMESPACE, 'nowhere']) };
  if (random() < 0.4) request.name = pick(['db-password', 'other']);
  return request;
}

describe('RuleLookup', () => {
  it('finds the same rules in the same order whether a namespace is searched rule by rule or filed', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const roles = randomRoles(random);
      const searched = new RuleLookup(roles, Number.POSITIVE_INFINITY);
      const filed = new RuleLookup(roles, 0);
      for (let query = 0; query < 30; query++) {
        const request = normalizeRequest(randomRequest(random));
        const label = `seed ${seed} ${JSON.stringify(request)}`;
        expect([...searched.match(request)], label).toEqual([...filed.match(request)]);
        if (request.kind === 'resource' && request.namespace !== undefined && request.namespace !== ANY_NAMESPACE)
          expect(searched.namespaceRoleMatches(request, request.namespace), label).toEqual(filed.namespaceRoleMatches(request, request.namespace));
      }
    }
  });
});
