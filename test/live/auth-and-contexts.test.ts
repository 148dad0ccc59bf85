/** Credentials the official client supports, the in-cluster service account, and several contexts as several clusters. */
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { readClusters } from '../../src/live/index.js';
import { makeTls } from './tls.js';
import { fixtureObjects, REPO, runCli, startTestCluster, tempDir, WEBSHOP, writeKubeconfig, type TestCluster } from './harness.js';

let prod: TestCluster;
let dev: TestCluster;

beforeAll(async () => {
  const objects = fixtureObjects(WEBSHOP);
  const inNamespace = (namespace: string) => objects.filter((object) => object.metadata.namespace === namespace || object.metadata.name === namespace);
  prod = await startTestCluster(inNamespace('shop-prod'), { context: 'prod' });
  dev = await startTestCluster(inNamespace('shop-dev'), { context: 'dev', tls: prod.tls });
});

afterAll(async () => {
  await Promise.all([prod.close(), dev.close()]);
});

const cwd = REPO;
const kinds = (result: Awaited<ReturnType<typeof readClusters>>): string[] => [...new Set(result.objects.map((object) => object.kind))].sort();

describe('credentials', () => {
  it('runs an exec plugin for the token, as kubectl does for cloud logins', async () => {
    const dir = tempDir('exec');
    const plugin = path.join(dir, 'credential-plugin.sh');
    const credential = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: prod.token } };
    writeFileSync(plugin, `#!/bin/sh\ncat <<'EOF'\n${JSON.stringify(credential)}\nEOF\n`);
    chmodSync(plugin, 0o755);
    const kubeconfig = writeKubeconfig(dir, {
      clusters: [{ name: 'prod', server: prod.server.url, caFile: prod.tls.caFile }],
      users: [{ name: 'sso', exec: { command: plugin, args: [] } }],
      contexts: [{ name: 'prod-sso', cluster: 'prod', user: 'sso' }],
    });
    prod.server.reset();
    const result = await readClusters({ kubeconfig, contexts: [], env: {}, cwd, userAgent: 'test' });
    expect(result.problems).toEqual([]);
    expect(kinds(result)).toContain('Deployment');
    expect(new Set(prod.server.requests.map((request) => request.authenticatedBy))).toEqual(new Set(['token']));
  });

  it('says the credential plugin failed, not that the server is unreachable, and sends nothing', async () => {
    const dir = tempDir('exec-missing');
    const failing = path.join(dir, 'expired-login.sh');
    writeFileSync(failing, '#!/bin/sh\necho "the SSO session expired: log in again" >&2\nexit 1\n');
    chmodSync(failing, 0o755);
    for (const command of [path.join(dir, 'not-installed'), failing]) {
      const kubeconfig = writeKubeconfig(dir, {
        clusters: [{ name: 'prod', server: prod.server.url, caFile: prod.tls.caFile }],
        users: [{ name: 'sso', exec: { command, args: [] } }],
        contexts: [{ name: 'prod-sso', cluster: 'prod', user: 'sso' }],
      });
      prod.server.reset();
      const run = await runCli(['scan', '--kubeconfig', kubeconfig]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`cannot get the credentials of context "prod-sso": its credential plugin "${command}" failed: `);
      expect(run.stderr).toContain('kubectl --context prod-sso auth whoami');
      if (command === failing) expect(run.stderr).toContain('failed: the SSO session expired: log in again (skipped: the whole cluster)');
      expect(prod.server.requests).toEqual([]);
    }
  });

  it('presents a client certificate', async () => {
    const dir = tempDir('client-cert');
    const kubeconfig = writeKubeconfig(dir, {
      clusters: [{ name: 'prod', server: prod.server.url, caFile: prod.tls.caFile }],
      users: [{ name: 'admin', clientCertificate: { certFile: prod.tls.clientCertFile, keyFile: prod.tls.clientKeyFile } }],
      contexts: [{ name: 'prod-admin', cluster: 'prod', user: 'admin' }],
    });
    prod.server.reset();
    const result = await readClusters({ kubeconfig, contexts: [], env: {}, cwd, userAgent: 'test' });
    expect(result.problems).toEqual([]);
    expect(result.clusters).toEqual([{ context: 'prod-admin', cluster: 'prod-admin', reachable: true, kubernetesVersion: 'v1.32.0' }]);
    expect(new Set(prod.server.requests.map((request) => request.authenticatedBy))).toEqual(new Set(['client-certificate']));
  });

  it("uses the pod's service account when there is no kubeconfig and KUBERNETES_SERVICE_HOST is set", async () => {
    const serviceAccountDir = tempDir('serviceaccount');
    writeFileSync(path.join(serviceAccountDir, 'token'), prod.token);
    copyFileSync(prod.tls.caFile, path.join(serviceAccountDir, 'ca.crt'));
    const port = new URL(prod.server.url).port;
    const env = { HOME: tempDir('empty-home'), KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port };
    const result = await readClusters({ contexts: [], env, cwd, userAgent: 'test', serviceAccountDir });
    expect(result.problems).toEqual([]);
    expect(result.clusters).toEqual([{ context: 'in-cluster', cluster: 'in-cluster', reachable: true, kubernetesVersion: 'v1.32.0' }]);
    expect(kinds(result)).toContain('NetworkPolicy');
  });

  it('does not trust a server whose certificate its CA did not sign', async () => {
    const kubeconfig = writeKubeconfig(tempDir('wrong-ca'), {
      clusters: [{ name: 'prod', server: prod.server.url, caFile: makeTls().caFile }],
      users: [{ name: 'user', token: prod.token }],
      contexts: [{ name: 'prod', cluster: 'prod', user: 'user' }],
    });
    const run = await runCli(['scan', '--kubeconfig', kubeconfig]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot reach the API server of context "prod": the server certificate of');
    expect(run.stderr).toContain('is not trusted');
  });
});

