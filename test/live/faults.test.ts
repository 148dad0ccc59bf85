/** What a real API server does to clients under load or restriction: pages, refusals, expired tokens, throttling, errors, slowness. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readClusters, type LiveOptions } from '../../src/live/index.js';
import { objectKey, objectRef } from '../../src/model/object.js';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { fixtureObjects, REPO, runCli, SECRET_SENTINEL, sentinelSecret, startTestCluster, WEBSHOP, type TestCluster } from './harness.js';

let cluster: TestCluster;
/** The waits kubethreat asked for between attempts, in milliseconds (the test does not actually wait). */
let waits: number[];

beforeAll(async () => {
  cluster = await startTestCluster([...fixtureObjects(WEBSHOP), sentinelSecret('shop-prod')]);
});

afterAll(async () => {
  await cluster.close();
});

beforeEach(() => {
  cluster.server.reset();
  waits = [];
});

const read = (options: Partial<LiveOptions> = {}) =>
  readClusters({
    kubeconfig: cluster.kubeconfig,
    contexts: [],
    env: {},
    cwd: REPO,
    userAgent: 'kubethreat-test',
    request: {
      timeoutMs: 400,
      attempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
    ...options,
  });

const keys = (objects: Awaited<ReturnType<typeof read>>['objects']): string[] => objects.map((object) => `${object.apiVersion} ${objectKey(objectRef(object))}`);
const requestsTo = (path: string) => cluster.server.requests.filter((request) => request.path === path);

describe('reading a live cluster', () => {
  it('follows continue tokens page by page and reads the same objects as in one page', async () => {
    const whole = await read();
    cluster.server.reset();
    const paged = await read({ pageSize: 3 });
    expect(keys(paged.objects)).toEqual(keys(whole.objects));
    const deployments = requestsTo('/apis/apps/v1/deployments');
    // 10 Deployments, 3 a page: 4 pages, each after the first carrying the previous page's token.
    expect(deployments.map((request) => request.query.limit)).toEqual(['3', '3', '3', '3']);
    expect(deployments[0].query.continue).toBeUndefined();
    expect(deployments.slice(1).every((request) => request.query.continue)).toBe(true);
  });

  it('reports a kind it may not list (403) as a coverage gap and analyses the rest', async () => {
    cluster.server.inject({ path: '/apis/networking.k8s.io/v1/networkpolicies', status: 403 });
    const result = await read();
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        file: '<cluster test-cluster>',
        message: 'cannot list networkpolicies (403 Forbidden): network boundaries are not analysed',
        skipped: 'all networkpolicies',
        hint: 'grant list on networkpolicies.networking.k8s.io to the identity kubethreat runs as (deploy/clusterrole.yaml lists everything it reads)',
        unlisted: 'networkpolicies.networking.k8s.io',
        cluster: 'test-cluster',
      },
    ]);
    expect(result.objects.some((object) => object.kind === 'NetworkPolicy')).toBe(false);
    expect(result.objects.filter((object) => object.kind === 'Deployment')).toHaveLength(10);
    expect(requestsTo('/apis/networking.k8s.io/v1/networkpolicies')).toHaveLength(1); // a refusal is not retried
  });

  it('shows the coverage gap in every report format of scan --cluster', async () => {
    cluster.server.inject({ path: '/apis/networking.k8s.io/v1/networkpolicies', status: 403 });
    const gap = 'cannot list networkpolicies (403 Forbidden): network boundaries are not analysed';
    for (const format of ['terminal', 'json', 'sarif', 'markdown', 'html', 'junit']) {
      const run = await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', format, '--fail-on', 'none']);
      expect(run.code, format).toBe(0);
      expect(run.stdout, format).toContain(format === 'html' ? 'cannot list networkpolicies (403 Forbidden)' : gap);
      if (format !== 'terminal') expect(run.stderr, format).toContain(gap);
    }
  });

  it('does not report missing NetworkPolicies it was not allowed to list: those rules do not run, and the run says so', async () => {
    const scan = async () => JSON.parse((await runCli(['scan', '--kubeconfig', cluster.kubeconfig, '-f', 'json', '--fail-on', 'none'])).stdout) as ThreatModel;
    const absenceRules = ['network-policy-missing', 'namespace-default-deny-missing'];
    const allowed = await scan();
    for (const rule of absenceRules) expect(allowed.findings.some((finding) => finding.ruleId === rule), rule).toBe(true);
    cluster.server.inject({ path: '/apis/networking.k8s.io/v1/networkpolicies', status: 403 });
    const denied = await scan();
    for (const rule of absenceRules) {
      expect(denied.findings.some((finding) => finding.ruleId === rule), rule).toBe(false);
      expect(denied.problems).toContainEqual({
        severity: 'notice',
        file: '<cluster test-cluster>',
        message: `rule ${rule} did not run: it reports what is missing, and networkpolicies.networking.k8s.io could not be listed`,
        skipped: `rule ${rule}`,
        hint: 'grant list on networkpolicies.networking.k8s.io to the identity kubethreat runs as',
      });
    }
    // The rules that do not rest on NetworkPolicies still run.
    expect(denied.findings.filter((finding) => finding.ruleId === 'privileged-container')).toEqual(allowed.findings.filter((finding) => finding.ruleId === 'privileged-container'));
  });

  it('restarts a list whose continue token expired (410 Gone) and keeps no half of it', async () => {
    cluster.server.inject({ path: '/apis/apps/v1/deployments', status: 410, onlyWithContinue: true, times: 1 });
    const result = await read({ pageSize: 3 });
    const deployments = requestsTo('/apis/apps/v1/deployments');
    expect(deployments.map((request) => [request.status, request.query.continue === undefined ? 'first page' : 'next page'])).toEqual([
      [200, 'first page'],
      [410, 'next page'],
      [200, 'first page'],
      [200, 'next page'],
      [200, 'next page'],
      [200, 'next page'],
    ]);
    expect(result.objects.filter((object) => object.kind === 'Deployment')).toHaveLength(10);
    expect(result.problems).toEqual([]);
  });

  it('retries 429 after the Retry-After the server asks for, and 500 with exponential backoff', async () => {
    cluster.server.inject({ path: '/api/v1/pods', status: 429, retryAfterSeconds: 2, times: 1 });
    cluster.server.inject({ path: '/apis/apps/v1/daemonsets', status: 500, times: 2 });
    const result = await read();
    expect(requestsTo('/api/v1/pods').map((request) => request.status)).toEqual([429, 200]);
    expect(requestsTo('/apis/apps/v1/daemonsets').map((request) => request.status)).toEqual([500, 500, 200]);
    expect([...waits].sort((a, b) => a - b)).toEqual([100, 200, 2_000]);
    expect(result.objects.filter((object) => object.kind === 'DaemonSet')).toHaveLength(2);
    expect(result.objects.filter((object) => object.kind === 'Pod')).toHaveLength(1);
    expect(result.problems).toEqual([]);
  });

  it('gives up after the last attempt and reports the kind as a gap, not the scan as failed', async () => {
    cluster.server.inject({ path: '/apis/batch/v1/cronjobs', status: 503 });
    const result = await read();
    expect(requestsTo('/apis/batch/v1/cronjobs')).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
    expect(result.problems.map((problem) => problem.message)).toEqual(['cannot list cronjobs (503 Service Unavailable, after 4 attempts): CronJob pod templates are not analysed']);
    expect(result.objects.filter((object) => object.kind === 'Deployment')).toHaveLength(10);
  });

  it('times out a slow answer and tries again', async () => {
    cluster.server.inject({ path: '/api/v1/services', delayMs: 1_500, times: 1 });
    const started = Date.now();
    const result = await read();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(requestsTo('/api/v1/services')).toHaveLength(2);
    expect(result.objects.filter((object) => object.kind === 'Service')).toHaveLength(10);
    expect(result.problems).toEqual([]);
  });

  it('stops at rejected credentials (401) with one error, not a gap per kind', async () => {
    const result = await read({ kubeconfig: undefined, env: { KUBECONFIG: badTokenKubeconfig() } });
    expect(result.clusters).toEqual([{ context: 'test-cluster', cluster: 'test-cluster', reachable: false }]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ severity: 'error', skipped: 'the whole cluster' });
    expect(result.problems[0].message).toContain('rejected the credentials of context "test-cluster" (401 Unauthorized)');
    expect(cluster.server.requests.map((request) => request.path)).toEqual(['/version']);
    const run = await runCli(['scan', '--cluster', '--fail-on', 'none'], { KUBECONFIG: badTokenKubeconfig() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('kubethreat: nothing could be read from the cluster test-cluster:\n  <cluster test-cluster>: error: the API server at');
  });
});

