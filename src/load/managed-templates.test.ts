import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadInputs } from './index.js';
import { analyze } from '../engine/analyze.js';
import { TEST_NOW } from '../testing/scan-text.js';
import type { K8sObject } from '../model/object.js';
import { ManagedTemplates } from './managed-templates.js';
import type { InputProblem } from './problems.js';

const template = (app: string, extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app }, annotations: { 'prometheus.io/scrape': 'true' } },
  spec: {
    serviceAccountName: app,
    hostNetwork: true,
    containers: [{ name: 'app', image: `registry.example/${app}:1.0.0`, ports: [{ containerPort: 8080 }], securityContext: { privileged: true } }],
    ...extra,
  },
});
const deployment = (name: string, spec: Record<string, unknown> = { selector: { matchLabels: { app: name } }, template: template(name) }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', uid: `${name}-uid` },
  spec,
});
const replicaSet = (name: string, owner: string, controller = true) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'shop', uid: `${name}-uid`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: `${owner}-uid`, controller }] },
  // The ReplicaSet's template differs from its Deployment's: were it read, the findings would show it.
  spec: { selector: { matchLabels: { app: owner } }, template: template(owner, { automountServiceAccountToken: true, volumes: [{ name: 'host', hostPath: { path: '/' } }] }) },
});
const pod = (name: string, owner: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'api' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: `${owner}-uid`, controller: true }] },
  spec: { nodeName: 'node-1', ...template('api').spec },
});

const items = [
  deployment('api'),
  replicaSet('api-1', 'api'),
  pod('api-1-x', 'api-1'),
  replicaSet('old-1', 'gone'),
  replicaSet('loose-1', 'api', false),
  deployment('empty', { template: { metadata: { labels: { app: 'empty' } }, spec: {} } }),
  replicaSet('empty-1', 'empty'),
  // Two copies of a Deployment: the model keeps the first, which lists no containers.
  deployment('twice', { template: { metadata: { labels: { app: 'twice' } }, spec: {} } }),
  deployment('twice'),
  replicaSet('twice-1', 'twice'),
  // A StatefulSet named as the Deployment, without containers: it stands for nothing, the Deployment still does.
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'api', namespace: 'shop', uid: 'api-sts-uid' }, spec: { template: { metadata: { labels: { app: 'api' } }, spec: {} } } },
  { ...replicaSet('odd-1', 'api'), metadata: { ...replicaSet('odd-1', 'api').metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'api', uid: 'api-sts-uid', controller: true }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
];

async function load(file: string, text: string): Promise<K8sObject[]> {
  return loadFiles({ [file]: text });
}

/** Loads the files, named in this order; no problem expected unless `problemFiles` name the files that have one. */
async function loadFiles(files: Record<string, string>, problemFiles: string[] = []): Promise<K8sObject[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-managed-'));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  const loaded = await loadInputs(Object.keys(files), { cwd: dir });
  expect(loaded.problems.map((problem) => problem.file)).toEqual(problemFiles);
  return loaded.objects;
}

const dumpOf = (list: unknown[]): string => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: list }, null, 4);
const emptied = (app: string) => ({ selector: { matchLabels: { app } }, template: { metadata: template(app).metadata, spec: { containers: [] } } });

/** The model without what names places in the input file (the two files lay the objects out differently). */
function withoutPlaces(value: unknown): unknown {
  const place = (key: string, entry: unknown): unknown => {
    if (['location', 'generatedAt', 'files', 'line', 'column', 'file', 'source'].includes(key)) return undefined;
    return typeof entry === 'string' ? entry.replace(/cluster\.(json|yaml):\d+/g, 'FILE:LINE') : entry;
  };
  return JSON.parse(JSON.stringify(value, place));
}

