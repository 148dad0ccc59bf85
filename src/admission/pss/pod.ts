/** Typed reads of the pod fields that several controls share; the spec stays untrusted JSON underneath. */
import { asArray, asRecord, asString, asBoolean, type JsonRecord } from '../../model/json.js';
import type { PathSegment } from '../../model/object.js';
import type { ContainerList, ContainerRef, PodInput } from './types.js';

export interface ContainerEntry {
  container: JsonRecord;
  securityContext: JsonRecord | undefined;
  ref: ContainerRef;
  /** Path of the container itself, e.g. ['spec', 'initContainers', 0]. */
  path: PathSegment[];
}

/** The three lists PSA's visitContainers walks; every container-level control covers all of them. */
const CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

const containerCache = new WeakMap<JsonRecord, readonly ContainerEntry[]>();

/** Every container of the pod; listed once per pod spec, as every container-level control asks for them. */
export function containersOf(pod: PodInput): readonly ContainerEntry[] {
  let entries = containerCache.get(pod.spec);
  // An exact-size copy: kept per pod, and a list grown by push reserves 17 slots for its first container.
  if (entries === undefined) containerCache.set(pod.spec, (entries = listContainers(pod).slice()));
  return entries;
}

function listContainers(pod: PodInput): ContainerEntry[] {
  const entries: ContainerEntry[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(pod.spec[list]).forEach((item, index) => {
      const container = asRecord(item);
      if (!container) return;
      entries.push({
        container,
        securityContext: asRecord(container.securityContext),
        ref: { name: asString(container.name) ?? '', list, index },
        path: ['spec', list, index],
      });
    });
  }
  return entries;
}

export function podSecurityContext(pod: PodInput): JsonRecord | undefined {
  return asRecord(pod.spec.securityContext);
}

/** `spec.os.name: windows`: from policy v1.25 PSA skips the Linux-only restricted checks for such pods. */
export function isWindowsPod(pod: PodInput): boolean {
  return asString(asRecord(pod.spec.os)?.name) === 'windows';
}

/** `spec.hostUsers: false`: the pod runs in a user namespace, so root inside is not root on the node. */
export function runsInUserNamespace(pod: PodInput): boolean {
  return asBoolean(pod.spec.hostUsers) === false;
}

/** Policy version from which a user-namespace pod is exempt from runAsNonRoot, runAsUser and baseline procMount. */
export const USER_NAMESPACE_RELAXATION_MINOR = 35;
/** Policy version from which Windows pods skip allowPrivilegeEscalation, restricted seccomp and restricted capabilities. */
export const WINDOWS_EXEMPTION_MINOR = 25;

export function describeContainer(ref: ContainerRef): string {
  const kind = ref.list === 'initContainers' ? 'init container' : ref.list === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${kind} ${JSON.stringify(ref.name)}`;
}

/** Entries of a container's securityContext.capabilities.add or .drop, with their index; non-strings are not capabilities. */
export function capabilityEntries(entry: ContainerEntry, list: 'add' | 'drop'): { capability: string; index: number }[] {
  const found: { capability: string; index: number }[] = [];
  asArray(asRecord(entry.securityContext?.capabilities)?.[list]).forEach((item, index) => {
    const capability = asString(item);
    if (capability !== undefined) found.push({ capability, index });
  });
  return found;
}

/** The pod or a container, as something that holds a securityContext. */
export interface SecurityContextOwner {
  securityContext: JsonRecord | undefined;
  /** Path of the object that holds `securityContext`: ['spec'] for the pod, the container's path otherwise. */
  path: PathSegment[];
  container?: ContainerRef;
  /** `pod` or e.g. `init container "setup"`, to start a sentence with. */
  description: string;
}

/** The pod first, then every container: the order PSA reports setters in. */
export function securityContextOwners(pod: PodInput): SecurityContextOwner[] {
  return [
    { securityContext: podSecurityContext(pod), path: ['spec'], description: 'pod' },
    ...containersOf(pod).map((entry) => ({
      securityContext: entry.securityContext,
      path: entry.path,
      container: entry.ref,
      description: describeContainer(entry.ref),
    })),
  ];
}

/** `container` only when there is one, so pod-level violations carry no such key. */
export function containerField(owner: { container?: ContainerRef }): { container?: ContainerRef } {
  return owner.container ? { container: owner.container } : {};
}
