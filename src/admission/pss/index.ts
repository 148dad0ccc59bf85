/**
 * The exact Pod Security Standards evaluator: the checks of Pod Security Admission (k8s.io/pod-security-admission,
 * policy/check_*.go), per level and policy version, over a pod's metadata and spec. Pure: no I/O.
 */
import { controlMeta } from './define-control.js';
import { ALL_CONTROLS } from './registry.js';
import type { PssControlMeta } from './types.js';

export type {
  ContainerList,
  ContainerRef,
  PodInput,
  PssControlId,
  PssControlMeta,
  PssLevel,
  PssVersion,
  PssViolation,
} from './types.js';
export { checkControls, checkPod, comparePssLevels, controlsFor, podSecurityLevel } from './evaluate.js';
export { LATEST_POLICY_MINOR, parsePssVersion, pssVersionOnCluster, pssVersionText } from './version.js';

/** Every control's metadata, in PSS document order (baseline, then restricted). */
export const PSS_CONTROLS: readonly PssControlMeta[] = ALL_CONTROLS.map(controlMeta);
