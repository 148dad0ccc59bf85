/** `kubethreat snapshot`: read live clusters and save what was read, for offline scans (`kubethreat scan FILE`) and support. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { formatProblem } from '../load/problems.js';
import { snapshotChunks } from '../live/index.js';
import { EXIT, UsageError } from './errors.js';
import { readLiveInputs } from './cluster-input.js';
import type { CliIo, Output } from './io.js';
import { toolVersion } from './version.js';

export interface SnapshotFlags {
  output: string;
  context: string[];
  kubeconfig?: string;
  clusterName?: string;
  includeNamespace?: string[];
}

export async function runSnapshot(flags: SnapshotFlags, io: CliIo, now: () => Date): Promise<number> {
  const read = await readLiveInputs({ ...flags, cluster: true }, io, false);
  const chunks = snapshotChunks(read.objects, read.problems, {
    tool: `kubethreat ${toolVersion()}`,
    createdAt: now(),
    contexts: read.clusters.map((cluster) => cluster.context),
  }, read.kubernetesVersions);
  if (flags.output === '-') {
    for (const chunk of chunks) io.stdout.write(chunk);
  } else {
    try {
      await writeChunks(path.resolve(io.cwd, flags.output), chunks);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  for (const problem of read.problems) io.stderr.write(`kubethreat: ${formatProblem(problem)}\n`);
  if (flags.output !== '-') report(io.stdout, read.objects.length, read.clusters.map((cluster) => cluster.context), flags.output, read.problems.length);
  return EXIT.ok;
}

/** Streams to the file with backpressure: a big cluster's snapshot is larger than any one string. */
async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(file);
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => {}); // observed below; this keeps an early failure from being reported as unhandled
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
}

function report(stdout: Output, objects: number, contexts: string[], output: string, problems: number): void {
  const gaps = problems > 0 ? `; ${problems} problem${problems === 1 ? '' : 's'} recorded in it (see above)` : '';
  stdout.write(`kubethreat: saved ${objects} objects from ${contexts.join(', ')} to ${output}${gaps}\n`);
}
