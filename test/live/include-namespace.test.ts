/**
 * `--include-namespace`: a live cluster read for an identity whose rights are bound in some namespaces. The
 * namespaced kinds are listed in those namespaces only and their Namespaces got by name; the threat model covers
 * them, says what it leaves out, and the rules that report what the whole cluster lacks do not run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { fixtureObjects, REPO, runCli, startTestCluster, tempDir, WEBSHOP, type TestCluster } from './harness.js';
import { readClusters } from '../../src/live/index.js';
import path from 'node:path';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster(fixtureObjects(WEBSHOP));
});

afterAll(async () => {
  await cluster.close();
});

beforeEach(() => cluster.server.reset());

const scan = async (...flags: string[]): Promise<{ model: ThreatModel; stderr: string }> => {
  const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, ...flags, '-f', 'json', '--fail-on', 'none']);
  return { model: JSON.parse(run.stdout) as ThreatModel, stderr: run.stderr };
};
const rulesOn = (model: ThreatModel): Set<string> => new Set(model.findings.map((finding) => finding.ruleId));

describe('scan --include-namespace', () => {
  it('lists namespaced kinds in that namespace only, and gets its Namespace by name', async () => {
    await scan('--include-namespace', 'shop-dev');
    const paths = cluster.server.requests.map((request) => request.path);
    expect(paths).toContain('/api/v1/namespaces/shop-dev/pods');
    expect(paths).toContain('/apis/apps/v1/namespaces/shop-dev/deployments');
    expect(paths).toContain('/api/v1/namespaces/shop-dev');
    // No cluster-wide list of a namespaced kind, and no list of all Namespaces.
    expect(paths).not.toContain('/api/v1/pods');
    expect(paths).not.toContain('/api/v1/namespaces');
    // Cluster-scoped kinds are listed as ever.
    expect(paths).toContain('/apis/rbac.authorization.k8s.io/v1/clusterroles');
    expect(new Set(cluster.server.requests.map((request) => request.method))).toEqual(new Set(['GET']));
  });

  it("models that namespace, with what it lacks, and not what the whole cluster lacks", async () => {
    const whole = (await scan()).model;
    const { model } = await scan('--include-namespace', 'shop-dev');
    const namespaces = new Set(model.findings.map((finding) => finding.object.namespace).filter((namespace) => namespace !== undefined));
    expect(namespaces).toEqual(new Set(['shop-dev']));
    expect(model.scope.namespaces).toEqual(['shop-dev']);
    // What a namespace lacks is judged from its own objects: still reported.
    expect(whole.findings.some((finding) => finding.ruleId === 'network-policy-missing' && finding.object.namespace === 'shop-dev')).toBe(true);
    expect(model.findings.some((finding) => finding.ruleId === 'network-policy-missing' && finding.object.namespace === 'shop-dev')).toBe(true);
    // What the whole cluster lacks cannot be told from one namespace: no runtime detection is not reported.
    expect(rulesOn(whole).has('runtime-detection-missing')).toBe(true);
    expect(rulesOn(model).has('runtime-detection-missing')).toBe(false);
    // The Namespace itself was read (got by name): what it lacks is reported on it.
    expect(model.findings.some((finding) => finding.object.kind === 'Namespace' && finding.object.name === 'shop-dev')).toBe(true);
    expect(model.problems.filter((problem) => problem.severity !== 'notice')).toEqual([]);
    // Nor does the controls matrix call missing what it could not see.
    const runtime = model.controls.flatMap((entry) => entry.controls).find((control) => control.control === 'runtime-detection');
    expect(runtime).toMatchObject({ status: 'not-applicable', evidence: 'no runtime detection DaemonSet found, but daemonsets.apps were read in some namespaces only: not known' });
    const messages = model.problems.map((problem) => problem.message);
    expect(messages).toContain('only the namespaces shop-dev were read (--include-namespace): objects of other namespaces are not analysed, and neither is what the whole cluster lacks (node agents, monitoring)');
    expect(messages).toContain('rule runtime-detection-missing did not run: it reports what the whole cluster lacks, and daemonsets.apps were read in some namespaces only');
  });

  it("names the namespace of a list it may not read, and a namespace that does not exist", async () => {
    cluster.server.inject({ path: '/api/v1/namespaces/shop-dev/configmaps', status: 403 });
    const { model, stderr } = await scan('--include-namespace', 'shop-dev', '--include-namespace', 'nope');
    expect(stderr).toContain('cannot list configmaps in namespace shop-dev (403 Forbidden): credentials kept in ConfigMaps are not detected');
    expect(stderr).toContain('namespace nope does not exist in this cluster');
    expect(model.problems.find((problem) => problem.message.startsWith('cannot list configmaps'))?.hint).toBe('grant list on configmaps in namespace shop-dev to the identity kubethreat runs as');
  });

  it("keeps the other namespaces' objects of a kind one namespace refuses, which stays a gap", async () => {
    cluster.server.inject({ path: '/api/v1/namespaces/shop-dev/configmaps', status: 403 });
    const result = await readClusters({ kubeconfig: cluster.kubeconfig, contexts: [], env: {}, cwd: REPO, userAgent: 'kubethreat-test', lean: true, namespaces: ['shop-dev', 'shop-prod'] });
    const configMaps = result.objects.filter((object) => object.kind === 'ConfigMap').map((object) => object.metadata.namespace);
    expect(configMaps.length).toBeGreaterThan(0);
    expect(new Set(configMaps)).toEqual(new Set(['shop-prod']));
    expect(result.objects.some((object) => object.kind === 'Deployment' && object.metadata.namespace === 'shop-dev')).toBe(true);
    expect(result.problems.filter((problem) => problem.unlisted !== undefined)).toEqual([
      expect.objectContaining({ message: 'cannot list configmaps in namespace shop-dev (403 Forbidden): credentials kept in ConfigMaps are not detected', skipped: 'configmaps in namespace shop-dev', unlisted: 'configmaps' }),
    ]);
  });

  it('refuses a name no namespace can have, before reading anything', async () => {
    for (const name of ['', 'Shop', 'shop_dev', '-shop', 'a'.repeat(64)]) {
      const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '--include-namespace', name]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`invalid --include-namespace "${name}"`);
    }
    expect(cluster.server.requests).toEqual([]);
  });

  it('keeps in a snapshot what was read, and the scan of it says the same', async () => {
    const file = path.join(tempDir('partial-snapshot'), 'shop-dev.json');
    const run = await runCli(['snapshot', '--kubeconfig', cluster.kubeconfig, '--include-namespace', 'shop-dev', '-o', file]);
    expect(run.code).toBe(0);
    const live = (await scan('--include-namespace', 'shop-dev')).model;
    const offline = JSON.parse((await runCli(['scan', file, '-f', 'json', '--fail-on', 'none'])).stdout) as ThreatModel;
    expect(offline.findings.map((finding) => finding.fingerprint)).toEqual(live.findings.map((finding) => finding.fingerprint));
    expect(offline.problems.map((problem) => problem.message)).toEqual(live.problems.map((problem) => problem.message));
  });
});
