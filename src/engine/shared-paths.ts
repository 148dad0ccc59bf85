/**
 * The field paths of findings, each distinct one written once: a rule reports the same few fields on every workload,
 * and a 150,000-pod cluster has 800,000 findings. Paths are looked up segment by segment (a path is a handful of
 * segments the rules share), so a finding costs neither a formatPath nor the hashing of a freshly built string.
 */
import type { FieldPath } from '../model/object.js';
import { formatPath } from '../model/object.js';
import { isContainerIndex } from './fingerprint.js';
import type { SharedPath } from './rule-finding.js';

interface PathNode {
  children: Map<string | number, PathNode> | undefined;
  shared: InternedPath | undefined;
}

/** A SharedPath that also gives the stable form of itself its fingerprints hash. */
export class InternedPath implements SharedPath {
  /**
   * The written path cut where a container's index stands, for stable(): container names are as many as workloads,
   * so the stable form is assembled per finding rather than remembered.
   */
  readonly aroundContainerIndex: string[];
  constructor(
    readonly path: string,
    readonly fieldPath: FieldPath,
  ) {
    this.aroundContainerIndex = [];
    let start = 0;
    for (let index = 0; index < fieldPath.length; index++) {
      if (!isContainerIndex(fieldPath, index)) continue;
      this.aroundContainerIndex.push(writtenAfter(fieldPath.slice(start, index), start > 0));
      start = index + 1;
    }
    if (this.aroundContainerIndex.length > 0) this.aroundContainerIndex.push(writtenAfter(fieldPath.slice(start), true));
  }

  /** The path as fingerprints hash it (fingerprint.ts' stablePath), for a finding on the container named so, or none. */
  stable(containerName: string | undefined): string {
    // Without a container, or without a container's index in the path, the path as written is the stable one.
    const parts = this.aroundContainerIndex;
    if (containerName === undefined || parts.length === 0) return this.path;
    // formatPath writes the segment `name=<container>` so (it is not an identifier).
    const named = `[${JSON.stringify(`name=${containerName}`)}]`;
    let text = parts[0];
    for (let index = 1; index < parts.length; index++) text += named + parts[index];
    return text;
  }
}

/** Segments as formatPath writes them, after something already written (a name then takes its dot) or at the start. */
function writtenAfter(segments: FieldPath, afterSomething: boolean): string {
  return afterSomething ? formatPath(['x', ...segments]).slice(1) : formatPath(segments);
}

export interface SharedPaths {
  /** The one SharedPath of this path (its segments, not its identity, decide). */
  path(fieldPath: FieldPath): InternedPath;
}

export function sharedPaths(): SharedPaths {
  const root: PathNode = { children: undefined, shared: undefined };
  return {
    path(fieldPath) {
      let node = root;
      for (let index = 0; index < fieldPath.length; index++) {
        const segment = fieldPath[index];
        node.children ??= new Map();
        let next = node.children.get(segment);
        if (next === undefined) node.children.set(segment, (next = { children: undefined, shared: undefined }));
        node = next;
      }
      // A copy: the report's array belongs to the rule, which may reuse it.
      return (node.shared ??= new InternedPath(formatPath(fieldPath), [...fieldPath]));
    },
  };
}
