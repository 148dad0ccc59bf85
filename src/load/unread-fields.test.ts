import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamListBatches } from './json-list-stream.js';
import { loadInputs } from './index.js';
import { containerNamesDigest, UnreadFieldSkipper } from './unread-fields.js';
import { namesDigest } from './unread-pod-specs.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const managedFields = [
  { manager: 'kube-controller-manager', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'k:{"name":"a]b"}': {} } } },
];
const owner = (kind: string, name: string) => [{ apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller: true }];
const containers = [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }];

const ITEMS = [
  // A Pod run by a ReplicaSet: only metadata and spec.nodeName are kept (see K8sObject.partial).
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' }, managedFields, ownerReferences: owner('ReplicaSet', 'web-5d') },
    spec: { containers, nodeName: 'node-ü1', serviceAccountName: 'web' },
    status: { phase: 'Running', podIP: '10.0.0.1' },
  },
  // Not scheduled yet: no nodeName.
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-2', namespace: 'shop', ownerReferences: owner('ReplicaSet', 'web-5d') }, spec: { containers }, status: { phase: 'Pending' } },
  // A Pod of its own: its spec is analysed, so it is read whole.
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop', managedFields }, spec: { containers, nodeName: 'node-2', hostPID: true }, status: { phase: 'Running' } },
  // Owned, but not by a workload controller: read whole too.
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'odd', namespace: 'shop', ownerReferences: owner('Widget', 'w') }, spec: { containers, nodeName: 'node-3' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', managedFields }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } } }, status: { replicas: 2 } },
  // Kinds whose status the analysis reads keep it.
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop', managedFields }, spec: { type: 'LoadBalancer', selector: { app: 'web' } }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } },
  // A Node's status is kept in part: its list of images, the bulk of it, is left out.
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-2', managedFields },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'ExternalIP', address: '198.51.100.2' }],
      images: [{ names: ['registry.k8s.io/pause@sha256:7031c1b2', 'registry.k8s.io/pause:3.10'], sizeBytes: 320368 }],
      nodeInfo: { kubeletVersion: 'v1.31.2' },
    },
  },
  // A custom resource with a field named like the ones skipped, one level down: not touched.
  { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' }, spec: { managedFields: [{ keep: true }], status: { keep: true } } },
  // Values on one line, and empty ones.
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-3', namespace: 'shop', managedFields: [], ownerReferences: owner('ReplicaSet', 'web-5d') }, spec: {}, status: {} },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop', annotations: { [LAST_APPLIED]: '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"web","annotations":{"a":"\\"quoted\\""}}}\n', team: 'shop' } } },
  // A label named like kubectl apply's annotation, before it: never taken for the annotation.
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd-labels', namespace: 'shop', labels: { [LAST_APPLIED]: 'kept' }, annotations: { [LAST_APPLIED]: '' } }, data: { a: 'b' } },
  // ReplicaSets and Jobs: the template's spec is read only if the template stays (see managed-templates.ts).
  replicaSet('web-5d', 'web', { containers }), // its Deployment (above) stands for its pods: taken out
  replicaSet('web-6e', 'web', { restartPolicy: 'Always' }), // taken out too, its template listing no containers
  replicaSet('early-1', 'early', { containers }), // its Deployment comes later: read, then emptied when the load ends
  replicaSet('stray-1', 'ghost', { containers, hostNetwork: true }), // no such Deployment: read and analysed
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { containers, restartPolicy: 'Never' } } } } } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nightly-1', namespace: 'shop', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'u-cj', controller: true }] }, spec: { template: { metadata: { labels: { job: 'nightly' } }, spec: { containers, restartPolicy: 'Never' } } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'early', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'early' } }, template: { metadata: { labels: { app: 'early' } }, spec: { containers } } } },
  // Another Pod of web-1's ReplicaSet, read without its spec but its nodeName.
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-4', namespace: 'shop', ownerReferences: owner('ReplicaSet', 'web-5d') }, spec: { containers, nodeName: 'node-ü4' }, status: { phase: 'Running' } },
];

function replicaSet(name: string, deployment: string, podSpec: Record<string, unknown>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'shop', managedFields, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment, uid: `u-${deployment}`, controller: true }] },
    spec: { replicas: 0, selector: { matchLabels: { app: deployment } }, template: { metadata: { labels: { app: deployment } }, spec: podSpec } },
    status: { replicas: 0 },
  };
}

const list = { apiVersion: 'v1', kind: 'List', items: ITEMS, metadata: { resourceVersion: '' } };

/** An item as parsed: the fields these tests read. */
interface ParsedItem {
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; managedFields?: unknown[] };
  spec?: unknown;
  status?: unknown;
}

async function streamedValues(text: string, chunkSize: number): Promise<unknown[]> {
  const bytes = Buffer.from(text);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const values: unknown[] = [];
  for await (const batch of streamListBatches(chunks(), 256, new UnreadFieldSkipper().parse)) for (const item of batch) values.push(item.value);
  return values;
}

