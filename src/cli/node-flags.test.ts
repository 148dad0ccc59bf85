import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectionBetweenPhases, LARGE_INPUT_BYTES, nodeFlagsFor, usableMemoryBytes, type NodeFlagsContext } from './node-flags.js';

const GB = 2 ** 30;
const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-node-flags-'));
writeFileSync(path.join(dir, 'small.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
// Sparse files: their size is what stat reports, without taking the disk space.
const big = path.join(dir, 'big.json');
writeFileSync(big, '');
truncateSync(big, LARGE_INPUT_BYTES + 1);
mkdirSync(path.join(dir, 'tree/a'), { recursive: true });
// An application folder whose large files are all what the loader's walk does not read: a skipped folder's files,
// and files that are not manifests.
mkdirSync(path.join(dir, 'app/node_modules'), { recursive: true });
mkdirSync(path.join(dir, 'app/.cache'), { recursive: true });
writeFileSync(path.join(dir, 'app/deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n');
for (const name of ['app/node_modules/dependency.json', 'app/.cache/state.json', 'app/archive.tar']) {
  writeFileSync(path.join(dir, name), '');
  truncateSync(path.join(dir, name), LARGE_INPUT_BYTES + 1);
}
for (const name of ['tree/one.json', 'tree/a/two.json']) {
  writeFileSync(path.join(dir, name), '');
  truncateSync(path.join(dir, name), LARGE_INPUT_BYTES / 2 + 1);
}

function flags(args: string[], extra: Partial<NodeFlagsContext> = {}): string[] {
  return nodeFlagsFor({ args, nodeFlags: [], cwd: dir, totalMemoryBytes: 24 * GB, heapLimitBytes: 4 * GB, ...extra });
}

describe('the V8 flags a run is started again with', () => {
  it('runs a small input as it is, without starting Node a second time', () => {
    expect(flags(['scan', 'small.yaml', '--format', 'json'])).toEqual([]);
    expect(flags(['scan', '-'], { stdinFileBytes: 100 })).toEqual([]);
    expect(flags(['--version'])).toEqual([]);
  });

  it("counts a container's memory limit as the memory, when it is below the machine's", () => {
    // A pod limited to 16 GB on a 64 GB node: a heap of 12 GB, not 48.
    expect(usableMemoryBytes(64 * GB, 16 * GB)).toBe(16 * GB);
    expect(flags(['scan', 'big.json'], { totalMemoryBytes: usableMemoryBytes(64 * GB, 16 * GB) })).toContain(`--max-old-space-size=${12 * 1024}`);
    // No limit: process.constrainedMemory() says 0, nothing, or a number larger than the machine (2^64 under cgroup v1).
    for (const none of [0, undefined, 2 ** 64]) expect(usableMemoryBytes(64 * GB, none)).toBe(64 * GB);
  });

  it('gives a large input three quarters of the memory as heap and a larger young generation', () => {
    expect(flags(['scan', 'big.json'])).toEqual([`--max-old-space-size=${18 * 1024}`, '--max-semi-space-size=64', '--expose-gc']);
  });

  it('adds up the manifests a folder walk reads under a directory, and the inputs named together', () => {
    expect(flags(['scan', 'tree'])).not.toEqual([]);
    expect(flags(['scan', 'tree/a'])).toEqual([]);
    expect(flags(['scan', 'app'])).toEqual([]);
    expect(flags(['scan', 'tree/one.json'])).toEqual([]);
    expect(flags(['diff', 'tree/one.json', 'tree/a/two.json'])).not.toEqual([]);
  });

  it('treats a live cluster, a snapshot and a pipe on standard input as large: their size is not known up front', () => {
    expect(flags(['scan', '--cluster'])).not.toEqual([]);
    expect(flags(['who-can', 'get', 'secrets', '--context=prod'])).not.toEqual([]);
    expect(flags(['scan', '--kubeconfig', 'kubeconfig.yaml'])).not.toEqual([]);
    expect(flags(['paths', '--kubeconfig=kubeconfig.yaml'])).not.toEqual([]);
    expect(flags(['scan', '--include-namespace', 'shop'])).not.toEqual([]);
    expect(flags(['snapshot', '-o', 'out.json'])).not.toEqual([]);
    expect(flags(['scan', '-'])).not.toEqual([]);
  });

  it('keeps the sizes the user chose on node\'s command line or in NODE_OPTIONS', () => {
    expect(flags(['scan', 'big.json'], { nodeFlags: ['--max-old-space-size=2048'] })).toEqual(['--max-semi-space-size=64', '--expose-gc']);
    expect(flags(['scan', 'big.json'], { nodeFlags: ['--max_semi_space_size=8'] })).toEqual([`--max-old-space-size=${18 * 1024}`, '--expose-gc']);
  });

  it('asks for no heap on a machine whose memory is not much more than Node\'s own cap', () => {
    expect(flags(['scan', 'big.json'], { totalMemoryBytes: 4 * GB })).toEqual(['--max-semi-space-size=64', '--expose-gc']);
  });
});

describe('the collection between the rules and the attack graph', () => {
  /** Runs `body` with a gc function exposed that counts its calls (Node runs tests without --expose-gc). */
  function withCountedGc(body: (calls: () => number) => void): void {
    const global = globalThis as { gc?: () => void };
    const before = global.gc;
    let count = 0;
    global.gc = () => void count++;
    try {
      body(() => count);
    } finally {
      global.gc = before;
    }
  }

  it('collects once, and not again for a next estate while the heap has not grown by a quarter', () => {
    withCountedGc((calls) => {
      const between = new CollectionBetweenPhases(0);
      between.collect();
      expect(calls()).toBe(1);
      between.collect();
      expect(calls()).toBe(1);
      between.stop();
    });
  });
});
