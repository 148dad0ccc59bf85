/**
 * The live-cluster edge: kubeconfig contexts → objects and problems, shaped as loadInputs shapes what it reads from
 * files, so that everything downstream treats a cluster like any other input. Read-only: GET requests only.
 * Each context is one cluster in the model (SourceRef.cluster is the context's name, or --cluster-name).
 */
import type { LoadResult } from '../load/index.js';
import { SourceLocator } from '../load/locate.js';
import { DEFAULT_REQUEST_POLICY, type RequestPolicy } from './api-client.js';
import { LIVE_KINDS, type LiveKind } from './kinds.js';
import { KubeconfigError, resolveTargets, type KubeconfigOptions } from './kubeconfig.js';
import { readCluster, type LiveProgress } from './read-cluster.js';

export interface LiveOptions extends KubeconfigOptions {
  /** Identifies kubethreat in the API server's audit log: "kubethreat/0.1.0". */
  userAgent: string;
  /** Renames the cluster (only with one context). */
  clusterName?: string;
  progress?: (event: LiveProgress) => void;
  /** Items per page (the `limit` of each list request). */
  pageSize?: number;
  concurrency?: number;
  request?: Partial<RequestPolicy>;
  kinds?: readonly LiveKind[];
  /** Read for an analysis rather than to save what was read: see ReadPolicy.lean. */
  lean?: boolean;
  /** Read these namespaces only: see ReadPolicy.namespaces. */
  namespaces?: readonly string[];
}

export interface LiveResult extends LoadResult {
  clusters: Array<{ context: string; cluster: string; reachable: boolean; kubernetesVersion?: string }>;
}

export const DEFAULT_PAGE_SIZE = 500;

export async function readClusters(options: LiveOptions): Promise<LiveResult> {
  const targets = await resolveTargets(options);
  if (options.clusterName !== undefined && targets.length > 1) {
    throw new KubeconfigError('--cluster-name names one cluster: with several --context, each cluster is named after its context');
  }
  const policy = {
    kinds: options.kinds ?? LIVE_KINDS,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    concurrency: options.concurrency ?? 4,
    maxRestarts: 3,
    request: { ...DEFAULT_REQUEST_POLICY, ...options.request },
    userAgent: options.userAgent,
    lean: options.lean === true,
    ...(options.namespaces !== undefined ? { namespaces: options.namespaces } : {}),
  };
  const result: LiveResult = { objects: [], problems: [], files: [], locator: new SourceLocator(new Map()), clusters: [] };
  for (const target of targets) {
    const cluster = options.clusterName ?? target.context;
    const read = await readCluster(target, cluster, policy, options.progress);
    for (const object of read.objects) result.objects.push(object); // a spread of 150,000 arguments overflows the stack
    result.problems.push(...read.problems);
    result.files.push(read.file);
    result.clusters.push({ context: target.context, cluster, reachable: read.reachable, ...(read.kubernetesVersion !== undefined ? { kubernetesVersion: read.kubernetesVersion } : {}) });
    if (read.kubernetesVersion !== undefined) (result.kubernetesVersions ??= new Map()).set(cluster, read.kubernetesVersion);
  }
  return result;
}

export { KubeconfigError } from './kubeconfig.js';
export type { LiveProgress } from './read-cluster.js';
export { LIVE_KINDS, type LiveKind } from './kinds.js';
export { snapshotChunks } from './snapshot.js';
