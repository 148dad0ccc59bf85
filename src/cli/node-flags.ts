/**
 * The V8 flags a run needs, decided before the CLI loads (bin/kubethreat.js runs itself again with them): a large
 * estate needs a larger heap than Node's own cap (about 4 GB) and a larger young generation, and V8 takes both only
 * when the process starts. A small input runs as it is: starting Node twice costs about 0.1 s, a seventh of a
 * 1,000-pod scan.
 */
import { fstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GCProfiler } from 'node:v8';
import { isManifestFileName, isSkippedFolderName } from '../load/manifest-files.js';

/** Inputs above this size (a dump of about 20,000 pods) get the flags below. */
export const LARGE_INPUT_BYTES = 200 * 2 ** 20;

/**
 * 64 MB semi-spaces instead of 16: a large analysis allocates gigabytes of short-lived values, and with the small
 * young generation the scavenger copied each survivor twice: 4.9 s of a 36 s run at 150,000 pods (973 scavenges);
 * with 64 MB the run took 32.6 s at the same peak RSS. No gain below about 20,000 pods.
 */
export const LARGE_INPUT_SEMI_SPACE_MB = 64;

export interface NodeFlagsContext {
  /** The CLI's arguments (process.argv without node and the script). */
  args: readonly string[];
  /** Node's own flags, from its command line and NODE_OPTIONS: the user's choice wins. */
  nodeFlags: readonly string[];
  cwd: string;
  /** What the process may use: see usableMemoryBytes. */
  totalMemoryBytes: number;
  heapLimitBytes: number;
  /** Size of standard input when it is a regular file; undefined for a pipe or a terminal. */
  stdinFileBytes?: number;
}

/**
 * The memory the process may use: the machine's, or a control group's limit when it is lower (kubethreat in a pod
 * with a memory limit, deploy/: the node's memory would give V8 a heap the limit kills long before it is full).
 * `constrained` is process.constrainedMemory(): 0, undefined or a huge number when there is no limit.
 */
export function usableMemoryBytes(total: number, constrained: number | undefined): number {
  return constrained !== undefined && constrained > 0 && constrained < total ? constrained : total;
}

/** The flags to run again with, or an empty list when this process can do the job as it is. */
export function nodeFlagsFor(context: NodeFlagsContext): string[] {
  if (!mayBeLarge(context)) return [];
  // Node takes --max_old_space_size as well as --max-old-space-size.
  const chosen = (flag: string) => context.nodeFlags.some((given) => given.replaceAll('_', '-').startsWith(flag));
  const flags: string[] = [];
  const wantedHeapMb = Math.floor((context.totalMemoryBytes * 0.75) / 2 ** 20);
  if (!chosen('--max-old-space-size') && wantedHeapMb > (context.heapLimitBytes / 2 ** 20) * 1.25) flags.push(`--max-old-space-size=${wantedHeapMb}`);
  if (!chosen('--max-semi-space-size')) flags.push(`--max-semi-space-size=${LARGE_INPUT_SEMI_SPACE_MB}`);
  flags.push('--expose-gc'); // for collectLargeHeap and CollectionBetweenPhases
  return flags;
}

/**
 * Whether the run may read a large estate: a live cluster or a pipe (size unknown), or named files and directories
 * of LARGE_INPUT_BYTES together. Every argument naming a path counts, flags' values too (--output of an existing
 * file): counting too much costs a restart, counting too little a slower run.
 */
function mayBeLarge(context: NodeFlagsContext): boolean {
  // --context, --kubeconfig and --include-namespace imply --cluster.
  const live = (arg: string): boolean => arg === '--cluster' || ['--context', '--kubeconfig', '--include-namespace'].some((flag) => arg === flag || arg.startsWith(`${flag}=`));
  if (context.args.some(live) || context.args[0] === 'snapshot') return true;
  let bytes = 0;
  for (const arg of context.args) {
    if (arg === '-') {
      if (context.stdinFileBytes === undefined) return true;
      bytes += context.stdinFileBytes;
    } else if (!arg.startsWith('-')) {
      bytes += pathBytes(path.resolve(context.cwd, arg), LARGE_INPUT_BYTES - bytes);
    }
    if (bytes >= LARGE_INPUT_BYTES) return true;
  }
  return false;
}

