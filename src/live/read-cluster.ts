/**
 * One cluster → objects and problems, as a file would give them. Every kind is listed on its own: a kind that
 * cannot be listed becomes a coverage gap (a problem naming what goes unanalysed), never the end of the scan. Only
 * an unreachable server or rejected credentials stop the reading of a cluster.
 */
import type { K8sObject, SourceRef } from '../model/object.js';
import { isRecord, type JsonRecord } from '../model/json.js';
import { kubernetesMinorOf } from '../model/kubernetes-version.js';
import type { InputProblem } from '../load/problems.js';
import { addObject } from '../load/parse-text.js';
import { runsPods } from '../load/partial-pods.js';
import { AdmittedSamples } from '../load/admitted-samples.js';
import { StringPool } from '../load/string-pool.js';
import { ManagedTemplates } from '../load/managed-templates.js';
import { ApiClient, ApiConnectionError, ApiCredentialsError, ApiStatusError, type RequestPolicy } from './api-client.js';
import { apiVersionOf, resourceName, type LiveKind } from './kinds.js';
import type { ClusterTarget } from './kubeconfig.js';
import { getOne, listAll } from './list.js';
import { applySecretTypes } from './secret-types.js';

export interface ReadPolicy {
  kinds: readonly LiveKind[];
  pageSize: number;
  /** Kinds listed at the same time. */
  concurrency: number;
  /** Restarts of one list after expired continue tokens (410 Gone). */
  maxRestarts: number;
  request: RequestPolicy;
  userAgent: string;
  /**
   * Reading for an analysis (scan), not to save what was read (snapshot): objects are kept as for a large dump
   * (src/load/to-object.ts): a Pod whose controller is in the cluster without its spec (it is analysed through the
   * controller's pod template), strings shared, the API server's bookkeeping dropped. The controllers are then listed
   * before the Pods, so that each Pod's is known when the Pod is read (a cluster cannot be read twice).
   */
  lean?: boolean;
  /**
   * Read these namespaces only (--include-namespace): the namespaced kinds are listed in each of them and the
   * Namespaces got by name, for an identity whose rights are bound in some namespaces; cluster-scoped kinds are
   * listed as ever (a refusal is a coverage gap). The reading says so in a notice (InputProblem.partlyListed).
   */
  namespaces?: readonly string[];
}

export type LiveProgress =
  | { type: 'connected'; context: string; server: string; kubernetesVersion?: string }
  | { type: 'page'; context: string; resource: string; items: number }
  | { type: 'listed'; context: string; resource: string; items: number }
  | { type: 'not-listed'; context: string; resource: string; reason: string };

export interface ClusterRead {
  context: string;
  /** The pseudo-file objects and problems of this cluster name: `<cluster CONTEXT>`. */
  file: string;
  objects: K8sObject[];
  problems: InputProblem[];
  /** False when nothing could be read (unreachable, or credentials rejected). */
  reachable: boolean;
  /** The server's version (GET /version gitVersion: `v1.31.2-eks-…`), unless the server does not say. */
  kubernetesVersion?: string;
}

/** What listing one kind gave: its objects, and problems in the kind's place (so their order does not depend on timing). */
interface KindOutcome {
  objects: K8sObject[];
  problems: InputProblem[];
}

/** The kinds a Pod names as its controller when the model analyses the Pod through that controller (runsPods). */
const POD_OWNER_KINDS: ReadonlySet<string> = new Set(['ReplicaSet', 'ReplicationController', 'Job', 'DaemonSet', 'StatefulSet']);

const isPods = (kind: LiveKind): boolean => kind.kind === 'Pod' && kind.group === '';
const isNamespaces = (kind: LiveKind): boolean => kind.kind === 'Namespace' && kind.group === '';
const isPodOwners = (kind: LiveKind): boolean => POD_OWNER_KINDS.has(kind.kind) && (kind.group === 'apps' || kind.group === 'batch' || kind.group === '');

