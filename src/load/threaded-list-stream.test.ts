import { createReadStream, mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotAListError, streamListBatches, type StreamedItem } from './json-list-stream.js';
import { ReadOnThisThread, threadedListBatches } from './threaded-list-stream.js';
import { UnreadFieldSkipper } from './unread-fields.js';
import { ROWS_PER_CHUNK } from './list-worker-protocol.js';
import { loadJsonList } from './json-file.js';
import { LoadLedger } from './load-ledger.js';
import { randomDump } from '../testing/random-lists.js';
import { seededRandom } from '../testing/seeded-random.js';
import { recordTimings } from '../engine/timings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-threaded-'));
let files = 0;
function fileWith(text: string): string {
  const file = path.join(dir, `dump-${files++}.json`);
  writeFileSync(file, text);
  return file;
}

const managedFields = [{ manager: 'kubelet', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } } }];
const containers = [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }];
const controller = (kind: string, name: string) => [{ apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller: true }];

/** Objects as an API server returns them: what the worker plans to leave unread, in every way it does. */
const API_ITEMS = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop', managedFields, ownerReferences: controller('ReplicaSet', 'web-5d') }, spec: { containers, nodeName: 'node-ü1' }, status: { phase: 'Running' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { containers, hostPID: true }, status: { phase: 'Running' } },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d', namespace: 'shop', managedFields, ownerReferences: controller('Deployment', 'web') },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } } },
    status: { replicas: 1 },
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'web', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"ServiceAccount"}\n' } },
  },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-ü1', managedFields },
    status: { addresses: [{ type: 'InternalIP', address: '10.0.0.9' }], images: [{ names: ['nginx:1.27'], sizeBytes: 1 }, { names: ['pause:3.10'], sizeBytes: 2 }] },
  },
];

function readlinkOrNothing(link: string): string | undefined {
  try {
    return readlinkSync(link);
  } catch {
    return undefined; // closed meanwhile
  }
}

type Read = { items: Array<Omit<StreamedItem, 'value'> & { value: unknown }>; error?: string };

async function read(batches: AsyncIterable<StreamedItem[]>): Promise<Read> {
  const items: StreamedItem[] = [];
  try {
    for await (const batch of batches) items.push(...batch);
    return { items };
  } catch (error) {
    return { items, error: (error as Error).constructor.name };
  }
}

const onThisThread = (file: string, chunkBytes: number) => streamListBatches(createReadStream(file, { highWaterMark: chunkBytes }), 256, new UnreadFieldSkipper().parse);

describe('threadedListBatches', () => {
  it('yields the items, values, lines, columns and spans a read on one thread does, for random lists, layouts and chunk sizes', async () => {
    let readAgain = 0;
    let planned = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const next = seededRandom(seed);
      const dump = randomDump(next, API_ITEMS);
      const chunkBytes = [13, 100, 1024, 1 << 20][Math.floor(next() * 4)];
      const file = fileWith(dump);
      const context = `seed ${seed}, chunks of ${chunkBytes}`;
      const threaded = await read(threadedListBatches(file, chunkBytes));
      const single = await read(onThisThread(file, chunkBytes));
      expect(single.error, context).toBeUndefined();
      if (threaded.error === ReadOnThisThread.name) {
        // Only a layout that misleads is refused, and then before any item it would have given differently.
        readAgain++;
        expect(threaded.items, context).toEqual(single.items.slice(0, threaded.items.length));
        continue;
      }
      expect(threaded, context).toEqual(single);
      if (dump.includes('"managedFields": [\n')) planned++;
    }
    expect(readAgain).toBeGreaterThan(0);
    expect(planned).toBeGreaterThan(20);
  });

  it('gives every item of a chunk holding more items than its row buffer has rows for', async () => {
    const items = Array.from({ length: 3 * ROWS_PER_CHUNK }, (_, index) => ({ kind: 'Thing', metadata: { name: `t${index}` } }));
    for (const text of [JSON.stringify({ items }), JSON.stringify({ items }, null, 1)]) {
      const file = fileWith(text);
      const threaded = await read(threadedListBatches(file));
      expect(threaded.items.map((item) => item.value)).toEqual(items);
      expect(threaded).toEqual(await read(onThisThread(file, 1 << 20)));
    }
  });

  it('refuses what a read on one thread refuses, the same way', async () => {
    const dump = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: API_ITEMS }, null, 4);
    expect((await read(threadedListBatches(fileWith('{"kind": "Pod", "metadata": {"name": "x"}}')))).error).toBe(NotAListError.name);
    expect((await read(threadedListBatches(fileWith(dump.slice(0, dump.length - 40)), 64))).error).toBe(SyntaxError.name);
    // Compact JSON is scanned byte by byte, so a malformed item is found as such.
    expect((await read(threadedListBatches(fileWith(JSON.stringify({ items: API_ITEMS }).replace('"web-1"', 'web-1'))))).error).toBe(SyntaxError.name);
    // Found by layout, a malformed item cannot be told from a layout that misled: it is read again on one thread.
    expect((await read(threadedListBatches(fileWith(dump.replace('"web-1"', 'web-1'))))).error).toBe(ReadOnThisThread.name);
    expect((await read(threadedListBatches(path.join(dir, 'no-such-file.json')))).error).toBe(ReadOnThisThread.name);
  });

  it('lets the worker go when the reader stops early', async () => {
    const items = Array.from({ length: 2000 }, (_, index) => ({ ...API_ITEMS[0], metadata: { ...API_ITEMS[0].metadata, name: `web-${index}` } }));
    const file = fileWith(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4));
    const batches = threadedListBatches(file, 4096);
    const first = await batches.next();
    expect(first.done).toBe(false);
    await batches.return(undefined as never);
    // The worker stops and closes the file.
    const openOnFile = () => readdirSync('/proc/self/fd').filter((fd) => readlinkOrNothing(`/proc/self/fd/${fd}`) === file).length;
    for (let waited = 0; openOnFile() > 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openOnFile()).toBe(0);
  });
});

describe('loadJsonList from disk', () => {
  it('keeps the same objects on two threads as on one, and reads again on one thread when the layout misleads', async () => {
    const layouts = {
      kubectl: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: API_ITEMS }, null, 4),
      compact: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: API_ITEMS }),
      misleading: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: API_ITEMS }, null, 2).replace(/\n {6,}\}/, '\n    }'),
    };
    for (const [layout, text] of Object.entries(layouts)) {
      const file = fileWith(text);
      const load = async (threaded: boolean) => {
        const ledger = new LoadLedger();
        const loaded = await loadJsonList(file, 'dump.json', undefined, undefined, ledger, { threaded });
        return { loaded, partials: ledger.partials.map((object) => object.metadata.name), owners: [...ledger.podOwnerUids] };
      };
      const phases: string[] = [];
      recordTimings((phase) => phases.push(phase));
      const two = await load(true).finally(() => recordTimings(undefined));
      const one = await load(false);
      // KUBETHREAT_TIMINGS says which way the file was read.
      expect(phases, layout).toEqual(
        layout === 'misleading'
          ? ['load: dump.json on two threads', expect.stringMatching(/^load: dump\.json read again on one thread \(item \d+ is not where its layout says\)$/)]
          : ['load: dump.json on two threads'],
      );
      expect(two, layout).toEqual(one);
      expect(one.loaded.handled, layout).toBe(true);
      expect(one.loaded.handled && one.loaded.objects.length, layout).toBe(API_ITEMS.length);
      expect(one.partials, layout).toEqual(['web-1']);
    }
  });
});
