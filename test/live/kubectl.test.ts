/**
 * Fidelity of the test API server: the real kubectl on the machine reads it with the same kubeconfig kubethreat
 * uses. If kubectl can list pods from it, the server speaks the API (TLS, auth, discovery, lists) as a real one does.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureObjects, startTestCluster, tempDir, WEBSHOP, type TestCluster } from './harness.js';

const run = promisify(execFile);
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster(fixtureObjects(WEBSHOP));
});

afterAll(async () => {
  await cluster.close();
});

const kubectl = async (...args: string[]): Promise<unknown> => {
  const { stdout } = await run('kubectl', ['--kubeconfig', cluster.kubeconfig, '--cache-dir', tempDir('kubectl-cache'), ...args], { env: { PATH: process.env.PATH, HOME: tempDir('kubectl-home') } });
  return JSON.parse(stdout) as unknown;
};

interface ListOutput {
  kind: string;
  items: Array<{ apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }>;
}

describe('kubectl against the test API server', () => {
  it('lists pods from all namespaces with the kubeconfig kubethreat uses', async () => {
    const list = (await kubectl('get', 'pods', '-A', '-o', 'json')) as ListOutput;
    expect(list.kind).toBe('List');
    expect(list.items.map((item) => [item.apiVersion, item.kind, item.metadata.namespace, item.metadata.name])).toEqual([['v1', 'Pod', 'shop-dev', 'debug-tools']]);
    const request = cluster.server.requests.find((entry) => entry.path === '/api/v1/pods');
    expect(request).toMatchObject({ method: 'GET', authenticatedBy: 'token', query: { limit: '500' } });
  });

  it('lists a kind of another API group page by page, as kubethreat does', async () => {
    const list = (await kubectl('get', 'networkpolicies.networking.k8s.io', '-A', '-o', 'json', '--chunk-size', '4')) as ListOutput;
    expect(list.items).toHaveLength(10);
    const pages = cluster.server.requests.filter((entry) => entry.path === '/apis/networking.k8s.io/v1/networkpolicies');
    expect(pages.map((entry) => entry.query.limit)).toEqual(['4', '4', '4']);
    expect(pages.slice(1).every((entry) => entry.query.continue)).toBe(true);
  });
});
