/**
 * A cluster's Kubernetes version, as people write it (`--kubernetes-version v1.31`) and as API servers report it
 * (GET /version: `v1.31.2`, `v1.31.0-eks-2a5b3c`, `v1.31.1-gke.1146000`, `v1.31.2+k3s1`). The analysis reads its
 * minor number: the default RBAC policy, the API removals and what Pod Security Admission's `latest` means follow it.
 */

/** A Kubernetes 1.x version, its minor number captured; also the config file's schema pattern (config/schema.ts). */
export const KUBERNETES_VERSION_PATTERN = '^v?1\\.(0|[1-9][0-9]{0,2})(?:\\.[0-9]+)?(?:[-+].*)?$';

const VERSION = new RegExp(KUBERNETES_VERSION_PATTERN);

/** The minor number of a Kubernetes 1.x version; undefined when the text is not one. */
export function kubernetesMinorOf(version: string | undefined): number | undefined {
  const match = version === undefined ? null : VERSION.exec(version.trim());
  return match === null ? undefined : Number(match[1]);
}
