/** `kubethreat scan --cluster` against the test API server: the same threat model as the manifests, read-only, no Secret value. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { fixtureObjects, runCli, SECRET_SENTINEL, sentinelSecret, startTestCluster, tempDir, WEBSHOP, type TestCluster } from './harness.js';

let cluster: TestCluster;
let sentinelFile: string;

beforeAll(async () => {
  const sentinel = sentinelSecret('shop-prod');
  sentinelFile = path.join(tempDir('sentinel'), 'sentinel.yaml');
  writeFileSync(sentinelFile, stringify(sentinel));
  cluster = await startTestCluster([...fixtureObjects(WEBSHOP), sentinel]);
});

afterAll(async () => {
  await cluster.close();
});

/**
 * Rules about manifests as files, not about the estate they describe: a Secret whose values sit in a manifest (in
 * version control) is a threat; a Secret in a cluster holds its values by definition, and kubethreat never sees them.
 */
const ABOUT_FILES_ONLY = new Set(['secret-data-in-manifest']);

/** What a finding says, without where it was read (a file and line, or the cluster). */
const essence = (model: ThreatModel): string[] =>
  model.findings
    .filter((finding) => !ABOUT_FILES_ONLY.has(finding.ruleId))
    .map((finding) => [finding.fingerprint, finding.severity, finding.message, finding.path].join(' | '))
    .sort();