export async function readCluster(target: ClusterTarget, cluster: string, policy: ReadPolicy, progress: (event: LiveProgress) => void = () => {}): Promise<ClusterRead> {
  const file = `<cluster ${target.context}>`;
  const read: ClusterRead = { context: target.context, file, objects: [], problems: [], reachable: false };
  const client = new ApiClient(target, policy.request, policy.userAgent);
  try {
    const probed = await probe(client, target, file);
    if ('refusal' in probed) {
      read.problems.push(probed.refusal);
      return read;
    }
    read.reachable = true;
    if (probed.kubernetesVersion !== undefined) read.kubernetesVersion = probed.kubernetesVersion;
    progress({ type: 'connected', context: target.context, server: target.server, ...(read.kubernetesVersion !== undefined ? { kubernetesVersion: read.kubernetesVersion } : {}) });

    const lean = policy.lean === true;
    const namespaces = policy.namespaces !== undefined && policy.namespaces.length > 0 ? policy.namespaces : undefined;
    const strings = lean ? new StringPool().forJsonValues() : undefined;
    // Of each owner's first Pod, the containers admission added to it (the owners are read first).
    const admitted = lean ? new AdmittedSamples() : undefined;
    /** The uids of the objects that run Pods, read so far (with `lean`, all of them before the Pods are read). */
    const podOwnerUids = new Set<string>();
    const ownerKinds = policy.kinds.filter(isPodOwners);
    let ownersRead = 0;
    let ownersListed!: () => void;
    const owners = new Promise<void>((resolve) => (ownersListed = resolve));
    if (ownerKinds.length === 0) ownersListed();
    // The controllers first and the Pods last, so that the Pods wait for no list but their owners'.
    const order = policy.kinds.map((kind, index) => ({ kind, index, rank: isPodOwners(kind) ? 0 : isPods(kind) ? 2 : 1 })).sort((a, b) => a.rank - b.rank || a.index - b.index);

    const listKind = async (kind: LiveKind): Promise<KindOutcome> => {
      const name = displayName(kind);
      if (lean && isPods(kind)) await owners;
      const sink: { objects: K8sObject[]; problems: InputProblem[] } = { objects: [], problems: [] };
      const take = (items: readonly JsonRecord[]): void => {
        for (const item of items) {
          const source: SourceRef = { file, line: 0, column: 0, document: 0, pathInDocument: [], cluster };
          const options = lean ? { strings, dropBookkeeping: true, partialManagedPods: isPods(kind) && controlledByOneOf(item, podOwnerUids), admitted } : {};
          if (!addObject(item, source, sink, () => `${kind.kind} ${describeItem(item)}`, options)) continue;
          const object = sink.objects[sink.objects.length - 1];
          if (isPodOwners(kind) && object.metadata.uid !== undefined && runsPods(object)) podOwnerUids.add(object.metadata.uid);
        }
      };
      // With --include-namespace, a namespaced kind is listed in each of those namespaces, and the Namespaces are got
      // by name (an identity bound in a namespace may get it, not list them all); other kinds are listed whole.
      const scopes: ReadonlyArray<string | undefined> = namespaces !== undefined && kind.namespaced ? namespaces : [undefined];
      let scope: string | undefined;
      try {
        if (namespaces !== undefined && isNamespaces(kind)) {
          for (scope of namespaces) {
            const got = await getNamespace(client, kind, scope, file);
            if ('problem' in got) sink.problems.push(got.problem);
            else take([got.item]);
          }
          progress({ type: 'listed', context: target.context, resource: name, items: sink.objects.length });
          return sink;
        }
        const secrets = kind.kind === 'Secret' && kind.group === '';
        const problems: InputProblem[] = [];
        let count = 0;
        let wholeSent = false;
        for (scope of scopes) {
          const inScope = scope !== undefined ? { namespace: scope } : {};
          // Where this scope's objects start: an expired continue token (410) restarts its list, and a refusal ends it,
          // each dropping what it gave.
          const mark = { objects: sink.objects.length, problems: sink.problems.length };
          const rewind = (): void => {
            sink.objects.length = mark.objects;
            sink.problems.length = mark.problems;
          };
          let listed: Awaited<ReturnType<typeof listAll>>;
          try {
            listed = await listAll(client, kind, {
              pageSize: policy.pageSize,
              maxRestarts: policy.maxRestarts,
              ...inScope,
              onPage: (items) => progress({ type: 'page', context: target.context, resource: name, items: count + items }),
              onStart: rewind,
              // A Secret's type comes from further lists (secret-types.ts), before its items are read.
              onItems: secrets ? undefined : take,
            });
          } catch (error) {
            if (scope === undefined) throw error;
            // One namespace refused: its objects are dropped, the other namespaces' kept. The kind is a gap all the
            // same (InputProblem.unlisted): what any namespace lacks of it is not told.
            rewind();
            const { problem, reason } = gap(kind, error, file, cluster, scope);
            if (problem) problems.push(problem);
            progress({ type: 'not-listed', context: target.context, resource: `${name} in ${scope}`, reason });
            continue;
          }
          count += listed.count;
          if (!listed.metadataHonoured && !wholeSent) problems.push(wholeObjectsSent(kind, file));
          wholeSent ||= !listed.metadataHonoured;
          if (secrets) {
            problems.push(...(await applySecretTypes(client, listed.items, kind, { ...policy, ...inScope }, file)));
            take(listed.items);
          }
        }
        progress({ type: 'listed', context: target.context, resource: name, items: count });
        return { objects: sink.objects, problems: [...problems, ...sink.problems] };
      } catch (error) {
        const { problem, reason } = gap(kind, error, file, cluster, scope);
        progress({ type: 'not-listed', context: target.context, resource: name, reason });
        return { objects: [], problems: problem ? [problem] : [] };
      } finally {
        if (isPodOwners(kind) && ++ownersRead === ownerKinds.length) ownersListed();
      }
    };
    const listed = await inPool(order, policy.concurrency, ({ kind }) => listKind(kind));
    const outcomes = new Array<KindOutcome>(policy.kinds.length);
    order.forEach(({ index }, position) => (outcomes[index] = listed[position]));

    // The pod templates no analysis reads (a ReplicaSet's whose Deployment is in the cluster) are emptied, as for a
    // large dump: none was taken out while read, so none has to be read again.
    const templates = lean ? new ManagedTemplates() : undefined;
    for (const outcome of outcomes) {
      read.problems.push(...outcome.problems);
      for (const object of outcome.objects) {
        read.objects.push(object);
        templates?.note(object, undefined, true);
      }
    }
    await templates?.finish(read.objects, () => Promise.resolve(undefined), read.problems);
    if (namespaces !== undefined) read.problems.push(partlyRead(policy.kinds, namespaces, file, cluster));
    return read;
  } finally {
    client.close();
  }
}

