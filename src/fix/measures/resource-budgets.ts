/**
 * ResourceQuota and LimitRange per namespace, from what its workloads declare.
 *
 * LimitRange (type Container): `defaultRequest` is the smallest request a container of the namespace declares, and
 * `default` (the limit) the largest limit or request, at least 500m/512Mi, so that a container that declares nothing
 * is treated like the most modest of its neighbours while it may grow like the largest, and no declared request
 * exceeds the default limit (the API server would refuse it). Without declarations: 100m/128Mi requested. No `max`:
 * a maximum below what someone needs refuses their pods, and nothing in the manifests says what that is.
 *
 * ResourceQuota: per-pod requests and limits (LimitRange defaults filling the gaps; init containers count as the
 * kubelet counts them, the largest of them against the sum of the others) × replicas (an autoscaler's
 * maxReplicas when one scales the workload) summed over the namespace, × 1.5: room for rolling updates (a
 * Deployment runs up to 25% more pods by default while it rolls out), a Job retried, and some growth.
 */
import { asArray, asNumber, asRecord, asString, getPath, type JsonRecord } from '../../model/json.js';
import type { Estate } from '../../model/estate.js';
import { objectsOfKind } from '../../model/estate.js';
import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import type { Workload } from '../../model/workload.js';
import { workloadLabel, workloadsByNamespace } from '../../rules/helpers.js';
import { formatCpu, formatMemory, parseQuantity } from './quantity.js';
import { GENERATED_PREFIX, type GeneratedObject, type Measure, type MeasureContext, type MeasureResult } from './types.js';

export const HEADROOM = 1.5;
const FALLBACK = { request: { cpu: 0.1, memory: 128 * 2 ** 20 }, limit: { cpu: 0.5, memory: 512 * 2 ** 20 } };

type Resource = 'cpu' | 'memory';
interface Amounts {
  cpu: number;
  memory: number;
}
interface Defaults {
  request: Partial<Amounts>;
  limit: Partial<Amounts>;
}

export const limitRanges: Measure = {
  id: 'limit-ranges',
  title: 'LimitRange defaults',
  rules: ['namespace-limit-range-missing', 'resources-limits-missing', 'resources-requests-missing'],
  make: (context) => perNamespace(context, 'LimitRange', limitRangeFor),
};

export const resourceQuotas: Measure = {
  id: 'resource-quotas',
  title: 'ResourceQuotas',
  rules: ['namespace-resource-quota-missing'],
  make: (context) => perNamespace(context, 'ResourceQuota', (estate, namespace, workloads, notes) => quotaFor(estate, namespace, workloads, notes, context.running.has('limit-ranges'))),
};

type Maker = (estate: Estate, namespace: string, workloads: readonly Workload[], notes: string[]) => GeneratedObject;

function perNamespace({ estate }: MeasureContext, kind: 'LimitRange' | 'ResourceQuota', make: Maker): MeasureResult {
  const result: MeasureResult = { objects: [], changes: [], notes: [] };
  const present = new Set(objectsOfKind(estate, kind).map((object) => object.metadata.namespace));
  for (const [namespace, workloads] of [...workloadsByNamespace(estate)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (SYSTEM_NAMESPACES.has(namespace) || present.has(namespace)) continue;
    result.objects.push(make(estate, namespace, workloads, result.notes));
  }
  return result;
}

function limitRangeFor(estate: Estate, namespace: string, workloads: readonly Workload[]): GeneratedObject {
  const defaults = generatedDefaults(workloads);
  return {
    measure: 'limit-ranges',
    manifest: {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: `${GENERATED_PREFIX}defaults`, namespace },
      spec: { limits: [{ type: 'Container', defaultRequest: format(defaults.request), default: format(defaults.limit) }] },
    },
    comments: [
      `Defaults for containers of namespace ${namespace} that declare no resources.`,
      'defaultRequest: the smallest request a container of the namespace declares; default (limit): the largest limit or request, at least 500m and 512Mi.',
      'No max: nothing in the manifests says how much the largest legitimate container needs.',
    ],
  };
}

/**
 * A quota on requests.cpu (or any other) refuses every pod that does not set it, unless a LimitRange fills it in:
 * only what every container ends up with is put under quota.
 */
