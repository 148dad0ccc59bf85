import { describe, expect, it } from 'vitest';
import { defaultPolicyObjects } from './defaults/index.js';
import { buildRbacIndex } from './rbac-index.js';
import { formatSubject, parseSubject } from './subject.js';
import { objectsFromYaml } from './test-objects.js';
import type { RbacRequest, ResourceRequest } from './types.js';

const bindTo = (role: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${role}-binding, namespace: shop }
subjects: [{ kind: User, name: alice }]
roleRef: { kind: ClusterRole, name: ${role}, apiGroup: rbac.authorization.k8s.io }
`;

function aliceCan(role: string, request: ResourceRequest): boolean {
  const index = buildRbacIndex(objectsFromYaml(bindTo(role)));
  return index.can(parseSubject('user:alice')!, { namespace: 'shop', ...request }).length > 0;
}

describe('view, edit and admin without the roles in the manifests', () => {
  it('view reads workloads but not Secrets', () => {
    expect(aliceCan('view', { verb: 'list', resource: 'pods' })).toBe(true);
    expect(aliceCan('view', { verb: 'get', resource: 'deployments' })).toBe(true);
    expect(aliceCan('view', { verb: 'get', resource: 'pods/log' })).toBe(true);
    expect(aliceCan('view', { verb: 'get', resource: 'secrets' })).toBe(false);
    expect(aliceCan('view', { verb: 'create', resource: 'pods/exec' })).toBe(false);
  });

  it('edit reads Secrets, execs, attaches, port-forwards, impersonates service accounts and mints their tokens', () => {
    for (const request of [
      { verb: 'get', resource: 'secrets' },
      { verb: 'list', resource: 'pods' }, // through view, which edit aggregates
      { verb: 'create', resource: 'pods/exec' },
      { verb: 'create', resource: 'pods/attach' },
      { verb: 'create', resource: 'pods/portforward' },
      { verb: 'impersonate', resource: 'serviceaccounts' },
      { verb: 'create', resource: 'serviceaccounts/token' },
      { verb: 'patch', resource: 'deployments' },
      { verb: 'create', resource: 'cronjobs' },
    ]) {
      expect(aliceCan('edit', request), JSON.stringify(request)).toBe(true);
    }
  });

  it('edit cannot touch roles, bindings, quotas or ephemeral containers', () => {
    expect(aliceCan('edit', { verb: 'create', resource: 'rolebindings' })).toBe(false);
    expect(aliceCan('edit', { verb: 'create', resource: 'roles' })).toBe(false);
    expect(aliceCan('edit', { verb: 'update', resource: 'resourcequotas' })).toBe(false);
    expect(aliceCan('edit', { verb: 'patch', resource: 'pods/ephemeralcontainers' })).toBe(false);
  });

  it('admin adds roles and rolebindings, but neither bind nor escalate', () => {
    expect(aliceCan('admin', { verb: 'create', resource: 'rolebindings' })).toBe(true);
    expect(aliceCan('admin', { verb: 'create', resource: 'roles' })).toBe(true);
    expect(aliceCan('admin', { verb: 'get', resource: 'secrets' })).toBe(true);
    expect(aliceCan('admin', { verb: 'bind', resource: 'clusterroles', name: 'cluster-admin' })).toBe(false);
    expect(aliceCan('admin', { verb: 'escalate', resource: 'roles' })).toBe(false);
  });

  it('cluster-admin through a RoleBinding is everything in the namespace, nothing cluster-scoped', () => {
    expect(aliceCan('cluster-admin', { verb: 'delete', resource: 'secrets' })).toBe(true);
    expect(aliceCan('cluster-admin', { verb: 'get', resource: 'nodes' })).toBe(false);
  });
});

describe('default bindings', () => {
  const index = buildRbacIndex([]);
  const can = (subject: string, request: RbacRequest) => index.can(parseSubject(subject)!, request).length > 0;

  it('every authenticated identity may discover the API and review its own access', () => {
    expect(can('system:serviceaccount:shop:api', { verb: 'get', nonResourceURL: '/apis/apps/v1' })).toBe(true);
    expect(can('user:alice', { verb: 'create', resource: 'selfsubjectaccessreviews' })).toBe(true);
    expect(can('user:system:anonymous', { verb: 'get', nonResourceURL: '/apis' })).toBe(false);
  });

  it('anonymous may read only the public info: version and health', () => {
    expect(can('user:system:anonymous', { verb: 'get', nonResourceURL: '/version' })).toBe(true);
    expect(can('user:system:anonymous', { verb: 'get', nonResourceURL: '/healthz' })).toBe(true);
    expect(can('user:system:anonymous', { verb: 'get', nonResourceURL: '/metrics' })).toBe(false);
  });

  it('cluster-admin is bound to system:masters', () => {
    const grants = index.can(parseSubject('group:system:masters')!, { verb: 'get', resource: 'secrets', namespace: 'x' });
    expect(grants.map((grant) => grant.via.binding.name)).toEqual(['system:masters', 'cluster-admin']);
  });

  it('controller service accounts carry escalation paths', () => {
    expect(can('system:serviceaccount:kube-system:clusterrole-aggregation-controller', { verb: 'escalate', resource: 'clusterroles' })).toBe(true);
    for (const controller of ['replicaset-controller', 'daemon-set-controller', 'job-controller', 'statefulset-controller', 'persistent-volume-binder']) {
      expect(can(`system:serviceaccount:kube-system:${controller}`, { verb: 'create', resource: 'pods', namespace: 'kube-system' }), controller).toBe(true);
    }
    expect(can('system:serviceaccount:kube-system:generic-garbage-collector', { verb: 'get', resource: 'secrets', namespace: 'bank' })).toBe(true);
  });

  it('defaults are marked and point at the policy version', () => {
    const [grant] = index.can(parseSubject('user:alice')!, { verb: 'create', resource: 'selfsubjectaccessreviews' });
    expect(grant.via.binding).toMatchObject({ name: 'system:basic-user', isDefault: true });
    expect(grant.via.binding.source.file).toBe('<kubernetes default policy v1.30>');
    expect(index.defaultPolicy).toBe('<kubernetes default policy v1.30>');
  });

  it('who-can create pods in kube-system lists the pod-creating controllers and system:masters', () => {
    const subjects = index.whoCan({ verb: 'create', resource: 'pods', namespace: 'kube-system' }).map((entry) => formatSubject(entry.subject));
    expect(subjects).toContain('system:serviceaccount:kube-system:daemon-set-controller');
    expect(subjects).toContain('group:system:masters');
    expect(subjects).not.toContain('group:system:authenticated');
  });
});

describe('versions', () => {
  const expandReadsSecrets = (version: string) =>
    buildRbacIndex([], { kubernetesVersion: version }).can(parseSubject('system:serviceaccount:kube-system:expand-controller')!, {
      verb: 'get',
      resource: 'secrets',
      namespace: 'bank',
    }).length > 0;

  it('the volume controllers lost their Secret access in v1.31', () => {
    expect(expandReadsSecrets('v1.30.4')).toBe(true);
    expect(expandReadsSecrets('1.31')).toBe(false);
  });

  it('versions outside the modelled range get the nearest modelled policy, and say so', () => {
    expect(buildRbacIndex([], { kubernetesVersion: '1.27' }).defaultPolicy).toBe('<kubernetes default policy v1.30>');
    expect(buildRbacIndex([], { kubernetesVersion: 'v1.32.1-eks-1234' }).defaultPolicy).toBe('<kubernetes default policy v1.32>');
    expect(buildRbacIndex([], { kubernetesVersion: 'v1.36.0' }).defaultPolicy).toBe('<kubernetes default policy v1.33>');
  });

  it('the service CIDR controller exists from v1.33', () => {
    const has = (version: string) => buildRbacIndex([], { kubernetesVersion: version }).role('ClusterRole', 'system:controller:service-cidrs-controller') !== undefined;
    expect(has('1.32')).toBe(false);
    expect(has('1.33')).toBe(true);
  });

  it('objects of the input override defaults of the same name', () => {
    const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: view }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
---${bindTo('view')}`;
    const index = buildRbacIndex(objectsFromYaml(yaml));
    const alice = parseSubject('user:alice')!;
    expect(index.can(alice, { verb: 'get', resource: 'secrets', namespace: 'shop' })).toHaveLength(1);
    expect(index.can(alice, { verb: 'get', resource: 'pods', namespace: 'shop' })).toHaveLength(0);
    // edit aggregates the overriding view.
    expect(index.role('ClusterRole', 'edit')?.rules.some((rule) => rule.resources.includes('secrets'))).toBe(true);
  });

  it('the default policy has no duplicate object', () => {
    const keys = defaultPolicyObjects('1.33').map((object) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
