/**
 * A live read keeps a controller's Pods without their spec (K8sObject.partial), but of each owner's first Pod it keeps
 * the containers admission added (a service mesh's sidecars, src/load/admitted-samples.ts): they run in every Pod of
 * the workload and are in no template.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import type { FixtureObject } from './api-server.js';
import { runCli, startTestCluster, type TestCluster } from './harness.js';

const DEPLOYMENT_UID = 'aaaaaaaa-1111-2222-3333-555555555555';
const RS_UID = 'bbbbbbbb-1111-2222-3333-555555555555';
const app = { name: 'app', image: 'ghcr.io/acme/checkout:2.1.0', securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false } };
const template = { metadata: { labels: { app: 'checkout' } }, spec: { containers: [app] } };
const istioInit = { name: 'istio-init', image: 'docker.io/istio/proxyv2:1.22.0', securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] } } };
const pod = (name: string): FixtureObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'checkout' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'checkout-5f7d', uid: RS_UID, controller: true }] },
  spec: { nodeName: 'node-1', initContainers: [istioInit], containers: [app] },
});

const OBJECTS: FixtureObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'checkout', namespace: 'shop', uid: DEPLOYMENT_UID }, spec: { selector: { matchLabels: { app: 'checkout' } }, template } },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'checkout-5f7d', namespace: 'shop', uid: RS_UID, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', uid: DEPLOYMENT_UID, controller: true }] },
    spec: { selector: { matchLabels: { app: 'checkout' } }, template },
  },
  pod('checkout-5f7d-x1'),
  pod('checkout-5f7d-x2'),
];

describe('containers admission added, on a live cluster', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(OBJECTS);
  });
  afterAll(async () => {
    await cluster.close();
  });

  it("are analysed as the Deployment's, from its first Pod, and its level is what its Pods run", async () => {
    const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', 'json', '--fail-on', 'none', '--rule', 'capabilities-dangerous']);
    expect(run.stderr).toBe('');
    const model = JSON.parse(run.stdout) as ThreatModel;
    expect(model.findings.map((finding) => [finding.object.kind, finding.object.name, finding.container, finding.path])).toEqual([
      ['Deployment', 'checkout', 'istio-init', 'spec.initContainers[0].securityContext.capabilities.add'],
    ]);
    expect(model.findings[0].admittedIn).toEqual({ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'checkout-5f7d-x1', cluster: 'test-cluster' });
    expect(model.findings[0].related).toEqual([{ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'checkout-5f7d-x1', cluster: 'test-cluster' }]);
    expect(model.findings[0].message).toContain('Admission added this container to the pods (seen in Pod shop/checkout-5f7d-x1)');
    expect(model.workloads.map((workload) => [workload.object.name, workload.podSecurityLevel])).toEqual([['checkout', 'privileged']]);
  });
});
