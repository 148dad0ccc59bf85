/**
 * Effective CPU and memory requests and limits of containers, as the API server and the LimitRanger admission plugin
 * leave them: a request left out defaults to the container's own limit, a LimitRange of type Container fills in what
 * is still missing (its `default` limit falls back to `max`; its `defaultRequest` falls back to `default`, then
 * `min`), and pod-level resources (spec.resources) bound the whole pod.
 */
import type { Estate } from '../model/estate.js';
import { objectsOfKind } from '../model/estate.js';
import { asArray, asRecord, getPath, type JsonRecord } from '../model/json.js';
import type { K8sObject } from '../model/object.js';
import type { Container, Workload } from '../model/workload.js';
import type { RuleContext } from './define-rule.js';
import { forEachContainer, workloadLabel } from './helpers.js';

export const RESOURCES = ['cpu', 'memory'] as const;
export type ResourceName = (typeof RESOURCES)[number];
export type Bound = 'limits' | 'requests';

export interface ResourceGaps {
  /** Resources left unbounded. */
  missing: ResourceName[];
  /** Resources the container leaves out but a LimitRange of the namespace fills in at admission. */
  defaultedBy: Array<{ resource: ResourceName; limitRange: K8sObject }>;
}

/** Per namespace, the LimitRange that defaults each bound of each resource. */
export type LimitRangeDefaults = Map<string, Record<Bound, Map<ResourceName, K8sObject>>>;

export function limitRangeDefaults(estate: Estate): LimitRangeDefaults {
  const defaults: LimitRangeDefaults = new Map();
  for (const limitRange of objectsOfKind(estate, 'LimitRange')) {
    const namespace = limitRange.metadata.namespace ?? estate.defaultNamespace;
    const entry = defaults.get(namespace) ?? { limits: new Map(), requests: new Map() };
    defaults.set(namespace, entry);
    for (const item of asArray(getPath(limitRange.raw, ['spec', 'limits']))) {
      const limit = asRecord(item);
      if (!limit || limit.type !== 'Container') continue;
      for (const resource of RESOURCES) {
        // The API server's defaulting of LimitRangeItem: default ← max; defaultRequest ← default ← max, then min.
        const defaultLimit = quantityIn(limit.default, resource) ?? quantityIn(limit.max, resource);
        const defaultRequest = quantityIn(limit.defaultRequest, resource) ?? defaultLimit ?? quantityIn(limit.min, resource);
        if (defaultLimit !== undefined && !entry.limits.has(resource)) entry.limits.set(resource, limitRange);
        if (defaultRequest !== undefined && !entry.requests.has(resource)) entry.requests.set(resource, limitRange);
      }
    }
  }
  return defaults;
}

export function resourceGaps(workload: Workload, container: Container, bound: Bound, defaults: LimitRangeDefaults): ResourceGaps {
  const own = asRecord(container.spec.resources) ?? {};
  const pod = asRecord(workload.spec.resources) ?? {};
  const fromLimitRange = defaults.get(workload.namespace)?.[bound];
  const gaps: ResourceGaps = { missing: [], defaultedBy: [] };
  for (const resource of RESOURCES) {
    if (isBounded(own, resource, bound) || isBounded(pod, resource, bound)) continue;
    const limitRange = fromLimitRange?.get(resource);
    if (limitRange) gaps.defaultedBy.push({ resource, limitRange });
    else gaps.missing.push(resource);
  }
  return gaps;
}

/** A request left out defaults to the limit set beside it (containers and pod-level resources alike). */
function isBounded(resources: JsonRecord, resource: ResourceName, bound: Bound): boolean {
  if (quantityIn(resources.limits, resource) !== undefined) return true;
  return bound === 'requests' && quantityIn(resources.requests, resource) !== undefined;
}

/** A quantity that bounds something: present and not zero (a zero limit sets no cgroup limit, a zero request reserves nothing). */
function quantityIn(list: unknown, resource: ResourceName): string | number | undefined {
  const value = asRecord(list)?.[resource];
  if (typeof value === 'number') return value > 0 ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return Number.parseFloat(value) === 0 ? undefined : value;
}

function describeResources(resources: readonly ResourceName[]): string {
  return resources.join(' and ');
}

/**
 * The check shared by resources-limits-missing and resources-requests-missing: one finding per container that leaves
 * a resource unbounded, naming what is missing and what a LimitRange fills in. Their messages are `missing` and
 * `missingPartlyDefaulted`.
 */
export function checkResourceGaps(bound: Bound, { estate, report }: RuleContext): void {
  const defaults = limitRangeDefaults(estate);
  // Init containers count: they run unbounded while they run, and restartable ones (sidecars) run all along.
  // Ephemeral containers cannot declare resources at all, so there is nothing to ask of them.
  forEachContainer(estate, (workload, container) => {
    if (container.list === 'ephemeralContainers') return;
    const gaps = resourceGaps(workload, container, bound, defaults);
    if (gaps.missing.length === 0) return;
    const limitRanges = [...new Set(gaps.defaultedBy.map((entry) => entry.limitRange))];
    // CPU is shared out by requests: a container that requests CPU and only lacks a CPU limit cannot take the
    // requested share of its neighbours, it only borrows what is idle. Memory cannot be taken back that way.
    const cpuLimitOnly = bound === 'limits' && gaps.missing.length === 1 && gaps.missing[0] === 'cpu';
    const borrowsOnly = cpuLimitOnly && !resourceGaps(workload, container, 'requests', defaults).missing.includes('cpu');
    report({
      messageId: gaps.defaultedBy.length > 0 ? 'missingPartlyDefaulted' : 'missing',
      data: {
        kind: container.list === 'initContainers' ? 'Init container' : 'Container',
        container: container.name,
        workload: workloadLabel(workload),
        resources: describeResources(gaps.missing),
        defaulted: describeResources(gaps.defaultedBy.map((entry) => entry.resource)),
        limitRange: limitRanges.map((limitRange) => `${limitRange.metadata.namespace}/${limitRange.metadata.name}`).join(', '),
      },
      object: workload.object,
      container,
      path: [...container.path, 'resources', bound, gaps.missing[0]],
      related: limitRanges,
      ...(borrowsOnly ? { severity: 'info' as const } : {}),
    });
  });
}
