/**
 * Workload kinds of add-ons (Argo Rollouts, OpenShift DeploymentConfigs) are listed when the cluster serves them:
 * findings then name the Rollout people edit, not the ReplicaSet it runs; a cluster without the add-on answers 404,
 * which is no coverage gap (there is nothing of the add-on to analyse).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import type { FixtureObject } from './api-server.js';
import { ADD_ON_RESOURCES } from './resources.js';
import { runCli, startTestCluster, type TestCluster } from './harness.js';

const ROLLOUT_UID = 'aaaaaaaa-1111-2222-3333-444444444444';
const RS_UID = 'bbbbbbbb-1111-2222-3333-444444444444';
const template = { metadata: { labels: { app: 'checkout' } }, spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/checkout:2.1.0', securityContext: { privileged: true } }] } };

const OBJECTS: FixtureObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'checkout', namespace: 'shop', uid: ROLLOUT_UID },
    spec: { replicas: 2, selector: { matchLabels: { app: 'checkout' } }, template, strategy: { canary: { steps: [{ setWeight: 20 }] } } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'checkout-5f7d', namespace: 'shop', uid: RS_UID, ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', uid: ROLLOUT_UID, controller: true }] },
    spec: { replicas: 2, selector: { matchLabels: { app: 'checkout' } }, template },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'checkout-5f7d-x1', namespace: 'shop', labels: { app: 'checkout' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'checkout-5f7d', uid: RS_UID, controller: true }] },
    spec: { ...template.spec, nodeName: 'node-1' },
  },
];

const privilegedOn = (model: ThreatModel): string[] => model.findings.filter((finding) => finding.ruleId === 'privileged-container').map((finding) => `${finding.object.kind}/${finding.object.name}`);

describe('add-on workload kinds', () => {
  let withRollouts: TestCluster;
  let without: TestCluster;

  beforeAll(async () => {
    withRollouts = await startTestCluster(OBJECTS, { addOns: [ADD_ON_RESOURCES.argoRollouts, ADD_ON_RESOURCES.openShiftDeploymentConfigs] });
    without = await startTestCluster(OBJECTS.filter((object) => object.kind !== 'Rollout'));
  });

  afterAll(async () => {
    await withRollouts.close();
    await without.close();
  });

  it('reports on the Rollout, not on the ReplicaSet or the Pod it runs', async () => {
    const run = await runCli(['scan', '--kubeconfig', withRollouts.kubeconfig, '-f', 'json', '--fail-on', 'none']);
    expect(run.stderr).toBe('');
    const model = JSON.parse(run.stdout) as ThreatModel;
    expect(privilegedOn(model)).toEqual(['Rollout/checkout']);
    expect(model.workloads.map((workload) => `${workload.object.kind}/${workload.object.name}`)).toEqual(['Rollout/checkout']);
    expect(withRollouts.server.requests.map((request) => request.path)).toEqual(expect.arrayContaining(['/apis/argoproj.io/v1alpha1/rollouts', '/apis/apps.openshift.io/v1/deploymentconfigs']));
  });

  it('analyses the ReplicaSet itself where the add-on is not installed, with no coverage gap', async () => {
    const run = await runCli(['scan', '--kubeconfig', without.kubeconfig, '-f', 'json', '--fail-on', 'none']);
    const model = JSON.parse(run.stdout) as ThreatModel;
    expect(privilegedOn(model)).toEqual(['ReplicaSet/checkout-5f7d']);
    expect(model.problems).toEqual([]);
    expect(without.server.requests.find((request) => request.path === '/apis/argoproj.io/v1alpha1/rollouts')?.status).toBe(404);
  });
});
