/**
 * Values that many workloads of an estate have alike, made once per estate build: field paths, security settings and
 * capability lists. The first container of every Deployment has the path spec.template.spec.containers[0], and its
 * securityContext paths under it: a 50,000-pod dump held 100,000 path arrays (9 MB) of 13 distinct paths. Shared
 * values are frozen, as NO_STRINGS and the unset setting are, so that a change meant for one workload fails loudly.
 * One instance per buildEstate, dropped with it: nothing is kept across analyses.
 */
import type { FieldPath, PathSegment } from './object.js';
import type { Setting } from './security-context.js';

export class SharedValues {
  /** Each path's extensions by one segment: a trie over the paths made here (and the module constants they start from). */
  private readonly extensions = new Map<FieldPath, Map<PathSegment, FieldPath>>();
  /** Settings of a primitive value, by path and then value. */
  private readonly settings = new Map<FieldPath, Map<unknown, Setting<unknown>>>();
  private readonly lists = new Map<string, string[]>();

  /** `base` followed by `segments`: the same frozen array for the same base (by identity) and segments. */
  path(base: FieldPath, ...segments: PathSegment[]): FieldPath {
    let path = base;
    for (const segment of segments) {
      let next = this.extensions.get(path);
      if (next === undefined) this.extensions.set(path, (next = new Map()));
      let extended = next.get(segment);
      if (extended === undefined) next.set(segment, (extended = Object.freeze(path.concat(segment))));
      path = extended;
    }
    return path;
  }

  /**
   * A set setting; shared when its value is a string, number or boolean (an object value is the object read; -0 and 0
   * are one key of a Map).
   */
  setting<T>(value: T, path: FieldPath, from: 'container' | 'pod'): Setting<T> {
    if ((typeof value === 'object' && value !== null) || Object.is(value, -0)) return { value, path, from };
    let byValue = this.settings.get(path);
    if (byValue === undefined) this.settings.set(path, (byValue = new Map()));
    let setting = byValue.get(value);
    // A path says whether it is the container's or the pod's: `from` follows from it.
    if (setting === undefined) byValue.set(value, (setting = Object.freeze({ value, path, from })));
    return setting as Setting<T>;
  }

  /** A list of strings without a comma in them (capability names), the same frozen array for the same entries. */
  list(entries: string[]): string[] {
    for (const entry of entries) if (entry.includes(',')) return entries;
    const key = entries.join(',');
    let list = this.lists.get(key);
    if (list === undefined) this.lists.set(key, (list = Object.freeze(entries) as string[]));
    return list;
  }
}