/**
 * The notice of a reading limited to some namespaces: what it means, and the namespaced resources read that way, for
 * the rules that report what the whole cluster lacks of them (they do not run: see rulesWithEvidence).
 */
function partlyRead(kinds: readonly LiveKind[], namespaces: readonly string[], file: string, cluster: string): InputProblem {
  return {
    severity: 'notice',
    file,
    message: `only the namespaces ${namespaces.join(', ')} were read (--include-namespace): objects of other namespaces are not analysed, and neither is what the whole cluster lacks (node agents, monitoring)`,
    hint: 'read the whole cluster, without --include-namespace, for the threat model of all of it',
    // The Namespaces too: only those named were got.
    partlyListed: [...kinds.filter((kind) => kind.namespaced).map(resourceName), 'namespaces'],
    cluster,
  };
}

/** A Namespace got by name (--include-namespace); one that does not exist is a warning, any other failure thrown. */
async function getNamespace(client: ApiClient, kind: LiveKind, name: string, file: string): Promise<{ item: JsonRecord } | { problem: InputProblem }> {
  try {
    return { item: await getOne(client, kind, name) };
  } catch (error) {
    if (!(error instanceof ApiStatusError && error.status === 404)) throw error;
    return { problem: { severity: 'warning', file, message: `namespace ${name} does not exist in this cluster`, skipped: `namespace ${name}`, hint: 'check the name given to --include-namespace (kubectl get namespaces lists them)' } };
  }
}

/** Whether the item's controller (its owner reference with controller: true) is among `uids`. */
function controlledByOneOf(item: JsonRecord, uids: ReadonlySet<string>): boolean {
  const owners = isRecord(item.metadata) ? item.metadata.ownerReferences : undefined;
  if (!Array.isArray(owners)) return false;
  for (const owner of owners) if (isRecord(owner) && owner.controller === true) return typeof owner.uid === 'string' && uids.has(owner.uid);
  return false;
}

/**
 * GET /version, which every authenticated identity may read: tells an unreachable server or bad credentials apart,
 * and gives the server's Kubernetes version (which the analysis follows: see AnalysisInput.kubernetesVersions).
 */
