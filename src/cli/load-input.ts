/**
 * What every command that analyses an estate reads first: files and folders (or standard input), or live clusters
 * through kubeconfig contexts. Shared by scan, who-can and can, so that they read the same objects the same way.
 */
import { loadInputs, type LoadResult } from '../load/index.js';
import { formatProblem } from '../load/problems.js';
import { readSnapshotConventions } from '../live/snapshot-format.js';
import { readLiveInputs, wantsCluster, type ClusterFlags } from './cluster-input.js';
import { InputError, UsageError } from './errors.js';
import { readAll, type CliIo } from './io.js';

export interface LoadedCliInput {
  loaded: LoadResult;
  /** The objects came from live clusters. */
  live: boolean;
}

export async function loadCliInput(paths: readonly string[], flags: ClusterFlags, io: CliIo): Promise<LoadedCliInput> {
  const live = wantsCluster(flags);
  if (live && paths.length > 0) throw new UsageError(`give either files to read or --cluster, not both (${paths.join(', ')})`);
  if (!live && paths.length === 0) throw new UsageError('no input: give files or folders to read, - for standard input, or --cluster for the current kubeconfig context');
  const loaded = live
    ? await readLiveInputs(flags, io, true)
    : await loadInputs(paths, {
        cwd: io.cwd,
        readStdin: () => readAll(io.stdin),
        cluster: flags.clusterName,
      });
  if (!live) readSnapshotConventions(loaded);
  if (loaded.objects.length === 0) {
    const problems = loaded.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
    throw new InputError(`no Kubernetes objects could be read from ${paths.join(', ')}${problems ? `:\n${problems}` : ''}`);
  }
  return { loaded, live };
}
