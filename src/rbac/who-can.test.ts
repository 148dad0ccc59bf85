import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/object.js';
import { buildRbacIndex } from './rbac-index.js';
import { formatSubject, parseSubject } from './subject.js';
import { objectsFromYaml } from './test-objects.js';
import type { Grant, RbacRequest } from './types.js';

const estate = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: worker, namespace: bank }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: deployer, namespace: shop }
rules:
- { apiGroups: [apps], resources: [deployments], verbs: [create, patch] }
- { apiGroups: [""], resources: [pods/exec], verbs: [create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: deployer, namespace: shop }
subjects:
- { kind: ServiceAccount, name: api }
- { kind: Group, name: "system:serviceaccounts:bank" }
roleRef: { kind: Role, name: deployer, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: devs-edit, namespace: bank }
subjects: [{ kind: Group, name: devs }, { kind: User, name: carol }]
roleRef: { kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: one-secret }
rules: [{ apiGroups: [""], resources: [secrets], resourceNames: [db], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: one-secret }
subjects: [{ kind: Group, name: "system:serviceaccounts" }]
roleRef: { kind: ClusterRole, name: one-secret, apiGroup: rbac.authorization.k8s.io }
`;

const requests: RbacRequest[] = [
  { verb: 'create', resource: 'deployments', namespace: 'shop' },
  { verb: 'create', resource: 'deployments', namespace: 'bank' },
  { verb: 'create', resource: 'deployments', namespace: '*' },
  { verb: 'create', resource: 'deployments' },
  { verb: 'create', resource: 'pods/exec', namespace: 'shop' },
  { verb: 'create', resource: 'pods', namespace: 'kube-system' },
  { verb: 'get', resource: 'secrets', namespace: 'bank', name: 'db' },
  { verb: 'get', resource: 'secrets', namespace: 'bank', name: 'other' },
  { verb: 'list', resource: 'secrets', namespace: 'bank' },
  { verb: 'list', resource: 'pods' },
  { verb: 'get', resource: 'nodes' },
  { verb: 'patch', resource: 'namespaces', name: 'bank' },
  { verb: 'create', resource: 'selfsubjectaccessreviews' },
  { verb: 'get', nonResourceURL: '/version' },
  { verb: 'get', nonResourceURL: '/metrics' },
  { verb: 'escalate', resource: 'clusterroles' },
];

function grantIds(grants: readonly Grant[]): string[] {
  return grants.map((grant) => `${grant.via.binding.kind}/${grant.via.binding.namespace ?? ''}/${grant.via.binding.name}#${grant.via.ruleIndex}@${formatSubject(grant.subject)}`).sort();
}

describe('whoCan', () => {
  const index = buildRbacIndex(objectsFromYaml(estate));

  it('answers exactly like asking can() of every subject, with the same grants', () => {
    const subjects = index.subjects();
    expect(subjects.length).toBeGreaterThan(40);
    for (const request of requests) {
      const answer = new Map(index.whoCan(request).map((entry) => [formatSubject(entry.subject), entry.grants]));
      for (const subject of subjects) {
        const grants = index.can(subject, request);
        const label = `${formatSubject(subject)} ${JSON.stringify(request)}`;
        expect(answer.has(formatSubject(subject)), label).toBe(grants.length > 0);
        if (grants.length > 0) expect(grantIds(answer.get(formatSubject(subject))!), label).toEqual(grantIds(grants));
      }
    }
  });

  it('lists members of a bound group: the service accounts of bank, the one named and the default one', () => {
    const subjects = index.whoCan({ verb: 'create', resource: 'deployments', namespace: 'shop' }).map((entry) => formatSubject(entry.subject));
    expect(subjects).toEqual([
      'system:serviceaccount:bank:default',
      'system:serviceaccount:bank:worker',
      'system:serviceaccount:shop:api',
      'group:system:masters',
      'group:system:serviceaccounts:bank',
    ]);
  });

  it('in any namespace, each grant says where', () => {
    const carol = index.whoCan({ verb: 'create', resource: 'deployments', namespace: '*' }).find((entry) => formatSubject(entry.subject) === 'user:carol');
    expect(carol?.grants.map((grant) => grant.scope)).toEqual([{ namespace: 'bank' }]);
  });

  it('resourceNames: everyone in system:serviceaccounts may get Secret db, nobody else any other Secret', () => {
    const db = index.whoCan({ verb: 'get', resource: 'secrets', namespace: 'bank', name: 'db' }).map((entry) => formatSubject(entry.subject));
    expect(db).toContain('system:serviceaccount:shop:api');
    const other = index.whoCan({ verb: 'get', resource: 'secrets', namespace: 'bank', name: 'other' }).map((entry) => formatSubject(entry.subject));
    expect(other).not.toContain('system:serviceaccount:shop:api');
    expect(other).toContain('user:carol');
  });

  it('does not depend on the order of the input', () => {
    const objects = objectsFromYaml(estate);
    const backwards = buildRbacIndex([...objects].reverse());
    const answer = (idx: typeof index, request: RbacRequest) =>
      idx.whoCan(request).map((entry) => [formatSubject(entry.subject), grantIds(entry.grants).join(' ')]);
    for (const request of requests) expect(answer(backwards, request)).toEqual(answer(index, request));
    expect(backwards.subjects()).toEqual(index.subjects());
    const api = parseSubject('system:serviceaccount:shop:api')!;
    expect(grantIds(backwards.grantsFor(api))).toEqual(grantIds(index.grantsFor(api)));
  });

  it('grantsFor covers groups, implicit ones included', () => {
    const worker = index.grantsFor(parseSubject('system:serviceaccount:bank:worker')!);
    const through = new Set(worker.map((grant) => formatSubject(grant.subject)));
    expect(through).toEqual(
      new Set(['group:system:serviceaccounts:bank', 'group:system:serviceaccounts', 'group:system:authenticated']),
    );
  });
});

/** A synthetic estate: namespaces with service accounts, roles and bindings of every kind. */
function syntheticEstate(namespaceCount: number, serviceAccountsPerNamespace: number, bindingCount: number): K8sObject[] {
  const objects: K8sObject[] = [];
  const add = (apiVersion: string, kind: string, name: string, namespace: string | undefined, body: Record<string, unknown>) => {
    const metadata = { name, ...(namespace !== undefined ? { namespace } : {}), labels: {}, annotations: {} };
    objects.push({ apiVersion, kind, metadata, raw: { apiVersion, kind, metadata, ...body }, source: { file: 'synthetic.yaml', line: objects.length + 1, column: 1, document: objects.length, pathInDocument: [] } });
  };
  const rbac = 'rbac.authorization.k8s.io/v1';
  const clusterRoles = ['view', 'edit', 'admin', 'team-reader', 'team-deployer'];
  add(rbac, 'ClusterRole', 'team-reader', undefined, { rules: [{ apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['get', 'list'] }] });
  add(rbac, 'ClusterRole', 'team-deployer', undefined, { rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }] });
  for (let n = 0; n < namespaceCount; n += 1) {
    const namespace = `ns-${n}`;
    add('v1', 'Namespace', namespace, undefined, {});
    for (let a = 0; a < serviceAccountsPerNamespace; a += 1) add('v1', 'ServiceAccount', `sa-${a}`, namespace, {});
    add(rbac, 'Role', 'secrets', namespace, { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [`s-${n}`] }] });
    add(rbac, 'Role', 'pods', namespace, { rules: [{ apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create'] }] });
  }
  for (let b = 0; b < bindingCount; b += 1) {
    const n = b % namespaceCount;
    const namespace = `ns-${n}`;
    const round = Math.floor(b / namespaceCount);
    const subjects = [
      { kind: 'ServiceAccount', name: `sa-${round % serviceAccountsPerNamespace}` },
      { kind: 'ServiceAccount', name: `sa-${(round * 7 + 3) % serviceAccountsPerNamespace}`, namespace: `ns-${(n + 1) % namespaceCount}` },
    ];
    if (b % 50 === 0) {
      add(rbac, 'ClusterRoleBinding', `crb-${b}`, undefined, { subjects, roleRef: { kind: 'ClusterRole', name: clusterRoles[b % clusterRoles.length] } });
    } else {
      const roleRef = b % 3 === 0 ? { kind: 'Role', name: b % 2 === 0 ? 'secrets' : 'pods' } : { kind: 'ClusterRole', name: clusterRoles[b % clusterRoles.length] };
      add(rbac, 'RoleBinding', `rb-${b}`, namespace, { subjects, roleRef });
    }
  }
  return objects;
}

describe('scale', () => {
  it('30,000 service accounts and 50,000 bindings: build, every effective permission and who-can in seconds', () => {
    const objects = syntheticEstate(300, 100, 50_000);
    const started = performance.now();
    const index = buildRbacIndex(objects);
    const built = performance.now();
    const serviceAccounts = index.subjects().filter((subject) => subject.kind === 'ServiceAccount');
    let grantCount = 0;
    for (const subject of serviceAccounts) grantCount += index.grantsFor(subject).length;
    const effective = performance.now();
    const execAnywhere = index.whoCan({ verb: 'create', resource: 'pods/exec', namespace: '*' });
    const secretsInOne = index.whoCan({ verb: 'get', resource: 'secrets', namespace: 'ns-7', name: 's-7' });
    const discovery = index.whoCan({ verb: 'get', nonResourceURL: '/apis' });
    const queried = performance.now();
    console.log(
      `rbac scale: ${serviceAccounts.length} service accounts, ${index.bindings().length} bindings; ` +
        `build ${(built - started).toFixed(0)} ms, grantsFor(all SAs) ${(effective - built).toFixed(0)} ms (${grantCount} grants), ` +
        `3 whoCan ${(queried - effective).toFixed(0)} ms (${execAnywhere.length}, ${secretsInOne.length}, ${discovery.length} subjects)`,
    );
    expect(serviceAccounts.length).toBeGreaterThanOrEqual(30_000);
    expect(execAnywhere.length).toBeGreaterThan(1000);
    expect(secretsInOne.length).toBeGreaterThan(10);
    expect(discovery.length).toBeGreaterThanOrEqual(30_000);
    // Generous: measured at about 2–3 s on a 2-core machine; a subject × rule scan would take minutes.
    expect(queried - started).toBeLessThan(30_000);
  });
});