/**
 * Bytes of a file, or of the manifests a folder walk would read under a directory (src/load/manifest-files.ts),
 * counted until `enough` is reached; 0 if it is not a path.
 */
function pathBytes(target: string, enough: number): number {
  let bytes = 0;
  const pending = [target];
  let visited = 0;
  while (pending.length > 0 && bytes < enough) {
    const current = pending.pop()!;
    // A tree of more than 10,000 entries is taken for large rather than walked twice (here, then by the loader).
    if (++visited > 10_000) return enough;
    try {
      const stats = statSync(current);
      if (stats.isFile()) {
        if (current === target || isManifestFileName(path.basename(current))) bytes += stats.size;
      } else if (stats.isDirectory()) {
        for (const entry of readdirSync(current, { withFileTypes: true })) {
          if (!(entry.isDirectory() && isSkippedFolderName(entry.name))) pending.push(path.join(current, entry.name));
        }
      }
    } catch {
      // Not a path (a rule id, a namespace, a format) or unreadable: the CLI reports what matters.
    }
  }
  return bytes;
}

/** Heap in use above which a collection is worth it (see collectLargeHeap). */
const COLLECT_ABOVE_BYTES = 512 * 2 ** 20;

/** The garbage collector is callable: Node was started with --expose-gc (a large input, see nodeFlagsFor). */
function exposedGc(): (() => void) | undefined {
  return (globalThis as { gc?: () => void }).gc;
}

/**
 * Collects the garbage the analysis left before the report is written, when the heap is large and gc is exposed.
 * At 150,000 pods the heap holds 1.1 GB when the analysis ends, of which 300 MB is the threat model: the loaded
 * objects, the estate and the rules' indexes are garbage, but V8 would not collect them while the report is written
 * (its allocations die young), so the report was written on top of them: peak RSS 1.7 GB, 1.14 GB with this
 * collection (about 0.4 s).
 */
export function collectLargeHeap(above = COLLECT_ABOVE_BYTES): void {
  const collect = exposedGc();
  if (collect !== undefined && process.memoryUsage().heapUsed > above) collect();
}

/**
 * A full collection between the rules and the attack graph of a large scan (AnalysisInput.afterRules), unless V8 made
 * one lately. Started before the load, it watches V8's own full collections (v8.GCProfiler).
 *
 * When the rules are done the heap holds their garbage, and V8 would collect it inside the attack graph, in two full
 * collections of a heap the graph has made larger; collected here, the graph starts from what is live, and V8 sets
 * its next limit from that: at 150,000 pods, peak RSS 1.45–1.55 → 1.40–1.44 GB. But V8 often collects on its own near
 * the end of the rules, mostly while the rules run (concurrent marking): a second collection then (0.7 s of marking
 * 800 MB) bought nothing, and is left out when the heap has grown by less than a quarter since V8's last one.
 */
export class CollectionBetweenPhases {
  private readonly profiler: GCProfiler | undefined;
  /** What V8's last full collection (or ours) left in use. */
  private lastLive: number | undefined;

  /** `above`: the heap in use below which no collection is worth it. */
  constructor(private readonly above = COLLECT_ABOVE_BYTES) {
    this.profiler = exposedGc() !== undefined ? new GCProfiler() : undefined;
    this.profiler?.start();
  }

  /** Collects unless V8's last full collection left at least 80% of the heap in use now (the estate before, if any). */
  collect(): void {
    const profiler = this.profiler;
    if (profiler === undefined) return;
    const collections = profiler.stop().statistics;
    profiler.start(); // the next estate's rules, if the input has several clusters
    for (const collection of collections) if (collection.gcType === 'MarkSweepCompact') this.lastLive = collection.afterGC.heapStatistics.usedHeapSize;
    if (this.lastLive !== undefined && process.memoryUsage().heapUsed < this.lastLive * 1.25) return;
    collectLargeHeap(this.above);
    this.lastLive = process.memoryUsage().heapUsed;
  }

  /** Stops watching, when the analysis is done. */
  stop(): void {
    this.profiler?.stop();
  }
}

/** Standard input's size when it is a regular file (`kubethreat scan - < dump.json`). */
export function stdinFileBytes(): number | undefined {
  try {
    const stats = fstatSync(0);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}
