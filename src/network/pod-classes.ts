/**
 * Equivalence classes of pods: pods with the same namespace, labels, container ports and host networking are
 * indistinguishable to every NetworkPolicy, so reachability is computed once per class. Classes are sorted by
 * namespace, which makes every namespace a contiguous range of class ids.
 */
import { matchesLabels, selectorAnchor, selectorKey, type LabelSelector, type Labels } from './label-selector.js';
import type { ContainerPort, PodGroup } from './pod-groups.js';

export interface PodClass {
  id: number;
  namespace: string;
  namespaceLabels: Labels;
  podLabels: Labels;
  ports: readonly ContainerPort[];
  hostNetwork: boolean;
  /** The pod groups (workloads) in this class, sorted by id. */
  groups: readonly PodGroup[];
}

interface NamespaceRange {
  first: number;
  count: number;
}

/**
 * What tells classes apart, as a text that also orders them: the JSON of [namespace, sorted label pairs, sorted
 * distinct ports, hostNetwork], written piece by piece rather than through the nested arrays JSON.stringify would
 * need (once per pod group: 20 MB of garbage at 50,000 pods).
 */
export function classKey(group: PodGroup): string {
  let key = `[${JSON.stringify(group.namespace)},[`;
  const labelKeys = sortSmall(Object.keys(group.podLabels));
  for (let position = 0; position < labelKeys.length; position++) {
    const label = labelKeys[position];
    key += `${position === 0 ? '' : ','}[${JSON.stringify(label)},${JSON.stringify(group.podLabels[label])}]`;
  }
  key += '],[';
  const ports = sortSmall(group.ports.map((port) => `${port.name ?? ''}/${port.port}/${port.protocol}`));
  for (let position = 0; position < ports.length; position++) {
    if (position > 0 && ports[position] === ports[position - 1]) continue;
    key += `${position === 0 ? '' : ','}${JSON.stringify(ports[position])}`;
  }
  return `${key}],${group.hostNetwork ? 'true' : 'false'}]`;
}

/** Namespaces with fewer classes than this are searched class by class (see the constructor). */
const LABEL_INDEX_FROM = 32;

/**
 * Sorts by code units (as Array#sort does strings) in place; a few labels or ports are sorted by insertion, since
 * Array#sort copies even a three-element array into a work array first (9 MB for the classes of 50,000 pods).
 */
function sortSmall(texts: string[]): string[] {
  if (texts.length > 8) return texts.sort();
  for (let next = 1; next < texts.length; next++) {
    const text = texts[next];
    let position = next - 1;
    for (; position >= 0 && texts[position] > text; position--) texts[position + 1] = texts[position];
    texts[position + 1] = text;
  }
  return texts;
}

export class PodClassIndex {
  readonly classes: readonly PodClass[];
  /** Every namespace named in the input, sorted, with its labels. */
  readonly namespaces: ReadonlyMap<string, Labels>;
  private readonly ranges = new Map<string, NamespaceRange>();
  private readonly classOfGroup = new Map<string, number>();
  /** namespace → `key` or `key=value` → class ids carrying that label; built when a large namespace is first asked. */
  private readonly labelIndex = new Map<string, Map<string, number[]>>();
  private readonly selectionMemo = new Map<string, readonly number[]>();
  private readonly namespaceMemo = new Map<string, readonly string[]>();

