/**
 * PSA check_seccompProfile_baseline.go: seccomp may not be explicitly turned off.
 * Before policy v1.19 PSA reads only the legacy alpha annotations; from v1.19 only the securityContext fields.
 * A pod-level Unconfined is refused even when every container sets its own profile: PSA judges each setter.
 */
import { asRecord, asString, type JsonRecord } from '../../../model/json.js';
import { defineControl, type Report } from '../define-control.js';
import { containerField, containersOf, describeContainer, securityContextOwners, type ContainerEntry } from '../pod.js';
import type { PodInput } from '../types.js';

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** Policy version from which seccomp is read from securityContext.seccompProfile instead of annotations. */
export const SECCOMP_FIELD_MINOR = 19;

const ALLOWED_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

export function isAllowedSeccompType(type: string): boolean {
  return ALLOWED_PROFILE_TYPES.has(type);
}

/** The seccomp profile type a securityContext sets, or undefined when it sets no profile. A profile without a type is refused. */
export function seccompTypeOf(securityContext: JsonRecord | undefined): string | undefined {
  const profile = asRecord(securityContext?.seccompProfile);
  if (!profile) return undefined;
  return asString(profile.type) ?? '';
}

function reportUnconfinedAnnotations(pod: PodInput, report: Report): void {
  const annotations = pod.metadata.annotations;
  // The container annotation is looked up by the names of the pod's containers, as PSA does.
  const candidates = [
    { key: SECCOMP_POD_ANNOTATION, description: 'pod', container: undefined as ContainerEntry | undefined },
    ...containersOf(pod).map((entry) => ({
      key: SECCOMP_CONTAINER_ANNOTATION_PREFIX + entry.ref.name,
      description: describeContainer(entry.ref),
      container: entry,
    })),
  ];
  for (const { key, description, container } of candidates) {
    if (annotations[key] !== 'unconfined') continue;
    report({
      path: ['metadata', 'annotations', key],
      ...(container ? { container: container.ref } : {}),
      value: 'unconfined',
      reason: 'forbidden',
      detail: `${description} turns seccomp off with annotation ${key}="unconfined"`,
    });
  }
}

function reportUnconfinedFields(pod: PodInput, report: Report): void {
  for (const owner of securityContextOwners(pod)) {
    const type = seccompTypeOf(owner.securityContext);
    if (type === undefined || isAllowedSeccompType(type)) continue;
    report({
      path: owner.path.concat('securityContext', 'seccompProfile', 'type'),
      ...containerField(owner),
      value: type,
      reason: 'forbidden',
      detail: `${owner.description} sets securityContext.seccompProfile.type=${JSON.stringify(type)}`,
    });
  }
}

export const seccompProfile_baseline = defineControl(
  { id: 'seccompProfile_baseline', level: 'baseline', title: 'Seccomp', minVersion: 'v1.0' },
  (pod, context, report) => {
    if (context.minorVersion < SECCOMP_FIELD_MINOR) reportUnconfinedAnnotations(pod, report);
    else reportUnconfinedFields(pod, report);
  },
);
