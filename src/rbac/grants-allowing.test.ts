/**
 * grantsAllowing looks rules up (filed by verb, group and resource, ClusterRole answers remembered) instead of
 * scanning them; on random estates and requests it must find exactly the grants that checking every grant of every
 * binding finds, and in the same order whether the remembered answers are used or not.
 */
import { describe, expect, it } from 'vitest';
import { buildRbacIndex } from './rbac-index.js';
import { grantAllows, normalizeRequest } from './request.js';
import { SYSTEM_MASTERS_GRANTS } from './grants.js';
import { formatSubject } from './subject.js';
import { objectsFromYaml } from './test-objects.js';
import type { RbacIndex } from './rbac-index.js';
import { ANY_NAMESPACE, type EffectiveRole, type Grant, type RbacRequest, type Subject } from './types.js';
import { seededRandom } from '../testing/seeded-random.js';

const VERBS = ['get', 'list', 'create', 'patch', 'impersonate', '*'];
const GROUPS = ['', 'apps', 'rbac.authorization.k8s.io', '*'];
const RESOURCES = ['pods', 'pods/exec', 'pods/*', '*/exec', 'secrets', 'namespaces', 'nodes', 'nodes/proxy', 'deployments', 'users', '*'];
const NAMES = ['db', 'ns-0', 'alice'];
const URLS = ['/healthz', '/healthz/*', '/api*', '*', '/version'];
const NAMESPACES = ['ns-0', 'ns-1', 'kube-system'];


interface RandomCase {
  text: string;
  requests: RbacRequest[];
  /** The roles, in input order. */
  roleDocuments: Array<{ kind: string; metadata: { name: string; namespace?: string } }>;
}

function randomCase(seed: number): RandomCase {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const some = <T>(values: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(values)))];
  const rules = (): object[] =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      random() < 0.15
        ? { verbs: some(VERBS, 2), nonResourceURLs: some(URLS, 2) }
        : { verbs: some(VERBS, 3), apiGroups: some(GROUPS, 2), resources: some(RESOURCES, 3), ...(random() < 0.3 ? { resourceNames: some(NAMES, 2) } : {}) },
    );
  const documents: object[] = [];
  const clusterRoles = ['c-0', 'c-1', 'c-2'];
  for (const name of clusterRoles) documents.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: rules() });
  for (const namespace of NAMESPACES) documents.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace }, rules: rules() });
  // Roles before ClusterRoles: the order in which the index meets scopes must not change any answer.
  if (random() < 0.5) documents.reverse();
  const subjects = [
    { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'ServiceAccount', name: 'api', namespace: 'ns-1' },
  ];
  for (let index = 0; index < 10; index++) {
    const cluster = random() < 0.3;
    const roleRef = cluster || random() < 0.5 ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: pick(clusterRoles) } : { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' };
    const metadata = cluster ? { name: `b-${index}` } : { name: `b-${index}`, namespace: pick(NAMESPACES) };
    documents.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding', metadata, subjects: some(subjects, 2), roleRef });
  }
  const requests = Array.from({ length: 30 }, (): RbacRequest => {
    if (random() < 0.15) return { verb: pick(VERBS), nonResourceURL: pick(['/healthz', '/healthz/etcd', '/api/v1', '/version', '/metrics']) };
    const request: RbacRequest = { verb: pick(VERBS), group: pick(GROUPS.filter((group) => group !== '*')), resource: pick(RESOURCES.filter((resource) => !resource.includes('*'))) };
    const namespace = pick([...NAMESPACES, '*', undefined]);
    if (namespace !== undefined) request.namespace = namespace;
    if (random() < 0.4) request.name = pick(NAMES);
    return request;
  });
  const roleDocuments = documents.filter((document): document is { kind: string; metadata: { name: string; namespace?: string } } => ['Role', 'ClusterRole'].includes((document as { kind: string }).kind));
  return { text: documents.map((document) => JSON.stringify(document)).join('\n---\n'), requests, roleDocuments };
}

/**
 * The order grantsAllowing promises, computed the slow way: roles in the order a rule of theirs is first found
 * (request verb before `*`; ClusterRoles before the namespace's Roles, or scopes in the order roles were read for
 * "any namespace"; group before `*`; resource, `*`, `*\/subresource`; roles and rules in input order), each role's
 * ClusterRoleBindings before its RoleBindings, then subjects, then rules. Written for estates without the default
 * policy and without aggregation, whose roles come in the order of `roleDocuments`.
 */
