import { describe, expect, it } from 'vitest';
import { podGroupsFromObjects } from './pod-groups.js';
import { analyzeNetwork } from './index.js';
import { objectsFromYaml } from './test-objects.js';

const workloads = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        ports: [{name: http, containerPort: 8080}, {containerPort: 9000, protocol: UDP}]
      initContainers:
      - {name: proxy, restartPolicy: Always, ports: [{name: admin, containerPort: 15000}]}
      - {name: migrate, ports: [{name: ignored, containerPort: 1}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
spec:
  template:
    metadata: {labels: {app: web, pod-template-hash: 5d8f}}
    spec: {containers: [{name: web}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  jobTemplate:
    spec:
      template:
        metadata: {labels: {job: report}}
        spec: {hostNetwork: true, containers: [{name: report}]}
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: {name: legacy, namespace: shop}
spec:
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: legacy}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}}`;

describe('podGroupsFromObjects', () => {
  const groups = podGroupsFromObjects(objectsFromYaml(workloads), 'default');

  it('extracts one group per pod-running object, skipping objects run by a controller in the input', () => {
    expect(groups.map((group) => group.id)).toEqual(['Deployment/shop/web', 'CronJob/default/report', 'DeploymentConfig/shop/legacy']);
  });

  it('reads template labels, namespace labels, ports (sidecars included) and host networking', () => {
    expect(groups[0]).toMatchObject({
      namespace: 'shop',
      namespaceLabels: { team: 'web', 'kubernetes.io/metadata.name': 'shop' },
      podLabels: { app: 'web' },
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP' },
        { port: 9000, protocol: 'UDP' },
        { name: 'admin', port: 15000, protocol: 'TCP' },
      ],
      hostNetwork: false,
      owner: { kind: 'Deployment', namespace: 'shop', name: 'web' },
    });
    expect(groups[1]).toMatchObject({ namespace: 'default', podLabels: { job: 'report' }, hostNetwork: true, namespaceLabels: { 'kubernetes.io/metadata.name': 'default' } });
  });

  it('an owner reference counts only for a pod-running object of that kind, name and namespace', () => {
    const owned = (name: string, namespace: string, owner: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${owner}, controller: true}]
spec: {containers: [{name: c}]}`;
    const replicaSet = (name: string, namespace: string) => `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${name}, namespace: ${namespace}}
spec: {template: {spec: {containers: [{name: c}]}}}`;
    const objects = objectsFromYaml(
      [
        replicaSet('web', 'a'),
        owned('web-1', 'a', 'web'), // its ReplicaSet is in the input
        owned('web-2', 'b', 'web'), // a ReplicaSet web exists, in another namespace
        owned('api-1', 'a', 'api'), // a Service named api is no pod-running object
        'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: a}',
        replicaSet('web', 'c'), // same name again: still told apart by namespace
        owned('web-3', 'c', 'web'),
      ].join('\n---\n'),
    );
    expect(podGroupsFromObjects(objects, 'default').map((group) => group.id)).toEqual(['ReplicaSet/a/web', 'Pod/b/web-2', 'Pod/a/api-1', 'ReplicaSet/c/web']);
  });

  it('groups identical pods into one class', () => {
    const network = analyzeNetwork(
      objectsFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: same}}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: x, labels: {app: same}}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: y, labels: {app: same}}
spec: {containers: [{name: c}]}`),
    );
    expect(network.classes.map((podClass) => podClass.groups.map((group) => group.id))).toEqual([['Pod/x/a', 'Pod/x/b'], ['Pod/y/c']]);
    expect(network.classOf('Pod/x/b').id).toBe(0);
  });

  it('namespaces come from Namespace objects and namespaced objects, not from cluster-scoped ones', () => {
    const network = analyzeNetwork(
      objectsFromYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
---
apiVersion: v1
kind: Namespace
metadata: {name: empty}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x}
spec: {containers: [{name: c}]}`),
    );
    expect(network.namespaceMatrix().namespaces).toEqual(['empty', 'x']);
    expect(network.namespaceMatrix().cells).toEqual([
      ['none', 'none'],
      ['none', 'all'],
    ]);
  });

  it('unknown pod groups and malformed IPs are reported as query errors', () => {
    const network = analyzeNetwork(objectsFromYaml(workloads));
    expect(() => network.classOf('Pod/x/nope')).toThrow('unknown pod group Pod/x/nope');
    expect(() => network.canReach({ kind: 'internet' }, { kind: 'ip', ip: '10.0.0.300' })).toThrow('not an IP address');
  });
});

describe('pod groups read many alike', () => {
  const deployment = (name: string, namespace: string, ports: string, labels = `{app: ${name}}`): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  template:\n    metadata: {labels: ${labels}}\n    spec: {containers: [{name: c, ports: ${ports}}]}\n`;

  it('read each port as written, groups with the same single port sharing it', () => {
    const groups = podGroupsFromObjects(
      objectsFromYaml(
        [
          deployment('a', 'one', '[{name: http, containerPort: 8080}]'),
          deployment('b', 'two', '[{name: http, containerPort: 8080, protocol: TCP}]'),
          deployment('c', 'two', '[{name: http, containerPort: 8080, protocol: UDP}]'),
          deployment('d', 'two', '[{containerPort: 8080}, {name: http, containerPort: 8080}]'),
        ].join('---\n'),
      ),
      'default',
    );
    expect(groups.map((group) => group.ports)).toEqual([
      [{ name: 'http', port: 8080, protocol: 'TCP' }],
      [{ name: 'http', port: 8080, protocol: 'TCP' }],
      [{ name: 'http', port: 8080, protocol: 'UDP' }],
      [{ port: 8080, protocol: 'TCP' }, { name: 'http', port: 8080, protocol: 'TCP' }],
    ]);
    expect(groups[1].ports).toBe(groups[0].ports);
    expect(groups[3].ports[1]).toBe(groups[0].ports[0]);
  });

  it('share the template labels they read, unless a value must be made a string', () => {
    const objects = objectsFromYaml([deployment('a', 'one', '[]', '{app: a, tier: web}'), deployment('b', 'one', '[]', '{app: b, replicas: 3}')].join('---\n'));
    const [plain, numbered] = podGroupsFromObjects(objects, 'default');
    expect(plain.podLabels).toEqual({ app: 'a', tier: 'web' });
    expect(plain.podLabels).toBe((objects[0].raw as { spec: { template: { metadata: { labels: object } } } }).spec.template.metadata.labels);
    expect(numbered.podLabels).toEqual({ app: 'b', replicas: '3' });
  });
});