async function probe(client: ApiClient, target: ClusterTarget, file: string): Promise<{ refusal: InputProblem } | { kubernetesVersion?: string }> {
  let info: unknown;
  try {
    info = await client.getJson('/version');
  } catch (error) {
    if (error instanceof ApiCredentialsError) {
      const refusal: InputProblem = {
        severity: 'error',
        file,
        message: `cannot get the credentials of context "${target.context}": ${error.message}`,
        skipped: 'the whole cluster',
        hint: `install or log in with what the kubeconfig's user runs, then check with: kubectl --context ${target.context} auth whoami`,
      };
      return { refusal };
    }
    if (error instanceof ApiStatusError && error.status === 401) {
      const refusal: InputProblem = {
        severity: 'error',
        file,
        message: `the API server at ${target.server} rejected the credentials of context "${target.context}" (401 Unauthorized)`,
        skipped: 'the whole cluster',
        hint: `renew them (log in again), and check with: kubectl --context ${target.context} auth whoami`,
      };
      return { refusal };
    }
    if (error instanceof ApiConnectionError) {
      const refusal: InputProblem = {
        severity: 'error',
        file,
        message: `cannot reach the API server of context "${target.context}": ${error.message}`,
        skipped: 'the whole cluster',
        hint: `check that the cluster is up and that this works: kubectl --context ${target.context} get namespaces`,
      };
      return { refusal };
    }
    return {}; // some clusters restrict /version; the lists say whether reading works
  }
  const gitVersion = isRecord(info) ? info.gitVersion : undefined;
  return typeof gitVersion === 'string' && kubernetesMinorOf(gitVersion) !== undefined ? { kubernetesVersion: gitVersion } : {};
}

/** `scope`: the namespace the failed list (or get, of a Namespace) was in, with --include-namespace. */
function gap(kind: LiveKind, error: unknown, file: string, cluster: string, scope?: string): { problem?: InputProblem; reason: string } {
  const name = displayName(kind);
  const what = scope === undefined ? `list ${name}` : isNamespaces(kind) ? `get namespace ${scope}` : `list ${name} in namespace ${scope}`;
  if (error instanceof ApiStatusError && error.status === 404) {
    if (kind.addOn) return { reason: 'not installed' }; // nothing of the add-on to analyse
    const reason = `the API server does not serve ${resourceName(kind)} ${apiVersionOf(kind)}`;
    return { reason, problem: { severity: 'notice', file, message: `${reason} (404): ${kind.withoutIt}`, skipped: `all ${name}`, hint: 'the cluster runs a Kubernetes version without this API, or has it disabled' } };
  }
  if (error instanceof ApiStatusError || error instanceof ApiConnectionError) {
    const cause = error instanceof ApiStatusError ? error.statusText : error.message;
    const reason = `${cause}${error.attempts > 1 ? `, after ${error.attempts} attempts` : ''}`;
    const hint =
      error instanceof ApiStatusError && (error.status === 403 || error.status === 401)
        ? scope === undefined
          ? `grant list on ${resourceName(kind)} to the identity kubethreat runs as (deploy/clusterrole.yaml lists everything it reads)`
          : `grant ${isNamespaces(kind) ? 'get' : 'list'} on ${resourceName(kind)} in namespace ${scope} to the identity kubethreat runs as`
        : 'run the scan again; if it persists, check the API server';
    const skipped = scope === undefined || isNamespaces(kind) ? `all ${name}` : `${name} in namespace ${scope}`;
    return { reason, problem: { severity: 'warning', file, message: `cannot ${what} (${reason}): ${kind.withoutIt}`, skipped, hint, unlisted: resourceName(kind), cluster } };
  }
  throw error; // not a failure of the cluster: a bug, which the CLI reports as one
}

function wholeObjectsSent(kind: LiveKind, file: string): InputProblem {
  return {
    severity: 'warning',
    file,
    message: `the API server sent whole ${kind.resource} although kubethreat asked for their metadata only; the values were dropped on receipt and kept nowhere`,
    hint: 'the server, or a proxy in front of it, ignores PartialObjectMetadata requests: report it to whoever runs it',
  };
}

/** Built-in resources by their plural; add-ons with their group, since Calico's networkpolicies are not Kubernetes'. */
export function displayName(kind: LiveKind): string {
  return kind.addOn ? resourceName(kind) : kind.resource;
}

function describeItem(item: JsonRecord): string {
  const metadata = (item.metadata ?? {}) as { namespace?: unknown; name?: unknown };
  return [metadata.namespace, metadata.name].filter((part) => typeof part === 'string').join('/');
}

/** Runs `task` over `inputs` with at most `limit` at a time; results in input order. */
async function inPool<T, R>(inputs: readonly T[], limit: number, task: (input: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
  return results;
}
