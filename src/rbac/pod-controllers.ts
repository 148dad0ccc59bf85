/**
 * The controllers that make pods from a template, as RBAC names them ([API group, resource]): creating or changing one
 * runs a pod of your choice in its namespace. The extensions group no longer serves any of them (removed in v1.16),
 * so grants there allow nothing.
 */
export const POD_CONTROLLERS: ReadonlyArray<readonly [string, string]> = [
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['', 'replicationcontrollers'],
];
