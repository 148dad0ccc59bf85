/**
 * A dump as the real kubectl writes it (`kubectl get … -o json --show-managed-fields`, read from the test API server)
 * is what the loader's parser expects of a kubectl dump (src/load/unread-fields.ts): it leaves out managedFields,
 * statuses and the specs of controllers' Pods, and the objects loaded are those of the same List read whole.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, tempDir, type TestCluster } from './harness.js';
import type { FixtureObject } from './api-server.js';
import { streamListBatches } from '../../src/load/json-list-stream.js';
import { UnreadFieldSkipper } from '../../src/load/unread-fields.js';
import { loadInputs, type LoadResult } from '../../src/load/index.js';

const run = promisify(execFile);

const managedFields = [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } } }];
const containers = [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }];
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'shop', uid: `uid-${name}`, labels: { app: 'web' }, managedFields, ...extra });
const OBJECTS: FixtureObject[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'), spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } } }, status: { replicas: 1 } },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web-5d', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }] }),
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } } },
    status: { replicas: 1 },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('web-5d-x', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d', uid: 'uid-web-5d', controller: true }] }),
    spec: { containers, nodeName: 'node-1' },
    status: { phase: 'Running', podIP: '10.0.0.5' },
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: meta('debug'), spec: { containers, nodeName: 'node-1', hostPID: true }, status: { phase: 'Running' } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: 'uid-node-1', managedFields }, spec: {}, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] } },
  // The ReplicaSet's second Pod.
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('web-5d-y', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d', uid: 'uid-web-5d', controller: true }] }),
    spec: { containers, nodeName: 'node-2' },
    status: { phase: 'Running', podIP: '10.0.0.6' },
  },
];

let cluster: TestCluster;

/** An item as parsed: the fields these tests read. */
interface ParsedItem {
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; managedFields?: unknown[] };
  spec?: unknown;
  status?: unknown;
}
let dump: string;

beforeAll(async () => {
  cluster = await startTestCluster(OBJECTS);
  const { stdout } = await run(
    'kubectl',
    ['--kubeconfig', cluster.kubeconfig, '--cache-dir', tempDir('kubectl-cache'), 'get', 'deployments,replicasets,pods,services,nodes', '-A', '-o', 'json', '--show-managed-fields'],
    { env: { PATH: process.env.PATH, HOME: tempDir('kubectl-home') } },
  );
  dump = stdout;
});

afterAll(async () => {
  await cluster.close();
});

async function parsedByTheLoader(text: string): Promise<Array<ParsedItem>> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield Buffer.from(text);
  }
  const values: Array<ParsedItem> = [];
  for await (const batch of streamListBatches(chunks(), 256, new UnreadFieldSkipper().parse)) for (const item of batch) values.push(item.value as ParsedItem);
  return values;
}

describe('a dump written by kubectl', () => {
  it('is parsed without managedFields, the statuses no analysis reads and the spec of a controller’s Pod', async () => {
    const whole = (JSON.parse(dump) as { items: Array<ParsedItem> }).items;
    expect(whole.every((item) => item.metadata.managedFields?.length === 1)).toBe(true);
    const values = await parsedByTheLoader(dump);
    expect(values.map((value) => value.kind)).toEqual(whole.map((item) => item.kind));
    for (const value of values) expect(value.metadata.managedFields).toEqual([]);
    const byName = (kind: string, name: string) => values.find((value) => value.kind === kind && value.metadata.name === name)!;
    expect(byName('Pod', 'web-5d-x').spec).toEqual({ nodeName: 'node-1' });
    expect(byName('Pod', 'web-5d-y').spec).toEqual({ nodeName: 'node-2' });
    expect(byName('Pod', 'web-5d-x').status).toEqual({});
    expect(byName('Pod', 'debug').spec).toEqual(OBJECTS[3].spec);
    expect(byName('Deployment', 'web').status).toEqual({});
    expect(byName('Deployment', 'web').spec).toEqual(OBJECTS[0].spec);
    expect(byName('Service', 'web').status).toEqual(OBJECTS[4].status);
    expect(byName('Node', 'node-1').status).toEqual(OBJECTS[5].status);
  });

  it('loads the same objects as the same List written compactly, read whole', async () => {
    const dir = tempDir('kubectl-dump');
    writeFileSync(path.join(dir, 'kubectl.json'), dump);
    writeFileSync(path.join(dir, 'compact.json'), JSON.stringify(JSON.parse(dump)));
    const kept = (result: LoadResult) => result.objects.map((object) => ({ kind: object.kind, metadata: object.metadata, raw: object.raw, partial: object.partial }));
    const compact = await loadInputs(['compact.json'], { cwd: dir });
    expect(compact.objects).toHaveLength(OBJECTS.length);
    for (const keepJsonBytes of [undefined, 0]) {
      const loaded = await loadInputs(['kubectl.json'], { cwd: dir, keepJsonBytes });
      expect(loaded.problems).toEqual([]);
      expect(kept(loaded)).toEqual(kept(compact));
    }
  });
});