describe('scan --cluster', () => {
  it('finds what a scan of the same manifests finds, at the version the API server reports', async () => {
    const fromFiles = await runCli(['scan', WEBSHOP, sentinelFile, '--cluster-name', cluster.context, '--kubernetes-version', 'v1.32.0', '-f', 'json', '--fail-on', 'none']);
    cluster.server.reset();
    const live = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', 'json', '--fail-on', 'none']);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const fileModel = JSON.parse(fromFiles.stdout) as ThreatModel;
    const liveModel = JSON.parse(live.stdout) as ThreatModel;

    expect(liveModel.findings.length).toBeGreaterThan(100);
    expect(essence(liveModel)).toEqual(essence(fileModel));
    expect(liveModel.findings.filter((finding) => ABOUT_FILES_ONLY.has(finding.ruleId))).toEqual([]);
    expect(liveModel.workloads).toEqual(fileModel.workloads);
    expect(liveModel.controls).toEqual(fileModel.controls);
    expect(liveModel.scope.clusters).toEqual([cluster.context]);
    expect(liveModel.scope.kubernetesVersions).toEqual([{ cluster: cluster.context, version: 'v1.32.0', from: 'server' }]);
    expect(liveModel.scope.files).toEqual([`<cluster ${cluster.context}>`]);
    expect(liveModel.problems).toEqual([]);
    // Live objects have no line: findings point at the cluster (or at the estate as a whole, as for files).
    const locations = new Set(liveModel.findings.map((finding) => `${finding.location.file}:${finding.location.line}`));
    expect(locations).toEqual(new Set([`<cluster ${cluster.context}>:0`, '(the estate as a whole):0']));
  });

  it("judges Pod Security by the cluster's own release, unless --kubernetes-version says otherwise", async () => {
    // The example pins two namespaces to v1.30. On the newest policy that pin misses two controls (v1.34, v1.35); a
    // v1.32 API server enforces neither, so on this cluster the pin misses nothing.
    const pinned = (model: ThreatModel): string[] => model.findings.filter((finding) => finding.ruleId === 'namespace-psa-version-pinned').map((finding) => finding.object.name).sort();
    const scan = async (...flags: string[]): Promise<ThreatModel> => JSON.parse((await runCli(['scan', '--kubeconfig', cluster.kubeconfig, ...flags, '-f', 'json', '--fail-on', 'none'])).stdout) as ThreatModel;
    expect(pinned(await scan())).toEqual([]);
    const asIfNewer = await scan('--kubernetes-version', 'v1.35');
    expect(pinned(asIfNewer)).toEqual(['ingress-nginx', 'shop-prod']);
    expect(asIfNewer.scope.kubernetesVersions).toEqual([{ cluster: cluster.context, version: 'v1.35', from: 'flag' }]);
  });

  it('sends nothing but GET, asks for Secrets as metadata only, and no report holds a Secret value', async () => {
    cluster.server.reset();
    const outputs: string[] = [];
    for (const format of ['json', 'sarif', 'markdown', 'terminal']) {
      const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', format, '--fail-on', 'none']);
      outputs.push(run.stdout, run.stderr);
    }
    const requests = cluster.server.requests;
    expect(new Set(requests.map((request) => request.method))).toEqual(new Set(['GET']));
    const secretRequests = requests.filter((request) => request.path.endsWith('/secrets'));
    expect(secretRequests.length).toBeGreaterThan(0);
    for (const request of secretRequests) expect(request.accept).toBe('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
    // Secrets are only ever requested as lists of metadata, never one by one.
    expect(requests.filter((request) => request.path.includes('/secrets/'))).toEqual([]);
    expect(requests.every((request) => request.authenticatedBy === 'token' && request.userAgent?.startsWith('kubethreat/'))).toBe(true);
    const base64 = Buffer.from(SECRET_SENTINEL).toString('base64');
    for (const output of outputs) {
      expect(output).not.toContain(SECRET_SENTINEL);
      expect(output).not.toContain(base64);
    }
  });

  it('lists every kind the model reads, across API groups, and reads Secret types without their data', async () => {
    cluster.server.reset();
    const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', 'json', '--fail-on', 'none']);
    const listed = new Set(cluster.server.requests.map((request) => request.path));
    for (const path of [
      '/api/v1/pods',
      '/api/v1/namespaces',
      '/api/v1/nodes',
      '/apis/apps/v1/deployments',
      '/apis/batch/v1/cronjobs',
      '/apis/networking.k8s.io/v1/networkpolicies',
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      '/apis/policy/v1/poddisruptionbudgets',
      '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies',
      '/apis/storage.k8s.io/v1/storageclasses',
    ]) {
      expect(listed).toContain(path);
    }
    const typeQueries = cluster.server.requests.filter((request) => request.path === '/api/v1/secrets' && request.query.fieldSelector);
    expect(typeQueries.map((request) => request.query.fieldSelector)).toContain('type=kubernetes.io/service-account-token');
    // The long-lived token Secret of the CI deployer is known as one, as in the manifest.
    const model = JSON.parse(run.stdout) as ThreatModel;
    expect(model.scope.objects).toBe(fixtureObjects(WEBSHOP).length + 1);
  });

  it('shows progress on standard error only when it is a terminal', async () => {
    const onTerminal = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', 'json', '--fail-on', 'none'], {}, { stderrIsTTY: true });
    expect(onTerminal.stderr).toContain(`kubethreat: reading ${cluster.context} (${cluster.server.url}, Kubernetes v1.32.0)`);
    expect(onTerminal.stderr).toMatch(/test-cluster: pods 1\n/);
    expect(onTerminal.stderr).toMatch(/test-cluster: deployments 10\n/);
    const piped = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', 'json', '--fail-on', 'none']);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(onTerminal.stdout);
  });

  it('refuses files and --cluster together, and an unknown context, as usage errors', async () => {
    const both = await runCli(['scan', WEBSHOP, '--cluster', '--kubeconfig', cluster.kubeconfig]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either files to read or --cluster, not both');
    const unknown = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '--context', 'prod']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`no context "prod" in ${cluster.kubeconfig}; it has: ${cluster.context}`);
    const missing = await runCli(['scan', '--kubeconfig', 'no/such/kubeconfig']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--kubeconfig no/such/kubeconfig: no such file');
    const none = await runCli(['scan', '--cluster']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no kubeconfig found');
  });
});
