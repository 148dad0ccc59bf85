/**
 * The trust-boundary map as data, shared by every drawing (Mermaid, DOT/SVG, the HTML report's inline SVG): the
 * cluster contains namespaces, namespaces contain workloads, workloads run on node pools, and entry points reach
 * workloads. Large estates are trimmed to what a drawing can show; the counts of what was left out are kept.
 */
import { clusterNamespace } from '../engine/merge-clusters.js';
import type { Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { objectKey } from '../model/object.js';
import { SYSTEM_NAMESPACES } from '../model/platform.js';
import type { Severity } from '../taxonomy/index.js';
import { readEntryPoints, type EntryPointView } from './extensions.js';
import { compareText, findingObjectKey, groupBy, highestOf } from './present.js';

export interface MapWorkload {
  key: string;
  kind: string;
  name: string;
  podSecurityLevel: string;
  serviceAccount: string;
  nodeEscapes: string[];
  findings: number;
  highest?: Severity;
  /** Reached by an entry point (when the model has entry points). */
  exposed: boolean;
}

export interface MapNamespace {
  name: string;
  system: boolean;
  /** Findings on the namespace itself and on the objects in it. */
  findings: number;
  highest?: Severity;
  workloads: MapWorkload[];
  /** Workloads left out of the drawing. */
  moreWorkloads: number;
}

export interface MapPool {
  name: string;
  controlPlane: boolean;
  workloads: number;
  /** Workloads that can cross into the nodes of this pool, with how. */
  escapes: Array<{ key: string; everyNode: boolean; nodeEscapes: string[] }>;
}

export interface BoundaryMap {
  cluster: string;
  namespaces: MapNamespace[];
  moreNamespaces: number;
  pools: MapPool[];
  /** Undefined when the model does not analyse exposure yet. */
  entryPoints?: EntryPointView[];
}

export interface MapLimits {
  namespaces: number;
  workloadsPerNamespace: number;
}

export const DEFAULT_MAP_LIMITS: MapLimits = { namespaces: 40, workloadsPerNamespace: 12 };

export function boundaryMap(model: ThreatModel, limits: MapLimits = DEFAULT_MAP_LIMITS): BoundaryMap {
  const findingsByObject = groupBy(model.findings, findingObjectKey);
  const entryPoints = readEntryPoints(model);
  const exposed = new Set((entryPoints ?? []).flatMap((entry) => entry.workloads));
  // With several clusters a namespace is named with its cluster (`a:shop`), as scope.namespaces names it.
  const qualified = severalClusters(model);
  const findingsByNamespace = groupBy(model.findings, (finding) => namespaceOfFinding(finding, qualified));
  const workloadsByNamespace = groupBy(model.workloads, (workload) => withCluster(workload.object.cluster, workload.object.namespace ?? model.scope.defaultNamespace, qualified));

  const names = [...new Set([...model.scope.namespaces, ...workloadsByNamespace.keys()])].sort(compareText);
  // Namespaces with the most severe findings come first when the drawing must leave some out.
  const ranked = names.length > limits.namespaces ? [...names].sort((a, b) => (findingsByNamespace.get(b)?.length ?? 0) - (findingsByNamespace.get(a)?.length ?? 0) || compareText(a, b)).slice(0, limits.namespaces).sort(compareText) : names;

  const namespaces = ranked.map((name): MapNamespace => {
    const workloads = (workloadsByNamespace.get(name) ?? []).map((workload): MapWorkload => {
      const key = objectKey(workload.object);
      const own: Finding[] = findingsByObject.get(key) ?? [];
      const entry: MapWorkload = {
        key,
        kind: workload.object.kind,
        name: workload.object.name,
        podSecurityLevel: workload.podSecurityLevel,
        serviceAccount: workload.serviceAccount,
        nodeEscapes: workload.nodeEscapes,
        findings: own.length,
        exposed: exposed.has(key),
      };
      const highest = highestOf(own);
      if (highest) entry.highest = highest;
      return entry;
    });
    // Exposed and escaping workloads matter most on a map; keep them when trimming.
    const shown = [...workloads].sort((a, b) => weight(b) - weight(a) || compareText(a.key, b.key)).slice(0, limits.workloadsPerNamespace).sort((a, b) => compareText(a.key, b.key));
    const own = findingsByNamespace.get(name) ?? [];
    const out: MapNamespace = { name, system: SYSTEM_NAMESPACES.has(name), findings: own.length, workloads: shown, moreWorkloads: workloads.length - shown.length };
    const highest = highestOf(own);
    if (highest) out.highest = highest;
    return out;
  });

  const pools = model.nodeBoundary.pools.map((pool): MapPool => ({
    name: pool.name,
    controlPlane: pool.controlPlane,
    workloads: pool.workloads.length,
    escapes: pool.workloads.filter((workload) => workload.nodeEscapes.length > 0).map((workload) => ({ key: objectKey(workload.object), everyNode: workload.everyNode, nodeEscapes: workload.nodeEscapes })),
  }));

  const map: BoundaryMap = { cluster: model.scope.clusters.length > 0 ? model.scope.clusters.join(', ') : 'cluster', namespaces, moreNamespaces: names.length - ranked.length, pools };
  if (entryPoints) map.entryPoints = entryPoints;
  return map;
}

function weight(workload: MapWorkload): number {
  return (workload.exposed ? 4 : 0) + (workload.nodeEscapes.length > 0 ? 2 : 0) + (workload.findings > 0 ? 1 : 0);
}

/**
 * The namespace a finding counts towards: its object's, or the Namespace object's own name; `qualified` (the model
 * holds several clusters) names its cluster too, `a:shop`, since clusters do not share namespaces.
 */
export function namespaceOfFinding(finding: Finding, qualified: boolean): string {
  if (finding.object.kind === 'Namespace' && finding.object.namespace === undefined) return withCluster(finding.object.cluster, finding.object.name, qualified);
  return withCluster(finding.object.cluster, finding.object.namespace ?? '(cluster)', qualified);
}

/**
 * Whether the model holds several clusters: then namespaces are named with their cluster. Objects that name no cluster
 * beside a named one are a cluster of their own too (merge-clusters.ts), though scope.clusters lists only names.
 */
export function severalClusters(model: ThreatModel): boolean {
  const named = model.scope.clusters.length;
  return named > 1 || (named === 1 && model.workloads.some((workload) => workload.object.cluster === undefined));
}

function withCluster(cluster: string | undefined, namespace: string, qualified: boolean): string {
  return qualified ? clusterNamespace(cluster, namespace) : namespace;
}

/** A pool's name, saying when it includes control-plane nodes (unless the name already does). */
export function poolTitle(pool: { name: string; controlPlane: boolean }): string {
  return pool.controlPlane && !/control.plane/i.test(pool.name) ? `${pool.name} (control-plane nodes)` : pool.name;
}