describe('UnreadFieldSkipper', () => {
  it('reads by layout the names of the containers of a Pod spec it leaves out, as addObject compares them with a template', () => {
    const spec = { nodeName: 'n', initContainers: [{ name: 'istio-init', image: 'x' }], containers: [{ name: 'app', env: [{ name: 'NOT_A_CONTAINER', value: 'v' }] }, { name: 'istio-proxy' }], volumes: [{ name: 'data', emptyDir: {} }] };
    for (const indent of [2, 4]) {
      const text = JSON.stringify({ spec }, null, indent);
      const chunk = Buffer.from(text);
      const open = text.indexOf('"spec": {') + '"spec": '.length;
      const close = text.lastIndexOf('\n' + ' '.repeat(indent) + '}') + 1 + indent;
      const digest = containerNamesDigest(chunk, { open, close }, 2 * indent, indent);
      expect(digest).toEqual(namesDigest(['istio-init', 'app', 'istio-proxy']));
      expect(digest).not.toEqual(namesDigest(['app']));
      expect(digest?.count).toBe(3);
    }
  });

  it('leaves out managedFields, the status of kinds whose status is never read, and the spec of a controller’s Pod but its nodeName', async () => {
    for (const text of [JSON.stringify(list, null, 4), JSON.stringify(list, null, 2)]) {
      const values = (await streamedValues(text, 1 << 20)) as ParsedItem[];
      const [pod, pending, ownPod, oddPod, deployment, service, node, widget, emptyPod, account] = values;
      expect(pod.metadata.managedFields).toEqual([]);
      // Every Pod of a ReplicaSet keeps its nodeName alone (the first one's spec is read later if admission may have
      // added a container to it: see admitted-samples.test.ts).
      expect(pod.spec).toEqual({ nodeName: 'node-ü1' });
      expect(values.find((value) => value.metadata.name === 'web-4')?.spec).toEqual({ nodeName: 'node-ü4' });
      expect(pod.status).toEqual({});
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pending.spec).toEqual({});
      expect(ownPod.spec).toEqual(ITEMS[2].spec);
      expect(ownPod.metadata.managedFields).toEqual([]);
      expect(oddPod.spec).toEqual(ITEMS[3].spec);
      expect(deployment.spec).toEqual(ITEMS[4].spec);
      expect(deployment.status).toEqual({});
      expect(service.status).toEqual(ITEMS[5].status);
      expect(node.status).toEqual({ ...ITEMS[6].status, images: [] });
      expect(widget).toEqual(ITEMS[7]);
      expect(emptyPod).toEqual(ITEMS[8]);
      // The copy kubectl apply keeps is left out (addObject drops it from every object).
      expect(account.metadata.annotations).toEqual({ [LAST_APPLIED]: '', team: 'shop' });
      expect(values.find((value) => value.metadata.name === 'odd-labels')?.metadata.labels).toEqual({ [LAST_APPLIED]: 'kept' });
      // A ReplicaSet's or Job's template spec is left unread, standing for whether it lists containers.
      const byName = (name: string) => values.find((value) => value.metadata.name === name) as unknown as { spec: { template: { metadata: unknown; spec: unknown } } };
      expect(byName('web-5d').spec.template).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [] } });
      expect(byName('web-6e').spec.template.spec).toEqual({});
      expect(byName('nightly-1').spec.template.spec).toEqual({ containers: [] });
    }
  });

  it("reads a controller's Pod's spec when it lists ephemeral containers, which the loader keeps", async () => {
    const debugged = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-9', namespace: 'shop', ownerReferences: owner('ReplicaSet', 'web-5d') },
      spec: { containers, nodeName: 'node-3', ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.36', securityContext: { privileged: true } }] },
    };
    for (const indent of [2, 4]) {
      const [plain, withDebug] = (await streamedValues(JSON.stringify({ ...list, items: [ITEMS[0], debugged] }, null, indent), 1 << 20)) as ParsedItem[];
      expect(plain.spec).toEqual({ nodeName: 'node-ü1' });
      expect(withDebug.spec).toEqual(debugged.spec);
    }
  });

  it('reads an item whole when a key is given twice (JSON.parse keeps the last)', async () => {
    const text = JSON.stringify(list, null, 4).replace(
      /\n {12}"spec": \{\n {16}"containers"/,
      `\n            "spec": {\n                "nodeName": "first"\n            },\n            "spec": {\n                "containers"`,
    );
    const [pod] = await streamedValues(text, 1 << 20);
    expect(pod).toEqual(JSON.parse(text).items[0]);
    expect((pod as { spec: unknown }).spec).toEqual(ITEMS[0].spec);
    // The one that counts is the last, which is left out: the item is read as the loader keeps it.
    const twice = JSON.stringify(list, null, 4).replace('"status": {\n                "phase": "Running",', '"status": {"phase": "x"},\n            "status": {\n                "phase": "Running",');
    const [again] = (await streamedValues(twice, 1 << 20)) as Array<ParsedItem>;
    expect(again.status).toEqual({});
  });

  it('still refuses a dump whose read parts are malformed', async () => {
    const broken = JSON.stringify(list, null, 4).replace('"name": "web-1",', '"name": "web-1",,');
    await expect(streamedValues(broken, 1 << 20)).rejects.toBeInstanceOf(SyntaxError);
  });
});