  /**
   * @param indexedFrom namespaces with at least this many classes get a label index; in smaller ones, checking each
   *   class is as quick (3,000 namespaces of five classes: an index of every label of every class was 12 MB at 50,000 pods).
   */
  constructor(
    groups: readonly PodGroup[],
    namespaceLabels: ReadonlyMap<string, Labels>,
    private readonly indexedFrom = LABEL_INDEX_FROM,
  ) {
    const byKey = new Map<string, PodGroup[]>();
    for (const group of groups) {
      const key = classKey(group);
      const members = byKey.get(key);
      if (members === undefined) byKey.set(key, [group]);
      else members.push(group);
    }
    const keys = [...byKey.keys()].sort();
    this.classes = keys.map((key, id) => {
      const members = byKey.get(key)!.sort((a, b) => (a.id < b.id ? -1 : 1));
      const first = members[0];
      // The group's own list when it has no duplicates (nearly always): one array fewer per class.
      const distinct = first.ports.length < 2 ? undefined : new Map(first.ports.map((port) => [`${port.name ?? ''}/${port.port}/${port.protocol}`, port]));
      const ports = distinct === undefined || distinct.size === first.ports.length ? first.ports : [...distinct.values()];
      return { id, namespace: first.namespace, namespaceLabels: first.namespaceLabels, podLabels: first.podLabels, ports, hostNetwork: first.hostNetwork, groups: members };
    });
    const namespaces = new Map(namespaceLabels);
    for (const podClass of this.classes) {
      if (!namespaces.has(podClass.namespace)) namespaces.set(podClass.namespace, podClass.namespaceLabels);
      const range = this.ranges.get(podClass.namespace);
      if (range === undefined) this.ranges.set(podClass.namespace, { first: podClass.id, count: 1 });
      else range.count++;
      for (const group of podClass.groups) this.classOfGroup.set(group.id, podClass.id);
    }
    this.namespaces = new Map([...namespaces.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  classIdOfGroup(groupId: string): number | undefined {
    return this.classOfGroup.get(groupId);
  }

  namespaceRange(namespace: string): NamespaceRange {
    return this.ranges.get(namespace) ?? { first: 0, count: 0 };
  }

  classesInNamespace(namespace: string): readonly PodClass[] {
    const { first, count } = this.namespaceRange(namespace);
    return this.classes.slice(first, first + count);
  }

  /**
   * Classes of one namespace whose pod labels match; memoised, and narrowed through the label index. `selectorText`
   * is selectorKey(selector), for a caller that asks about many namespaces (a peer's namespaceSelector may match
   * 1,000): the selector's JSON once, not once per namespace.
   */
  selectInNamespace(selector: LabelSelector, namespace: string, selectorText = selectorKey(selector)): readonly number[] {
    const memoKey = `${namespace}\u0000${selectorText}`;
    const cached = this.selectionMemo.get(memoKey);
    if (cached !== undefined) return cached;
    const anchor = selectorAnchor(selector);
    const { first, count } = this.namespaceRange(namespace);
    let selected: number[];
    if (anchor === undefined || count < this.indexedFrom) {
      selected = [];
      for (let id = first; id < first + count; id++) if (matchesLabels(selector, this.classes[id].podLabels)) selected.push(id);
    } else {
      const index = this.labelIndexOf(namespace);
      const keys = anchor.values === undefined ? [anchor.key] : anchor.values.map((value) => `${anchor.key}=${value}`);
      const candidates = new Set(keys.flatMap((key) => index.get(key) ?? []));
      selected = [...candidates].filter((id) => matchesLabels(selector, this.classes[id].podLabels)).sort((a, b) => a - b);
    }
    this.selectionMemo.set(memoKey, selected);
    return selected;
  }

  private labelIndexOf(namespace: string): Map<string, number[]> {
    let index = this.labelIndex.get(namespace);
    if (index === undefined) {
      index = new Map();
      const { first, count } = this.namespaceRange(namespace);
      for (let id = first; id < first + count; id++)
        for (const [key, value] of Object.entries(this.classes[id].podLabels))
          for (const indexKey of [key, `${key}=${value}`]) {
            const list = index.get(indexKey);
            if (list === undefined) index.set(indexKey, [id]);
            else list.push(id);
          }
      this.labelIndex.set(namespace, index);
    }
    return index;
  }

  /**
   * Drops what selections remembered (answers and label indexes): compiling the policies is what asks, once per
   * policy and peer; afterwards the compiled policies hold the answers, and the memos were a third of the index.
   */
  forgetSelections(): void {
    this.selectionMemo.clear();
    this.namespaceMemo.clear();
    this.labelIndex.clear();
  }

  namespacesMatching(selector: LabelSelector): readonly string[] {
    const memoKey = selectorKey(selector);
    const cached = this.namespaceMemo.get(memoKey);
    if (cached !== undefined) return cached;
    const matching = [...this.namespaces].filter(([, labels]) => matchesLabels(selector, labels)).map(([name]) => name);
    this.namespaceMemo.set(memoKey, matching);
    return matching;
  }
}
