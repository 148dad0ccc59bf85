import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from './index.js';
import { analyze } from '../engine/analyze.js';
import { TEST_NOW } from '../testing/scan-text.js';

const app = { name: 'app', image: 'registry.example/app:1.0.0', securityContext: { runAsNonRoot: true, runAsUser: 1000 } };
const sidecar = { name: 'istio-init', image: 'docker.io/istio/proxyv2:1.22.0', securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } } };
const template = { metadata: { labels: { app: 'api' } }, spec: { containers: [app] } };
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop', uid: 'd-uid' }, spec: { selector: { matchLabels: { app: 'api' } }, template } };
const replicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'api-5d4f', namespace: 'shop', uid: 'rs-uid', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'd-uid', controller: true }] },
  spec: { selector: { matchLabels: { app: 'api' } }, template },
};
/** A Pod of the ReplicaSet, with Istio's init container injected unless `meshed` is false. */
const podOf = (name: string, meshed = true) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'api' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-5d4f', uid: 'rs-uid', controller: true }] },
  spec: { nodeName: 'node-1', securityContext: { fsGroup: 1000 }, ...(meshed ? { initContainers: [sidecar] } : {}), containers: [app] },
});

function dump(items: unknown[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-admitted-'));
  const file = path.join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2));
  return file;
}

/** The three ways a List dump is read: in memory, streamed on one thread, streamed on two. */
const READS = [
  ['kept in memory', {}],
  ['streamed from disk', { keepJsonBytes: 0 }],
  ['streamed on two threads', { keepJsonBytes: 0, threadedJsonBytes: 0 }],
] as const;

describe('containers admission added to the Pods of a dump', () => {
  for (const [how, read] of READS) {
    it(`are kept from the first Pod of each owner only, the template's containers left out (${how})`, async () => {
      const file = dump([deployment, replicaSet, podOf('api-5d4f-a'), podOf('api-5d4f-b'), podOf('api-5d4f-c')]);
      const loaded = await loadInputs([file], { cwd: path.dirname(file), ...read });
      expect(loaded.problems).toEqual([]);
      const pods = loaded.objects.filter((object) => object.kind === 'Pod');
      expect(pods.map((pod) => pod.partial)).toEqual([true, true, true]);
      expect(pods[0].raw.spec).toEqual({ nodeName: 'node-1', securityContext: { fsGroup: 1000 }, initContainers: [sidecar], containers: [null] });
      expect(pods.slice(1).map((pod) => pod.raw.spec)).toEqual([{ nodeName: 'node-1' }, { nodeName: 'node-1' }]);

      const model = analyze({ objects: loaded.objects, options: { onlyRules: ['run-as-root', 'capabilities-dangerous'] }, now: TEST_NOW, toolVersion: 'test' });
      expect(model.findings.map((finding) => `${finding.ruleId} ${finding.object.kind}/${finding.object.name} ${finding.container} ${finding.path}`)).toEqual([
        'capabilities-dangerous Deployment/api istio-init spec.initContainers[0].securityContext.capabilities.add',
        'run-as-root Deployment/api istio-init spec.initContainers[0].securityContext.runAsUser',
      ]);
      expect(model.findings[0].related).toEqual([{ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'api-5d4f-a' }]);
    });
  }

  it('keep nothing of a Pod that runs only what its template lists', async () => {
    const file = dump([deployment, replicaSet, podOf('api-5d4f-a', false), podOf('api-5d4f-b')]);
    const loaded = await loadInputs([file], { cwd: path.dirname(file), keepJsonBytes: 0 });
    // The first Pod is the one looked at: the owner's Pods are admitted alike.
    expect(loaded.objects.filter((object) => object.kind === 'Pod').map((pod) => pod.raw.spec)).toEqual([{ nodeName: 'node-1' }, { nodeName: 'node-1' }]);
  });

  it('are sorted out when the load ends for a Pod read before its owner (kubectl get all lists Pods first)', async () => {
    const file = dump([podOf('api-5d4f-a'), podOf('api-5d4f-b'), deployment, replicaSet]);
    const loaded = await loadInputs([file], { cwd: path.dirname(file), keepJsonBytes: 0 });
    const pods = loaded.objects.filter((object) => object.kind === 'Pod');
    expect(pods.map((pod) => pod.raw.spec)).toEqual([{ nodeName: 'node-1', securityContext: { fsGroup: 1000 }, initContainers: [sidecar], containers: [null] }, { nodeName: 'node-1' }]);
    const model = analyze({ objects: loaded.objects, options: { onlyRules: ['run-as-root'] }, now: TEST_NOW, toolVersion: 'test' });
    expect(model.findings.map((finding) => `${finding.object.kind}/${finding.object.name} ${finding.container}`)).toEqual(['Deployment/api istio-init']);

    // Such a Pod that runs only what its template lists keeps its node alone, as if read after its owner.
    const plain = dump([podOf('api-5d4f-a', false), deployment, replicaSet]);
    const plainLoad = await loadInputs([plain], { cwd: path.dirname(plain), keepJsonBytes: 0 });
    expect(plainLoad.objects.find((object) => object.kind === 'Pod')?.raw.spec).toEqual({ nodeName: 'node-1' });
  });

  it("compare a dump's Pods with the templates of manifests given with it", async () => {
    const file = dump([podOf('api-5d4f-a', false)]);
    const yaml = path.join(path.dirname(file), 'api.yaml');
    writeFileSync(yaml, [deployment, replicaSet].map((object) => JSON.stringify(object)).join('\n---\n'));
    const loaded = await loadInputs([file, yaml], { cwd: path.dirname(file), keepJsonBytes: 0 });
    expect(loaded.problems).toEqual([]);
    expect(loaded.objects.find((object) => object.kind === 'Pod')?.raw.spec).toEqual({ nodeName: 'node-1' });
  });
});