describe('an API server that ignores the request for metadata only', () => {
  it('has the Secret values it sends anyway dropped on receipt, and is reported', async () => {
    cluster.server.ignorePartialMetadata = true;
    const result = await read();
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'the API server sent whole secrets although kubethreat asked for their metadata only; the values were dropped on receipt and kept nowhere',
    ]);
    const secrets = result.objects.filter((object) => object.kind === 'Secret');
    expect(secrets.length).toBe(5);
    for (const secret of secrets) expect(Object.keys(secret.raw).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'type']);
    expect(JSON.stringify(result.objects)).not.toContain(Buffer.from(SECRET_SENTINEL).toString('base64'));
    expect(JSON.stringify(result.objects)).not.toContain(SECRET_SENTINEL);
  });
});

describe('an API server that does not answer', () => {
  it('is reported once, after the retries, as a cluster that could not be read', async () => {
    const gone = await startTestCluster([], { context: 'gone', tls: cluster.tls });
    const url = gone.server.url;
    await gone.close();
    waits = [];
    const result = await read({ kubeconfig: gone.kubeconfig });
    expect(result.clusters).toEqual([{ context: 'gone', cluster: 'gone', reachable: false }]);
    expect(result.problems.map((problem) => problem.message)).toEqual([`cannot reach the API server of context "gone": nothing answers at ${url} (connection refused)`]);
    expect(waits).toEqual([100, 200, 400]);
  });
});

function badTokenKubeconfig(): string {
  // The test cluster's kubeconfig, with a token the server does not know.
  const file = `${cluster.kubeconfig}-bad-token`;
  writeFileSync(file, readFileSync(cluster.kubeconfig, 'utf8').replace(cluster.token, 'not-the-token'));
  return file;
}