function quotaFor(estate: Estate, namespace: string, workloads: readonly Workload[], notes: string[], limitRangeGenerated: boolean): GeneratedObject {
  const existing = existingDefaults(estate, namespace);
  const defaults: Defaults = existing ?? (limitRangeGenerated ? generatedDefaults(workloads) : { request: {}, limit: {} });
  const total = { requests: { cpu: 0, memory: 0 }, limits: { cpu: 0, memory: 0 }, pods: 0 };
  const covered = { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } };
  const todo: string[] = [];
  for (const workload of workloads) {
    const { count, assumption } = replicas(estate, workload);
    if (assumption) todo.push(`TODO(kubethreat): ${assumption}`);
    const pod = podAmounts(workload, defaults);
    for (const bound of ['requests', 'limits'] as const) for (const resource of ['cpu', 'memory'] as const) covered[bound][resource] &&= pod.covered[bound][resource];
    total.pods += count;
    for (const resource of ['cpu', 'memory'] as const) {
      total.requests[resource] += pod.requests[resource] * count;
      total.limits[resource] += pod.limits[resource] * count;
    }
  }
  const hard: JsonRecord = {};
  const left: string[] = [];
  for (const bound of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory'] as const) {
      if (!covered[bound][resource]) left.push(`${bound}.${resource}`);
      else hard[`${bound}.${resource}`] = resource === 'cpu' ? formatCpu(total[bound].cpu * HEADROOM, 100) : formatMemory(total[bound].memory * HEADROOM, 64);
    }
  }
  if (left.length > 0) notes.push(`the ResourceQuota of namespace ${namespace} leaves out ${left.join(', ')}: some containers set none and no LimitRange fills it in, and such a quota would refuse their pods`);
  hard.pods = String(Math.ceil(total.pods * HEADROOM));
  return {
    measure: 'resource-quotas',
    manifest: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: `${GENERATED_PREFIX}quota`, namespace }, spec: { hard } },
    comments: [
      `The budget of namespace ${namespace}: the ${workloads.length} workload${workloads.length === 1 ? '' : 's'} of the input (${workloads.map(workloadLabel).join(', ')}),`,
      `their requests and limits per pod (${existing ? 'its LimitRange' : limitRangeGenerated ? 'the LimitRange beside this quota' : 'as declared'} filling the gaps) × replicas, × ${HEADROOM} for rolling updates and growth.`,
      'Workloads of this namespace that are not in the input count against it too: raise it if it runs more.',
      ...todo,
    ],
  };
}

function replicas(estate: Estate, workload: Workload): { count: number; assumption?: string } {
  const autoscaler = objectsOfKind(estate, 'HorizontalPodAutoscaler').find((hpa) => {
    const target = asRecord(getPath(hpa.raw, ['spec', 'scaleTargetRef']));
    return hpa.metadata.namespace === workload.namespace && asString(target?.kind) === workload.kind && asString(target?.name) === workload.name;
  });
  const maxReplicas = autoscaler ? asNumber(getPath(autoscaler.raw, ['spec', 'maxReplicas'])) : undefined;
  if (maxReplicas !== undefined) return { count: maxReplicas };
  const spec = asRecord(workload.object.raw.spec) ?? {};
  switch (workload.kind) {
    case 'Pod':
      return { count: 1 };
    case 'DaemonSet': {
      const nodes = objectsOfKind(estate, 'Node').length;
      if (nodes > 0) return { count: nodes };
      return { count: 1, assumption: `${workloadLabel(workload)} runs one pod per node and is counted once (the input has no Node objects): multiply its share by your node count.` };
    }
    case 'Job':
      return { count: asNumber(spec.parallelism) ?? 1 };
    case 'CronJob':
      return { count: asNumber(getPath(spec, ['jobTemplate', 'spec', 'parallelism'])) ?? 1 };
    default:
      return { count: asNumber(spec.replicas) ?? 1 };
  }
}

interface PodAmounts {
  requests: Amounts;
  limits: Amounts;
  /** Whether every container ends up with the bound (declared or defaulted). */
  covered: Record<'requests' | 'limits', Record<Resource, boolean>>;
}