function expectedOrder(index: RbacIndex, roleDocuments: ReadonlyArray<{ kind: string; metadata: { name: string; namespace?: string } }>, request: RbacRequest): string[] | undefined {
  const normalized = normalizeRequest(request);
  if (normalized.kind !== 'resource') return undefined;
  const roles = roleDocuments.map((document) => index.role(document.kind as 'Role' | 'ClusterRole', document.metadata.name, document.metadata.namespace)!);
  const scopeOf = (role: EffectiveRole): string => (role.ref.kind === 'Role' ? (role.ref.namespace ?? '') : '');
  const filed = roles.filter((role) => role.rules.some((rule) => rule.verbs.length > 0 && rule.apiGroups.length > 0 && rule.resources.length > 0));
  const scopeOrder = [...new Set(filed.map(scopeOf))];
  const { namespace } = normalized;
  const scopes = namespace === ANY_NAMESPACE ? scopeOrder : ['', ...(namespace === undefined ? [] : [namespace])].filter((scope) => scopeOrder.includes(scope));
  const combined = normalized.subresource === '' ? normalized.resource : `${normalized.resource}/${normalized.subresource}`;
  const resources = [...new Set([combined, '*', ...(normalized.subresource === '' ? [] : [`*/${normalized.subresource}`])])];
  const found = new Map<EffectiveRole, number[]>();
  for (const verb of normalized.verb === '*' ? ['*'] : [normalized.verb, '*']) {
    for (const scope of scopes) {
      for (const group of normalized.group === '*' ? ['*'] : [normalized.group, '*']) {
        for (const resource of resources) {
          for (const role of roles.filter((candidate) => scopeOf(candidate) === scope)) {
            role.rules.forEach((rule, ruleIndex) => {
              const filedHere = rule.verbs.includes(verb) && rule.apiGroups.includes(group) && rule.resources.includes(resource);
              if (!filedHere || (rule.resourceNames.length > 0 && !rule.resourceNames.includes(normalized.name))) return;
              const indexes = found.get(role) ?? [];
              if (!indexes.includes(ruleIndex)) indexes.push(ruleIndex);
              found.set(role, indexes);
            });
          }
        }
      }
    }
  }
  const ids: string[] = [];
  for (const [role, indexes] of found) {
    const bound = index.bindings().filter((binding) => binding.role === role);
    const namespaces = [...new Set(bound.flatMap((binding) => (binding.namespace === undefined ? [] : [binding.namespace])))];
    const reaching = namespace === ANY_NAMESPACE ? namespaces : namespace === undefined ? [] : [namespace];
    const ordered = [...bound.filter((binding) => binding.namespace === undefined), ...reaching.flatMap((scope) => bound.filter((binding) => binding.namespace === scope))];
    for (const binding of ordered) {
      for (const subject of binding.subjects) {
        for (const ruleIndex of [...indexes].sort((a, b) => a - b)) {
          const grant = index.grantsOfBinding(binding).find((candidate) => candidate.via.ruleIndex === ruleIndex && formatSubject(candidate.subject) === formatSubject(subject));
          if (grant !== undefined && grantAllows(grant, normalized)) ids.push(...grantIds([grant]));
        }
      }
    }
  }
  ids.push(...grantIds(SYSTEM_MASTERS_GRANTS.filter((grant) => grantAllows(grant, normalized))));
  return ids;
}

function grantIds(grants: readonly Grant[]): string[] {
  return grants.map((grant) => `${grant.via.binding.kind}/${grant.via.binding.namespace ?? ''}/${grant.via.binding.name}#${grant.via.ruleIndex}@${formatSubject(grant.subject)}`);
}

describe('grantsAllowing', () => {
  it('finds what checking every grant of every binding finds, in the order it promises, asked once or again', () => {
    let found = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const { text, requests, roleDocuments } = randomCase(seed);
      const index = buildRbacIndex(objectsFromYaml(text), { includeDefaults: false });
      const everyGrant = [...index.bindings().flatMap((binding) => index.grantsOfBinding(binding)), ...SYSTEM_MASTERS_GRANTS];
      for (const request of requests) {
        const label = `seed ${seed} ${JSON.stringify(request)}`;
        const first = grantIds(index.grantsAllowing(request));
        const expected = grantIds(everyGrant.filter((grant) => grantAllows(grant, normalizeRequest(request))));
        expect([...first].sort(), label).toEqual([...expected].sort());
        expect(grantIds(index.grantsAllowing(request)), label).toEqual(first);
        const ordered = expectedOrder(index, roleDocuments, request);
        if (ordered !== undefined) expect(first, label).toEqual(ordered);
        found += first.length;
      }
    }
    expect(found).toBeGreaterThan(1000);
  });
});

describe('dependsOnName', () => {
  it('is false only where every name gets the same grants in the same order', () => {
    let independent = 0;
    let dependent = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const { text, requests } = randomCase(seed);
      const index = buildRbacIndex(objectsFromYaml(text), { includeDefaults: false });
      for (const request of requests) {
        if (!('resource' in request)) continue;
        const named = (name: string): RbacRequest => ({ ...request, name });
        const answers = [...NAMES, 'nobody-named-so'].map((name) => index.grantsAllowing(named(name)));
        const same = answers.every((answer) => answer.length === answers[0].length && answer.every((grant, position) => grant === answers[0][position]));
        if (index.dependsOnName(named(NAMES[0]))) dependent++;
        else {
          independent++;
          expect(same, `seed ${seed} ${JSON.stringify(request)}`).toBe(true);
        }
      }
    }
    // Both answers occur: resourceNames in a quarter of the rules make many requests depend on the name.
    expect(independent).toBeGreaterThan(100);
    expect(dependent).toBeGreaterThan(100);
  });
});

describe('grantsFor with the bindings to keep', () => {
  it('gives the grants of grantsFor whose binding and named subject are kept, in the same order', () => {
    const keep = (binding: { name: string }, named: Subject): boolean => named.kind !== 'Group' || binding.name.endsWith('1');
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const index = buildRbacIndex(objectsFromYaml(randomCase(seed).text), { includeDefaults: false });
      for (const subject of index.subjects()) {
        expect(index.grantsFor(subject, keep), `seed ${seed} ${formatSubject(subject)}`).toEqual(index.grantsFor(subject).filter((grant) => keep(grant.via.binding, grant.subject)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
