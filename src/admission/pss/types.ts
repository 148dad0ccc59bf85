/** Types of the Pod Security Standards evaluator; the shapes mirror Pod Security Admission (k8s.io/pod-security-admission). */
import type { PathSegment } from '../../model/object.js';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';
/** What a `pod-security.kubernetes.io/<mode>-version` label may hold. */
export type PssVersion = 'latest' | `v1.${number}`;

/** The parts of a pod (or of a workload's pod template) that Pod Security Admission reads. `spec` is untrusted JSON. */
export interface PodInput {
  metadata: { annotations: Record<string, string>; labels?: Record<string, string> };
  spec: Record<string, unknown>;
}

/** PSA's own check ids (policy/check_*.go), so findings can be matched against `kubectl` warnings word for word. */
export type PssControlId =
  | 'windowsHostProcess'
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilities_baseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'appArmorProfile'
  | 'seLinuxOptions'
  | 'procMount'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'restrictedVolumes'
  | 'allowPrivilegeEscalation'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted'
  | 'capabilities_restricted'
  | 'procMount_restricted';

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  name: string;
  list: ContainerList;
  index: number;
}

export interface PssViolation {
  control: PssControlId;
  level: 'baseline' | 'restricted';
  /** Field path from the pod root; for a required field that is absent, where it must be set. */
  path: PathSegment[];
  container?: ContainerRef;
  /** The offending value (for volumes: the hostPath path or the volume type); absent when a required field is missing. */
  value?: unknown;
  /** `forbidden`: set to a value the level forbids; `missing`: a field the level requires is absent. */
  reason: 'forbidden' | 'missing';
  /** One human sentence. */
  detail: string;
}

/** Facts a control needs besides the pod: the policy version, as the minor number of v1.N. */
export interface PolicyContext {
  minorVersion: number;
}

export interface PssControlMeta {
  id: PssControlId;
  level: 'baseline' | 'restricted';
  title: string;
  /** First policy version at which PSA runs the check, e.g. `v1.0`. */
  minVersion: `v1.${number}`;
  /** The baseline check this restricted check replaces when both apply (PSA `OverrideCheckIDs`). */
  overrides?: PssControlId;
}

export interface PssControl extends PssControlMeta {
  check(pod: PodInput, context: PolicyContext): PssViolation[];
}