function podAmounts(workload: Workload, defaults: Defaults): PodAmounts {
  const running = { requests: { cpu: 0, memory: 0 }, limits: { cpu: 0, memory: 0 } };
  const init = { requests: { cpu: 0, memory: 0 }, limits: { cpu: 0, memory: 0 } };
  const covered = { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } };
  for (const container of workload.containers) {
    if (container.list === 'ephemeralContainers') continue;
    const sidecar = container.list === 'initContainers' && container.spec.restartPolicy === 'Always';
    const target = container.list === 'containers' || sidecar ? running : undefined;
    for (const resource of ['cpu', 'memory'] as const) {
      const amounts = effective(container.spec, resource, defaults);
      const request = amounts.request ?? 0;
      const limit = amounts.limit;
      covered.requests[resource] &&= amounts.request !== undefined;
      covered.limits[resource] &&= limit !== undefined;
      if (target) {
        target.requests[resource] += request;
        target.limits[resource] += limit ?? request;
      } else {
        init.requests[resource] = Math.max(init.requests[resource], request);
        init.limits[resource] = Math.max(init.limits[resource], limit ?? request);
      }
    }
  }
  const larger = (bound: 'requests' | 'limits'): Amounts => ({ cpu: Math.max(running[bound].cpu, init[bound].cpu), memory: Math.max(running[bound].memory, init[bound].memory) });
  return { requests: larger('requests'), limits: larger('limits'), covered };
}

/** A request left out is the limit beside it, else the LimitRange's default request (which falls back to its default). */
function effective(container: JsonRecord, resource: Resource, defaults: Defaults): { request: number | undefined; limit: number | undefined } {
  const resources = asRecord(container.resources) ?? {};
  const limit = parseQuantity(asRecord(resources.limits)?.[resource]) ?? defaults.limit[resource];
  const request = parseQuantity(asRecord(resources.requests)?.[resource]) ?? parseQuantity(asRecord(resources.limits)?.[resource]) ?? defaults.request[resource] ?? limit;
  return { request, limit };
}

function declared(workloads: readonly Workload[], bound: 'requests' | 'limits', resource: Resource): number[] {
  return workloads.flatMap((workload) =>
    workload.containers.flatMap((container) => {
      const value = parseQuantity(asRecord(asRecord(container.spec.resources)?.[bound])?.[resource]);
      return value !== undefined && value > 0 ? [value] : [];
    }),
  );
}

function generatedDefaults(workloads: readonly Workload[]): { request: Amounts; limit: Amounts } {
  const pick = (resource: Resource) => {
    const requests = declared(workloads, 'requests', resource);
    const ceilings = [...declared(workloads, 'limits', resource), ...requests];
    const request = requests.length > 0 ? Math.min(...requests) : FALLBACK.request[resource];
    // Never below the fallback: the default limit also caps the containers that declare a request and no limit.
    const limit = Math.max(...ceilings, FALLBACK.limit[resource]);
    return { request, limit: Math.max(limit, request) };
  };
  const cpu = pick('cpu');
  const memory = pick('memory');
  return { request: { cpu: cpu.request, memory: memory.request }, limit: { cpu: cpu.limit, memory: memory.limit } };
}

/** The defaults of a LimitRange the namespace already has, as the API server completes them. */
function existingDefaults(estate: Estate, namespace: string): Defaults | undefined {
  const range = objectsOfKind(estate, 'LimitRange').find((object) => object.metadata.namespace === namespace);
  if (!range) return undefined;
  const item = asArray(getPath(range.raw, ['spec', 'limits'])).map(asRecord).find((entry) => entry?.type === 'Container');
  const read = (field: string, resource: Resource): number | undefined => parseQuantity(asRecord(item?.[field])?.[resource]);
  const defaults: Defaults = { request: {}, limit: {} };
  for (const resource of ['cpu', 'memory'] as const) {
    const limit = read('default', resource) ?? read('max', resource);
    const request = read('defaultRequest', resource) ?? limit ?? read('min', resource);
    if (limit !== undefined) defaults.limit[resource] = limit;
    if (request !== undefined) defaults.request[resource] = request;
  }
  return defaults;
}

function format(amounts: Amounts): JsonRecord {
  return { cpu: formatCpu(amounts.cpu), memory: formatMemory(amounts.memory) };
}
