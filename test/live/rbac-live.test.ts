/**
 * who-can on a live cluster: the default policy the bootstrap roles come from is the one of the version the cluster's
 * API server reports (the service-cidrs-controller role exists from v1.33), unless --kubernetes-version says another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureObjects, runCli, startTestCluster, WEBSHOP, type TestCluster } from './harness.js';

let onV133: TestCluster;

beforeAll(async () => {
  onV133 = await startTestCluster(fixtureObjects(WEBSHOP), { gitVersion: 'v1.33.5' });
});

afterAll(async () => {
  await onV133.close();
});

describe('who-can on a live cluster', () => {
  const whoCanUpdateServiceCidrs = async (...flags: string[]): Promise<string> => {
    const run = await runCli(['who-can', 'update', 'servicecidrs.networking.k8s.io', '--kubeconfig', onV133.kubeconfig, ...flags]);
    expect(run.code).toBe(0);
    return run.stdout;
  };

  it("answers with the default policy of the version the API server reports", async () => {
    expect(await whoCanUpdateServiceCidrs()).toContain('system:serviceaccount:kube-system:service-cidrs-controller');
    expect(await whoCanUpdateServiceCidrs('--kubernetes-version', 'v1.32')).not.toContain('service-cidrs-controller');
  });
});