describe('pod templates of objects whose controller is in a dump', () => {
  it('are emptied when the controller lists containers, and kept otherwise', async () => {
    const objects = await load('cluster.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4));
    const templateOf = (name: string): unknown => objects.find((object) => object.metadata.name === name)?.raw.spec;
    expect(templateOf('api-1')).toEqual({ selector: { matchLabels: { app: 'api' } }, template: { metadata: template('api').metadata, spec: { containers: [] } } });
    for (const kept of ['old-1', 'loose-1', 'empty-1', 'twice-1', 'odd-1']) expect(templateOf(kept), kept).toEqual(items.find((item) => item.metadata.name === kept)?.spec);
    expect(templateOf('api')).toEqual(deployment('api').spec);
  });

  it('are not read by the analysis: the model is the one of the same objects given as YAML, where nothing is emptied', async () => {
    const fromDump = await load('cluster.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4));
    const fromYaml = await load('cluster.yaml', items.map((item) => stringify(item)).join('---\n'));
    expect(fromYaml.find((object) => object.metadata.name === 'api-1')?.raw.spec).toEqual(replicaSet('api-1', 'api').spec);
    const model = (objects: K8sObject[]) => withoutPlaces(analyze({ objects, now: TEST_NOW, toolVersion: 'test' }));
    const expected = model(fromYaml);
    expect(JSON.stringify(expected)).toContain('old-1'); // the analysis does see the ReplicaSets it must analyse
    expect(model(fromDump)).toEqual(expected);
  });

  it('are decided once every file is read: a controller listed after the object, or in another file, counts', async () => {
    const later = await load('cluster.json', dumpOf([replicaSet('api-1', 'api'), deployment('api')]));
    expect(later.find((object) => object.metadata.name === 'api-1')?.raw.spec).toEqual(emptied('api'));
    const yamlController = await loadFiles({ 'cluster.json': dumpOf([replicaSet('api-1', 'api')]), 'deployment.yaml': stringify(deployment('api')) });
    expect(yamlController.find((object) => object.metadata.name === 'api-1')?.raw.spec).toEqual(emptied('api'));
    // A copy that lacks containers, in another file read later, keeps the template.
    const lacking = await loadFiles({ 'cluster.json': dumpOf([deployment('api'), replicaSet('api-1', 'api')]), 'z.yaml': stringify(deployment('api', { template: { spec: {} } })) });
    expect(lacking.find((object) => object.kind === 'ReplicaSet')?.raw.spec).toEqual(replicaSet('api-1', 'api').spec);
  });

  it('are not emptied for a controller from a JSON file that turned out to be malformed (the file is read as text and refused)', async () => {
    const broken = dumpOf([deployment('api')]).replace(/\}\s*$/, ',,}');
    const objects = await loadFiles({ 'a.json': broken, 'cluster.json': dumpOf([replicaSet('api-1', 'api')]) }, ['a.json']);
    expect(objects.map((object) => object.metadata.name)).toEqual(['api-1']);
    expect(objects[0].raw.spec).toEqual(replicaSet('api-1', 'api').spec);
  });

  it('taken out as the object is read are read again when a copy of the controller read later lacks containers', async () => {
    const lacking = deployment('api', { template: { spec: {} } });
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-managed-'));
    writeFileSync(path.join(dir, 'cluster.json'), dumpOf([deployment('api'), replicaSet('api-1', 'api'), lacking]));
    for (const keepJsonBytes of [undefined, 0]) {
      const loaded = await loadInputs(['cluster.json'], { cwd: dir, keepJsonBytes });
      expect(loaded.problems.map((problem) => problem.message)).toEqual([]);
      expect(loaded.objects.find((object) => object.kind === 'ReplicaSet')?.raw.spec, `keepJsonBytes ${keepJsonBytes}`).toEqual(replicaSet('api-1', 'api').spec);
    }
  });

  it('that cannot be read again are left empty, with a warning', async () => {
    const templates = new ManagedTemplates();
    const source = { file: 'cluster.json', line: 3, column: 9, document: 0, pathInDocument: ['items', 1], byteSpan: [10, 20] as const };
    const read = (value: ReturnType<typeof deployment>, line: number): K8sObject => {
      const raw = structuredClone(value) as Record<string, unknown>;
      const detached = templates.detach(raw, value.kind, value.metadata.namespace, value.metadata.uid, (value.metadata as K8sObject['metadata']).ownerReferences, undefined);
      const object = { apiVersion: value.apiVersion, kind: value.kind, metadata: { labels: {}, annotations: {}, ...value.metadata }, raw, source: { ...source, line } } as K8sObject;
      templates.note(object, detached);
      return object;
    };
    const objects = [read(deployment('api'), 1), read(replicaSet('api-1', 'api') as ReturnType<typeof deployment>, 2), read(deployment('api', { template: { spec: {} } }), 3)];
    const problems: InputProblem[] = [];
    await templates.finish(objects, async () => undefined, problems);
    expect(objects[1].raw.spec).toEqual(emptied('api'));
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'cluster.json',
        line: 2,
        column: 9,
        message: 'ReplicaSet shop/api-1 changed on disk while it was read',
        skipped: 'its pod template (it is analysed through its controller)',
        hint: 'scan a dump that is not being written to',
      },
    ]);
  });

  it('judge a controller that is itself managed by the template it was read with', async () => {
    const owned = (name: string, owner: string, spec: Record<string, unknown>) => {
      const object = deployment(name, spec);
      return { ...object, metadata: { ...object.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: `${owner}-uid`, controller: true }] } };
    };
    const middle = owned('middle', 'api', { template: { metadata: { labels: { app: 'middle' } }, spec: {} } });
    const objects = await load('cluster.json', dumpOf([deployment('api'), middle, replicaSet('middle-1', 'middle')]));
    const specOf = (name: string): unknown => objects.find((object) => object.metadata.name === name)?.raw.spec;
    expect(specOf('middle')).toEqual({ template: { metadata: { labels: { app: 'middle' } }, spec: { containers: [] } } });
    expect(specOf('middle-1')).toEqual(replicaSet('middle-1', 'middle').spec);
  });

  it('still count the depth of a template that is taken out: refused at the same depth as a ReplicaSet read in full', async () => {
    const rs = replicaSet('api-1', 'api');
    const nested = (levels: number) => {
      let deep: unknown = 'bottom';
      for (let level = 0; level < levels; level++) deep = [deep];
      return { ...rs, spec: { ...rs.spec, template: { ...rs.spec.template, spec: { ...rs.spec.template.spec, x: deep } } } };
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-managed-'));
    const keptAlone: boolean[] = [];
    for (const levels of [195, 196, 197]) {
      // Without its Deployment the ReplicaSet is read in full; after it, its template is taken out as it is read.
      writeFileSync(path.join(dir, 'cluster.json'), dumpOf([nested(levels)]));
      const alone = (await loadInputs(['cluster.json'], { cwd: dir })).objects.length === 1;
      writeFileSync(path.join(dir, 'cluster.json'), dumpOf([deployment('api'), nested(levels)]));
      const managed = (await loadInputs(['cluster.json'], { cwd: dir })).objects.some((object) => object.kind === 'ReplicaSet');
      expect(managed, `${levels} levels`).toBe(alone);
      keptAlone.push(alone);
    }
    expect(keptAlone).toEqual([true, true, false]); // the limit is within the depths tried
  });
});
