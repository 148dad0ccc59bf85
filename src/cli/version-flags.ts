/** The version flags several commands share, checked before anything is read: a typo is a usage error, not a guess. */
import { parsePssVersion } from '../admission/pss/index.js';
import { kubernetesMinorOf } from '../model/kubernetes-version.js';
import { UsageError } from './errors.js';

/** --pss-version: `latest` or `v1.N`, as a Pod Security Admission version label. */
export function checkPssVersionFlag(value: string | undefined): void {
  if (value !== undefined && !parsePssVersion(value)) throw new UsageError(`invalid --pss-version "${value}": use "latest" or a version like v1.30`);
}

/** --kubernetes-version: a Kubernetes 1.x version, as written or as `kubectl version` prints the server's. */
export function checkKubernetesVersionFlag(value: string | undefined): void {
  if (value !== undefined && kubernetesMinorOf(value) === undefined) {
    throw new UsageError(`invalid --kubernetes-version "${value}": use the cluster's version, like v1.31 (kubectl version prints it as Server Version)`);
  }
}
