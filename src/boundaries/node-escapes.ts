/**
 * Rules whose findings mean a pod can cross the node boundary: one of these settings is enough to reach the node
 * (see ../shared/reference/attack-techniques.md, the ESC-* and NODE-* techniques).
 */
export const NODE_ESCAPE_RULES: ReadonlySet<string> = new Set([
  'capabilities-dangerous',
  'container-runtime-socket',
  'host-ipc',
  'host-network',
  'host-path-sensitive',
  'host-path-writable',
  'host-pid',
  'privileged-container',
  'proc-mount-unmasked',
  'windows-host-process',
]);
