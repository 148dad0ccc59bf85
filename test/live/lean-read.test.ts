/**
 * Reading a cluster for an analysis: a Pod whose controller is in the cluster is kept without its spec but for its
 * node and ephemeral containers (it is analysed through the controller's template), however the lists interleave; a
 * Pod whose controller is not, and a bare Pod, keep theirs; a ReplicaSet whose Deployment is there has its template
 * emptied; a snapshot keeps everything whole.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readClusters } from '../../src/live/index.js';
import type { K8sObject } from '../../src/model/object.js';
import type { FixtureObject } from './api-server.js';
import { REPO, runCli, startTestCluster, type TestCluster } from './harness.js';

const RS_UID = '11111111-2222-3333-4444-555555555555';
const DEPLOYMENT_UID = '66666666-7777-8888-9999-000000000000';
const privileged = { containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0.0', securityContext: { privileged: true } }], nodeName: 'node-1' };

const debugContainer = { name: 'debugger-x7', image: 'busybox:1.36', targetContainerName: 'app', securityContext: { privileged: true } };

const pod = (name: string, owner?: { kind: string; name: string; uid: string }): FixtureObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    labels: { app: 'web' },
    ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...owner, controller: true, blockOwnerDeletion: true }] } : {}),
  },
  spec: privileged,
});

const OBJECTS: FixtureObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: DEPLOYMENT_UID },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: privileged } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-6d4f', namespace: 'shop', uid: RS_UID, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: DEPLOYMENT_UID, controller: true }] },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: privileged } },
  },
  pod('web-6d4f-abcde', { kind: 'ReplicaSet', name: 'web-6d4f', uid: RS_UID }),
  pod('gone-7f9c-xyz12', { kind: 'ReplicaSet', name: 'gone-7f9c', uid: '99999999-0000-0000-0000-000000000000' }),
  pod('bare'),
  // kubectl debug on the Deployment's Pod: the ephemeral container is in no template, so the Pod keeps it.
  { ...pod('web-6d4f-debug', { kind: 'ReplicaSet', name: 'web-6d4f', uid: RS_UID }), spec: { ...privileged, ephemeralContainers: [debugContainer] } },
];

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster(OBJECTS);
});

afterAll(async () => {
  await cluster.close();
});

beforeEach(() => {
  cluster.server.reset();
  // The ReplicaSets answer late: read as they come, the Pods' list would be done first.
  cluster.server.inject({ path: '/apis/apps/v1/replicasets', delayMs: 300 });
});

const read = (lean: boolean) => readClusters({ kubeconfig: cluster.kubeconfig, contexts: [], env: {}, cwd: REPO, userAgent: 'kubethreat-test', concurrency: 8, lean });
const replicaSetTemplate = (objects: readonly K8sObject[]): unknown => (objects.find((object) => object.kind === 'ReplicaSet')?.raw.spec as { template?: unknown } | undefined)?.template;
const pods = (objects: readonly K8sObject[]): Record<string, { partial: boolean; spec: unknown }> =>
  Object.fromEntries(objects.filter((object) => object.kind === 'Pod').map((object) => [object.metadata.name, { partial: object.partial === true, spec: object.raw.spec }]));

describe('reading a cluster for an analysis', () => {
  it("keeps a Pod without its spec only when its controller is in the cluster, listing controllers before Pods", async () => {
    const result = await read(true);
    expect(result.problems).toEqual([]);
    expect(pods(result.objects)).toEqual({
      'web-6d4f-abcde': { partial: true, spec: { nodeName: 'node-1' } },
      'web-6d4f-debug': { partial: true, spec: { nodeName: 'node-1', ephemeralContainers: [debugContainer] } },
      'gone-7f9c-xyz12': { partial: false, spec: privileged },
      bare: { partial: false, spec: privileged },
    });
    // The ReplicaSet is analysed through its Deployment: its template is emptied, its labels kept.
    expect(replicaSetTemplate(result.objects)).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [] } });
    const order = cluster.server.requests.map((request) => request.path);
    expect(order.indexOf('/api/v1/pods')).toBeGreaterThan(order.indexOf('/apis/apps/v1/replicasets'));
  });

  it('keeps every Pod whole for a snapshot', async () => {
    const result = await read(false);
    expect(pods(result.objects)).toEqual({
      'web-6d4f-abcde': { partial: false, spec: privileged },
      'web-6d4f-debug': { partial: false, spec: { ...privileged, ephemeralContainers: [debugContainer] } },
      'gone-7f9c-xyz12': { partial: false, spec: privileged },
      bare: { partial: false, spec: privileged },
    });
    expect(replicaSetTemplate(result.objects)).toEqual({ metadata: { labels: { app: 'web' } }, spec: privileged });
  });

  it('reports the privileged container once for the Deployment, and on each Pod whose controller is not there', async () => {
    const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '--rule', 'privileged-container', '-f', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout) as { findings: Array<{ object: { kind: string; name: string } }> };
    expect(model.findings.map((finding) => `${finding.object.kind}/${finding.object.name}`).sort()).toEqual(['Deployment/web', 'Pod/bare', 'Pod/gone-7f9c-xyz12']);
  });

  it("reports the debug container attached to the Deployment's Pod, kept though the rest of the Pod's spec is not", async () => {
    const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '--rule', 'debug-container-attached', '-f', 'json', '--fail-on', 'none']);
    const model = JSON.parse(run.stdout) as { findings: Array<{ object: { kind: string; name: string }; severity: string; container: string }> };
    expect(model.findings.map((finding) => [`${finding.object.kind}/${finding.object.name}`, finding.container, finding.severity])).toEqual([['Pod/web-6d4f-debug', 'debugger-x7', 'critical']]);
  });
});
