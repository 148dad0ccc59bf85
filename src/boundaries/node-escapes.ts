/**
 * Findings that mean a pod can cross the node boundary: one of these settings is enough to reach the node (see
 * ../shared/reference/attack-techniques.md, the ESC-* and NODE-* techniques).
 */
import type { Finding } from '../engine/finding.js';
import { atLeast } from '../taxonomy/index.js';

const NODE_ESCAPE_RULES: ReadonlySet<string> = new Set([
  'capabilities-dangerous',
  'container-runtime-socket',
  'host-ipc',
  'host-network',
  'host-path-sensitive',
  'host-path-volume',
  'host-path-writable',
  'host-pid',
  'privileged-container',
  'proc-mount-unmasked',
  'windows-host-process',
]);

/**
 * These rules lower the severity of the variants that do not reach the node (an unmasked /proc inside a user
 * namespace, a misspelled baseline capability), so only their high and critical findings count as escapes.
 */
export function isNodeEscape(finding: Finding): boolean {
  return NODE_ESCAPE_RULES.has(finding.ruleId) && atLeast(finding.severity, 'high');
}
