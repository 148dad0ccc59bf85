import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from './index.js';
import { analyze } from '../engine/analyze.js';
import { TEST_NOW } from '../testing/scan-text.js';

const container = { name: 'app', image: 'registry.example/app:1.0.0', securityContext: { privileged: true } };
const replicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'api-5d4f', namespace: 'shop', uid: 'rs-uid' },
  spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [container] } } },
};
const podOf = (name: string, owner: { kind: string; name: string; uid: string }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'api' }, ownerReferences: [{ apiVersion: 'apps/v1', ...owner, controller: true }] },
  spec: { nodeName: 'node-1', containers: [container] },
});

function dump(items: unknown[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-partial-'));
  const file = path.join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2));
  return file;
}

describe('pods of controllers in a dump', () => {
  for (const [how, keepJsonBytes] of [
    ['kept in memory', undefined],
    ['streamed from disk', 0],
  ] as const) {
    it(`are analysed through their controller, and in full when the controller is missing (${how})`, async () => {
      const file = dump([replicaSet, podOf('api-5d4f-a', { kind: 'ReplicaSet', name: 'api-5d4f', uid: 'rs-uid' }), podOf('orphan-x', { kind: 'ReplicaSet', name: 'gone', uid: 'gone-uid' })]);
      const loaded = await loadInputs([file], { cwd: path.dirname(file), ...(keepJsonBytes === undefined ? {} : { keepJsonBytes }) });
      expect(loaded.problems).toEqual([]);
      const managed = loaded.objects.find((object) => object.metadata.name === 'api-5d4f-a')!;
      expect(managed.partial).toBe(true);
      expect(managed.raw.spec).toEqual({ nodeName: 'node-1' });
      const orphan = loaded.objects.find((object) => object.metadata.name === 'orphan-x')!;
      expect(orphan.partial).toBeUndefined();
      expect(orphan.raw.spec).toEqual({ nodeName: 'node-1', containers: [container] });

      const model = analyze({ objects: loaded.objects, options: { onlyRules: ['privileged-container'] }, now: TEST_NOW, toolVersion: 'test' });
      expect(model.findings.map((finding) => `${finding.object.kind}/${finding.object.name}`).sort()).toEqual(['Pod/orphan-x', 'ReplicaSet/api-5d4f']);
    });
  }

  it('are judged by the depth of what is kept: a deep spec counts only when the Pod is read in full', async () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 300; level++) deep = [deep];
    const deepPod = (name: string, owner: { kind: string; name: string; uid: string }) => ({ ...podOf(name, owner), spec: { nodeName: 'node-1', containers: [container], x: deep } });
    const file = dump([replicaSet, deepPod('api-5d4f-a', { kind: 'ReplicaSet', name: 'api-5d4f', uid: 'rs-uid' }), deepPod('orphan-x', { kind: 'ReplicaSet', name: 'gone', uid: 'gone-uid' })]);
    const loaded = await loadInputs([file], { cwd: path.dirname(file), keepJsonBytes: 0 });
    // The managed Pod's spec is never read (its ReplicaSet stands for it); the orphan's is, and is refused.
    expect(loaded.objects.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(['ReplicaSet/api-5d4f', 'Pod/api-5d4f-a']);
    expect(loaded.problems.map((problem) => [problem.skipped, problem.message])).toEqual([['Pod orphan-x', 'Pod orphan-x nests deeper than 200 levels; no Kubernetes object does']]);
  });

  it('count a controller from another file, read before or after the dump, and not one from a file that was refused', async () => {
    const file = dump([podOf('api-5d4f-a', { kind: 'ReplicaSet', name: 'api-5d4f', uid: 'rs-uid' })]);
    const dir = path.dirname(file);
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify(replicaSet));
    writeFileSync(path.join(dir, 'z.yaml'), `${JSON.stringify(replicaSet)}\n`);
    writeFileSync(path.join(dir, 'broken.json'), `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [replicaSet] }, null, 2).slice(0, -1)},,}`);
    for (const [controller, partial] of [['a.json', true], ['z.yaml', true], ['broken.json', undefined]] as const) {
      const loaded = await loadInputs(controller < 'cluster.json' ? [controller, 'cluster.json'] : ['cluster.json', controller], { cwd: dir });
      expect(loaded.objects.find((object) => object.kind === 'Pod')?.partial, controller).toBe(partial);
    }
  });
});
