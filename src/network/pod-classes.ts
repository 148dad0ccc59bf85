/**
 * Equivalence classes of pods: pods with the same namespace, labels, container ports and host networking are
 * indistinguishable to every NetworkPolicy, so reachability is computed once per class. Classes are sorted by
 * namespace, which makes every namespace a contiguous range of class ids.
 */
import { matchesLabels, selectorAnchor, selectorKey, type LabelSelector, type Labels } from './label-selector.js';
import { classTraits, compareJsonTexts, compareTexts, compareTraits, portText } from './class-order.js';
import type { ContainerPort, PodGroup } from './pod-groups.js';

export { classKey } from './class-order.js';

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

/** Namespaces with fewer classes than this are searched class by class (see the constructor). */
const LABEL_INDEX_FROM = 32;

/** A class of the groups (sorted by id) that share a key; its ports are the first group's, without repeats. */
function podClassOf(id: number, members: PodGroup[]): PodClass {
  const first = members[0];
  // The group's own list when it has no duplicates (nearly always): one array fewer per class.
  const distinct = first.ports.length < 2 ? undefined : new Map(first.ports.map((port) => [portText(port), port]));
  const ports = distinct === undefined || distinct.size === first.ports.length ? first.ports : [...distinct.values()];
  return { id, namespace: first.namespace, namespaceLabels: first.namespaceLabels, podLabels: first.podLabels, ports, hostNetwork: first.hostNetwork, groups: members };
}

const NO_IDS: readonly number[] = [];

/** Array#sort for long lists; by insertion (stable, in place, no copy) for the few groups of a namespace. */
function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 16) return items.sort(compare);
  for (let next = 1; next < items.length; next++) {
    const item = items[next];
    let position = next - 1;
    for (; position >= 0 && compare(items[position], item) > 0; position--) items[position + 1] = items[position];
    items[position + 1] = item;
  }
  return items;
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
    // Classes are sorted by classKey. Its namespace part decides between namespaces, so groups are sorted within
    // their namespace only, by the rest of the key: nothing to compare in a namespace of one group, and no sort of
    // 50,000 long keys that share their first dozens of characters (150,000 pods: 0.45 s).
    // Indexed loops and small sorts by insertion: this runs once, mostly before it is optimised, where each for…of
    // step allocated an iterator result and each Array#sort a copy of its array (5 MB at 50,000 pods).
    const byNamespace = new Map<string, PodGroup[]>();
    for (let position = 0; position < groups.length; position++) {
      const group = groups[position];
      const members = byNamespace.get(group.namespace);
      if (members === undefined) byNamespace.set(group.namespace, [group]);
      else members.push(group);
    }
    const classes: PodClass[] = [];
    const namespaceOrder = [...byNamespace.keys()].sort(compareJsonTexts);
    for (let position = 0; position < namespaceOrder.length; position++) {
      const members = byNamespace.get(namespaceOrder[position])!;
      if (members.length === 1) {
        classes.push(podClassOf(classes.length, members));
        continue;
      }
      const traits = sortSmall(members.map(classTraits), (a, b) => compareTraits(a, b) || (a.group.id < b.group.id ? -1 : 1));
      for (let start = 0; start < traits.length; ) {
        let end = start + 1;
        while (end < traits.length && compareTraits(traits[start], traits[end]) === 0) end++;
        classes.push(podClassOf(classes.length, traits.slice(start, end).map((entry) => entry.group)));
        start = end;
      }
    }
    this.classes = classes;
    const namespaces = new Map(namespaceLabels);
    for (let id = 0; id < classes.length; id++) {
      const podClass = classes[id];
      if (!namespaces.has(podClass.namespace)) namespaces.set(podClass.namespace, podClass.namespaceLabels);
      const range = this.ranges.get(podClass.namespace);
      if (range === undefined) this.ranges.set(podClass.namespace, { first: podClass.id, count: 1 });
      else range.count++;
      const members = podClass.groups;
      for (let member = 0; member < members.length; member++) this.classOfGroup.set(members[member].id, podClass.id);
    }
    this.namespaces = new Map([...namespaces.entries()].sort(([a], [b]) => compareTexts(a, b)));
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
   * Classes of one namespace whose pod labels match, narrowed through the label index and remembered in a large
   * namespace; a namespace of a few classes is checked class by class, which costs less than the key to remember
   * the answer by. `selectorText` is selectorKey(selector), for a caller that asks about many namespaces (a peer's
   * namespaceSelector may match 1,000): the selector's JSON once, not once per namespace.
   */
  selectInNamespace(selector: LabelSelector, namespace: string, selectorText?: string): readonly number[] {
    const { first, count } = this.namespaceRange(namespace);
    if (count < this.indexedFrom) return this.scan(selector, first, count);
    const memoKey = `${namespace}\u0000${selectorText ?? selectorKey(selector)}`;
    const cached = this.selectionMemo.get(memoKey);
    if (cached !== undefined) return cached;
    const anchor = selectorAnchor(selector);
    let selected: readonly number[];
    if (anchor === undefined) selected = this.scan(selector, first, count);
    else {
      const index = this.labelIndexOf(namespace);
      const keys = anchor.values === undefined ? [anchor.key] : anchor.values.map((value) => `${anchor.key}=${value}`);
      const candidates = new Set(keys.flatMap((key) => index.get(key) ?? []));
      selected = [...candidates].filter((id) => matchesLabels(selector, this.classes[id].podLabels)).sort((a, b) => a - b);
    }
    this.selectionMemo.set(memoKey, selected);
    return selected;
  }

  /** The matching classes of an id range, as a list of its length (compiled policies keep them). */
  private scan(selector: LabelSelector, first: number, count: number): readonly number[] {
    let selected: number[] | undefined;
    for (let id = first; id < first + count; id++) {
      if (!matchesLabels(selector, this.classes[id].podLabels)) continue;
      if (selected === undefined) selected = [id];
      else selected.push(id);
    }
    return selected === undefined ? NO_IDS : selected.length === 1 ? selected : selected.slice();
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