/** A kubeconfig with the contexts prod and dev, each with its own test API server and token. */
function twoClusterKubeconfig(name: string): string {
  return writeKubeconfig(tempDir(name), {
    clusters: [
      { name: 'prod', server: prod.server.url, caFile: prod.tls.caFile },
      { name: 'dev', server: dev.server.url, caFile: dev.tls.caFile },
    ],
    users: [
      { name: 'prod-user', token: prod.token },
      { name: 'dev-user', token: dev.token },
    ],
    contexts: [
      { name: 'prod', cluster: 'prod', user: 'prod-user' },
      { name: 'dev', cluster: 'dev', user: 'dev-user' },
    ],
  });
}

describe('several contexts', () => {
  it('reads each context as its own cluster of one threat model', async () => {
    const kubeconfig = twoClusterKubeconfig('two-clusters');
    const run = await runCli(['scan', '--kubeconfig', kubeconfig, '--context', 'prod', '--context', 'dev', '-f', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout) as ThreatModel;
    expect(model.scope.clusters).toEqual(['dev', 'prod']);
    expect(model.scope.files).toEqual(['<cluster prod>', '<cluster dev>']);
    const whereByNamespace = new Map<string, Set<string>>();
    for (const finding of model.findings) {
      const namespace = finding.object.namespace ?? finding.object.name;
      whereByNamespace.set(namespace, (whereByNamespace.get(namespace) ?? new Set()).add(finding.location.file));
    }
    expect(whereByNamespace.get('shop-prod')).toEqual(new Set(['<cluster prod>']));
    expect(whereByNamespace.get('shop-dev')).toEqual(new Set(['<cluster dev>']));
  });

  it('silences the absence rules of the cluster that refused a kind, and only of that one', async () => {
    const kubeconfig = twoClusterKubeconfig('two-clusters-403');
    prod.server.inject({ path: '/apis/networking.k8s.io/v1/networkpolicies', status: 403 });
    const run = await runCli(['scan', '--kubeconfig', kubeconfig, '--context', 'prod', '--context', 'dev', '-f', 'json', '--fail-on', 'none']).finally(() => prod.server.reset());
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout) as ThreatModel;
    const defaultDeny = model.findings.filter((finding) => finding.ruleId === 'namespace-default-deny-missing');
    // dev listed its NetworkPolicies: its namespace without a default deny is still reported; prod's rule did not run.
    expect(defaultDeny.map((finding) => `${finding.object.cluster}:${finding.object.name}`)).toContain('dev:shop-dev');
    expect(defaultDeny.every((finding) => finding.object.cluster === 'dev')).toBe(true);
    expect(model.problems).toContainEqual(expect.objectContaining({ severity: 'notice', message: 'rule namespace-default-deny-missing did not run for cluster prod: it reports what is missing, and networkpolicies.networking.k8s.io could not be listed' }));
    expect(model.problems.filter((problem) => problem.message.includes('did not run') && problem.message.includes('cluster dev'))).toEqual([]);
    expect(model.rules).toContain('namespace-default-deny-missing');
  });

  it('merges the files of KUBECONFIG as kubectl does, the first current context winning', async () => {
    const first = writeKubeconfig(tempDir('first'), {
      clusters: [{ name: 'prod', server: prod.server.url, caFile: prod.tls.caFile }],
      users: [{ name: 'prod-user', token: prod.token }],
      contexts: [{ name: 'prod', cluster: 'prod', user: 'prod-user' }],
    });
    const second = writeKubeconfig(tempDir('second'), {
      clusters: [{ name: 'dev', server: dev.server.url, caFile: dev.tls.caFile }],
      users: [{ name: 'dev-user', token: dev.token }],
      contexts: [{ name: 'dev', cluster: 'dev', user: 'dev-user' }],
    });
    const env = { KUBECONFIG: [first, second].join(path.delimiter) };
    const current = await readClusters({ contexts: [], env, cwd, userAgent: 'test' });
    expect(current.clusters.map((cluster) => cluster.context)).toEqual(['prod']);
    const both = await readClusters({ contexts: ['dev', 'prod'], env, cwd, userAgent: 'test' });
    expect(both.clusters.map((cluster) => cluster.context)).toEqual(['dev', 'prod']);
    expect(both.problems).toEqual([]);
  });
});