describe('loading a pretty-printed dump', () => {
  it('keeps the same objects as loading the same List written compactly (read whole)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-unread-'));
    writeFileSync(path.join(dir, 'compact.json'), JSON.stringify(list));
    writeFileSync(path.join(dir, 'kubectl.json'), JSON.stringify(list, null, 4));
    writeFileSync(path.join(dir, 'jq.json'), JSON.stringify(list, null, 2));
    // Layouts whose lines the skipper does not read as kubectl's: tabs, and Windows line ends. Read whole.
    writeFileSync(path.join(dir, 'tabs.json'), JSON.stringify(list, null, '\t'));
    writeFileSync(path.join(dir, 'crlf.json'), JSON.stringify(list, null, 4).replaceAll('\n', '\r\n'));
    const kept = (result: Awaited<ReturnType<typeof loadInputs>>) =>
      result.objects.map((object) => ({ apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, raw: object.raw, partial: object.partial }));
    const compact = await loadInputs(['compact.json'], { cwd: dir });
    expect(compact.problems).toEqual([]);
    expect(compact.objects).toHaveLength(ITEMS.length);
    for (const file of ['kubectl.json', 'jq.json', 'tabs.json', 'crlf.json']) {
      // In memory, streamed, and streamed on two threads.
      for (const [keepJsonBytes, threadedJsonBytes] of [[undefined, undefined], [0, undefined], [0, 0]]) {
        const pretty = await loadInputs([file], { cwd: dir, keepJsonBytes, threadedJsonBytes });
        expect(pretty.problems).toEqual([]);
        expect(kept(pretty)).toEqual(kept(compact));
      }
    }
  });
});

describe('locations in a JSON List', () => {
  it('are the field when the dump is kept in memory, and the object when it is read from disk, for every finding', async () => {
    const { analyze } = await import('../engine/analyze.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-located-'));
    const text = JSON.stringify(list, null, 4);
    writeFileSync(path.join(dir, 'dump.json'), text);
    const lines = text.split('\n');
    const debugLine = lines.findIndex((line) => line.includes('"name": "debug"')) + 1;
    const objectLine = lines.slice(0, debugLine).lastIndexOf('        {') + 1;
    const privilegedLine = lines.findIndex((line, index) => index >= debugLine && line.includes('"privileged": true')) + 1;
    const located = async (keepJsonBytes: number | undefined, threadedJsonBytes?: number) => {
      const loaded = await loadInputs(['dump.json'], { cwd: dir, keepJsonBytes, threadedJsonBytes });
      const model = analyze({ objects: loaded.objects, now: new Date(0), toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
      return model.findings.filter((finding) => finding.object.name === 'debug').map((finding) => ({ rule: finding.ruleId, line: finding.location.line }));
    };
    const kept = await located(undefined);
    const streamed = await located(0);
    expect(await located(0, 0)).toEqual(streamed);
    expect(kept.find((finding) => finding.rule === 'privileged-container')?.line).toBe(privilegedLine);
    expect(streamed.map((finding) => finding.rule)).toEqual(kept.map((finding) => finding.rule));
    expect(new Set(streamed.map((finding) => finding.line))).toEqual(new Set([objectLine]));
    expect(new Set(kept.map((finding) => finding.line)).size).toBeGreaterThan(1);
  });
});

describe('a template left unread and put back', () => {
  it('is refused with an error naming it when it nests deeper than any Kubernetes object (on one line, past the layout check)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-deep-'));
    const deployment = (podSpec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'deep', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'deep' } }, template: { metadata: { labels: { app: 'deep' } }, spec: podSpec } } });
    // The first copy of the Deployment stands for its pods, so the ReplicaSet's template is taken out unread; the second
    // lacks containers, so it is put back when the load ends.
    const items = [deployment({ containers }), replicaSet('deep-1', 'deep', { containers, x: 'DEEP' }), deployment({})];
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4).replace('"DEEP"', `${'['.repeat(250)}${']'.repeat(250)}`);
    writeFileSync(path.join(dir, 'dump.json'), text);
    const loaded = await loadInputs(['dump.json'], { cwd: dir });
    const problem = loaded.problems.find((entry) => entry.message.includes('deep-1'));
    expect(problem).toMatchObject({ severity: 'error', skipped: 'its pod template' });
    expect(problem?.message).toContain('nests deeper than 200 levels');
    const replica = loaded.objects.find((object) => object.metadata.name === 'deep-1');
    expect(JSON.stringify(replica?.raw)).not.toContain('[[[[');
  });
});
