/** Reading live clusters for `scan --cluster` and `snapshot`: flags → contexts → objects, with progress on a terminal. */
import { formatProblem } from '../load/problems.js';
import { KubeconfigError, readClusters, type LiveProgress, type LiveResult } from '../live/index.js';
import { InputError, UsageError } from './errors.js';
import type { CliIo, Output } from './io.js';
import { toolVersion } from './version.js';
import { safe } from '../report/terminal-text.js';
import { isDnsLabel } from '../model/names.js';

export interface ClusterFlags {
  cluster?: boolean;
  context: string[];
  kubeconfig?: string;
  clusterName?: string;
  /** --include-namespace: read these namespaces of the cluster only. */
  includeNamespace?: string[];
}

/** Whether the flags ask for a live cluster: --cluster, or any flag that only makes sense with one. */
export function wantsCluster(flags: ClusterFlags): boolean {
  return flags.cluster === true || flags.context.length > 0 || flags.kubeconfig !== undefined || (flags.includeNamespace ?? []).length > 0;
}

/** `lean`: for an analysis, whose objects need not be all that was read (see ReadPolicy.lean); snapshot saves them whole. */
export async function readLiveInputs(flags: ClusterFlags, io: CliIo, lean: boolean): Promise<LiveResult> {
  for (const name of flags.includeNamespace ?? []) {
    if (!isDnsLabel(name)) throw new UsageError(`invalid --include-namespace "${name}": a namespace's name is at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`);
  }
  const progress = io.stderr.isTTY === true ? terminalProgress(io.stderr) : undefined;
  let result: LiveResult;
  try {
    result = await readClusters({
      kubeconfig: flags.kubeconfig,
      contexts: flags.context,
      clusterName: flags.clusterName,
      env: io.env,
      cwd: io.cwd,
      userAgent: `kubethreat/${toolVersion()}`,
      progress: progress?.report,
      lean,
      ...(flags.includeNamespace !== undefined && flags.includeNamespace.length > 0 ? { namespaces: [...new Set(flags.includeNamespace)] } : {}),
    });
  } catch (error) {
    if (error instanceof KubeconfigError) throw new UsageError(error.message);
    throw error;
  } finally {
    progress?.done();
  }
  if (result.clusters.every((cluster) => !cluster.reachable) || result.objects.length === 0) {
    const names = result.clusters.map((cluster) => cluster.context).join(', ');
    const problems = result.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
    throw new InputError(`nothing could be read from ${result.clusters.length > 1 ? 'the clusters' : 'the cluster'} ${names}${problems ? `:\n${problems}` : ''}`);
  }
  return result;
}

/**
 * A status line rewritten in place while lists page, and one line per kind listed. Only on a terminal: piped
 * standard error stays clean for the problems that matter.
 */
function terminalProgress(stderr: Output): { report: (event: LiveProgress) => void; done: () => void } {
  let statusShown = false;
  const clearStatus = (): void => {
    if (statusShown) stderr.write('\r\x1b[K');
    statusShown = false;
  };
  return {
    report(event) {
      if (event.type === 'page') {
        clearStatus();
        stderr.write(`  ${event.context}: ${event.resource} ${event.items.toLocaleString('en-US')}…`);
        statusShown = true;
        return;
      }
      clearStatus();
      if (event.type === 'connected') stderr.write(`kubethreat: reading ${event.context} (${event.server}${event.kubernetesVersion !== undefined ? `, Kubernetes ${safe(event.kubernetesVersion)}` : ''})\n`);
      else if (event.type === 'listed') stderr.write(`  ${event.context}: ${event.resource} ${event.items.toLocaleString('en-US')}\n`);
      else stderr.write(`  ${event.context}: ${event.resource} not listed (${event.reason})\n`);
    },
    done: clearStatus,
  };
}
