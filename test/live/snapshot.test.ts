/** `kubethreat snapshot`: what was read, saved so that a later `scan FILE` gives the same threat model. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { fixtureObjects, runCli, SECRET_SENTINEL, sentinelSecret, startTestCluster, tempDir, WEBSHOP, writeKubeconfig, type TestCluster } from './harness.js';
import { findingWith } from '../../src/engine/finding.js';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster([...fixtureObjects(WEBSHOP), sentinelSecret('shop-prod')]);
});

afterAll(async () => {
  await cluster.close();
});

beforeEach(() => {
  cluster.server.reset();
});

const withoutRunDetails = (model: ThreatModel): unknown => ({
  ...model,
  scope: { ...model.scope, files: [] },
  findings: model.findings.map((finding) => findingWith(finding, { location: { ...finding.location, file: '', line: 0, column: 0 } })),
  // The attack paths' evidence points into the input too.
  attackPaths: JSON.parse(JSON.stringify(model.attackPaths ?? [], (key, value: unknown) => (key === 'location' ? undefined : value))) as unknown,
});

interface SnapshotList {
  apiVersion: string;
  kind: string;
  items: Array<Record<string, unknown> & { kind: string; metadata: Record<string, unknown> }>;
}

async function takeSnapshot(...args: string[]): Promise<{ file: string; list: SnapshotList; stdout: string; stderr: string }> {
  const file = path.join(tempDir('snapshot'), 'cluster.json');
  const run = await runCli(['snapshot', '--kubeconfig', cluster.kubeconfig, '-o', file, ...args]);
  expect(run.code).toBe(0);
  return { file, list: JSON.parse(readFileSync(file, 'utf8')) as SnapshotList, stdout: run.stdout, stderr: run.stderr };
}

describe('snapshot', () => {
  it('gives, scanned later, the threat model the live scan gave', async () => {
    const live = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', 'json', '--fail-on', 'none']);
    const { file, stdout } = await takeSnapshot();
    expect(stdout).toBe(`kubethreat: saved ${fixtureObjects(WEBSHOP).length + 1} objects from test-cluster to ${file}\n`);
    const offline = await runCli(['scan', file, '-f', 'json', '--fail-on', 'none']);
    const liveModel = JSON.parse(live.stdout) as ThreatModel;
    const offlineModel = JSON.parse(offline.stdout) as ThreatModel;
    expect(offlineModel.scope.clusters).toEqual(['test-cluster']);
    expect(offlineModel.findings.length).toBe(liveModel.findings.length);
    expect(withoutRunDetails(offlineModel)).toEqual(withoutRunDetails(liveModel));
  });

  it('is a kubectl List holding Secrets as metadata and type only, without managedFields', async () => {
    const { file, list } = await takeSnapshot();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET_SENTINEL);
    expect(text).not.toContain(Buffer.from(SECRET_SENTINEL).toString('base64'));
    expect(text).not.toContain('managedFields');
    expect([list.apiVersion, list.kind]).toEqual(['v1', 'List']);
    const secrets = list.items.filter((item) => item.kind === 'Secret');
    expect(secrets.map((secret) => Object.keys(secret).sort())).toEqual(secrets.map(() => ['apiVersion', 'kind', 'metadata', 'type']));
    const deployerToken = secrets.find((secret) => secret.metadata.name === 'deployer-token');
    expect(deployerToken?.type).toBe('kubernetes.io/service-account-token');
    const objects = list.items.filter((item) => item.apiVersion !== 'kubethreat.io/v1');
    for (const item of objects) expect((item.metadata.annotations as Record<string, string>)['kubethreat.io/cluster']).toBe('test-cluster');
    // The cluster's version, as its API server reported it, for the offline scan to follow.
    expect(list.items.filter((item) => item.kind === 'ClusterVersion')).toEqual([
      { apiVersion: 'kubethreat.io/v1', kind: 'ClusterVersion', metadata: { name: 'cluster-1' }, cluster: 'test-cluster', kubernetesVersion: 'v1.32.0' },
    ]);
  });

  it('records coverage gaps, which a scan of the snapshot reports as the live scan did', async () => {
    cluster.server.inject({ path: '/apis/networking.k8s.io/v1/networkpolicies', status: 403 });
    const { file, stderr } = await takeSnapshot();
    const gap = 'cannot list networkpolicies (403 Forbidden): network boundaries are not analysed';
    expect(stderr).toContain(gap);
    const offline = JSON.parse((await runCli(['scan', file, '-f', 'json', '--fail-on', 'none'])).stdout) as ThreatModel;
    expect(offline.problems.map((problem) => [problem.severity, problem.file, problem.message, problem.cluster])[0]).toEqual(['warning', '<cluster test-cluster>', gap, 'test-cluster']);
    // The snapshot remembers what could not be listed: the rules about missing NetworkPolicies stay silent offline too.
    expect(offline.problems.filter((problem) => problem.severity === 'notice').map((problem) => problem.message)).toContain(
      'rule network-policy-missing did not run: it reports what is missing, and networkpolicies.networking.k8s.io could not be listed',
    );
    expect(offline.findings.some((finding) => finding.ruleId === 'network-policy-missing')).toBe(false);
  });

  it('holds several clusters in one file, each object with its own', async () => {
    const second = await startTestCluster(fixtureObjects(path.join(WEBSHOP, 'shop-dev')), { context: 'dev', tls: cluster.tls, gitVersion: 'v1.30.5-eks-2a5b3c' });
    try {
      const kubeconfig = writeKubeconfig(tempDir('two'), {
        clusters: [
          { name: 'prod', server: cluster.server.url, caFile: cluster.tls.caFile },
          { name: 'dev', server: second.server.url, caFile: cluster.tls.caFile },
        ],
        users: [
          { name: 'prod', token: cluster.token },
          { name: 'dev', token: second.token },
        ],
        contexts: [
          { name: 'prod', cluster: 'prod', user: 'prod' },
          { name: 'dev', cluster: 'dev', user: 'dev' },
        ],
      });
      const file = path.join(tempDir('two-snapshot'), 'estate.json');
      const run = await runCli(['snapshot', '--kubeconfig', kubeconfig, '--context', 'prod', '--context', 'dev', '-o', file]);
      expect(run.code).toBe(0);
      const model = JSON.parse((await runCli(['scan', file, '-f', 'json', '--fail-on', 'none'])).stdout) as ThreatModel;
      expect(model.scope.clusters).toEqual(['dev', 'prod']);
      // Each cluster at the version its own API server reported.
      expect(model.scope.kubernetesVersions).toEqual([
        { cluster: 'dev', version: 'v1.30.5-eks-2a5b3c', from: 'server' },
        { cluster: 'prod', version: 'v1.32.0', from: 'server' },
      ]);
      // The same Deployment in both clusters is two objects, not a duplicate.
      expect(model.problems).toEqual([]);
      const api = model.workloads.filter((workload) => workload.object.namespace === 'shop-dev' && workload.object.name === 'api');
      expect(api).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('writes to standard output with -o -', async () => {
    const run = await runCli(['snapshot', '--kubeconfig', cluster.kubeconfig, '-o', '-']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as SnapshotList;
    expect(list.items.filter((item) => item.apiVersion !== 'kubethreat.io/v1')).toHaveLength(fixtureObjects(WEBSHOP).length + 1);
  });
});
