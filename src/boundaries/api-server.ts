/**
 * The kube-apiserver as its static pod starts it (kubeadm's /etc/kubernetes/manifests/kube-apiserver.yaml, which a
 * live cluster shows as a mirror Pod in kube-system): its flags decide authentication, authorization, admission, audit
 * logging and encryption at rest. Managed control planes (EKS, GKE, AKS) show no such pod: then nothing is known.
 */
import type { Estate } from '../model/estate.js';
import { asArray, asString } from '../model/json.js';
import type { FieldPath, K8sObject } from '../model/object.js';
import type { Container } from '../model/workload.js';
import { kubernetesMinorOf } from '../model/kubernetes-version.js';

export interface ApiServer {
  object: K8sObject;
  container: Container;
  /** The value of a flag (`--name=value` or `--name value`); '' for a flag given without one; undefined when absent. */
  flag(name: string): string | undefined;
  /** Where the flag is written (its command or args entry), or the container's command when it is absent. */
  flagPath(name: string): FieldPath;
}

const cache = new WeakMap<Estate, ApiServer | null>();

/** The first kube-apiserver static pod of the estate, if any; computed once per estate. */
export function apiServerOf(estate: Estate): ApiServer | undefined {
  let found = cache.get(estate);
  if (found === undefined) cache.set(estate, (found = find(estate) ?? null));
  return found ?? undefined;
}

function find(estate: Estate): ApiServer | undefined {
  for (const workload of estate.workloads) {
    if (workload.kind !== 'Pod' || workload.namespace !== 'kube-system') continue;
    const container = workload.containers.find((candidate) => candidate.name === 'kube-apiserver' || (candidate.image ?? '').includes('kube-apiserver'));
    if (!container) continue;
    const entries = [...asArray(container.spec.command).map((value, index) => ({ text: asString(value) ?? '', path: [...container.path, 'command', index] })), ...asArray(container.spec.args).map((value, index) => ({ text: asString(value) ?? '', path: [...container.path, 'args', index] }))];
    const at = (name: string): number => entries.findIndex((entry) => entry.text === name || entry.text.startsWith(`${name}=`));
    return {
      object: workload.object,
      container,
      flag(name) {
        const index = at(name);
        if (index === -1) return undefined;
        const text = entries[index].text;
        if (text.startsWith(`${name}=`)) return text.slice(name.length + 1);
        // `--name value`: the next entry, unless it is a flag itself.
        const next = entries[index + 1]?.text;
        return next !== undefined && !next.startsWith('-') ? next : '';
      },
      flagPath(name) {
        const index = at(name);
        return index === -1 ? [...container.path, asArray(container.spec.command).length > 0 ? 'command' : 'args'] : entries[index].path;
      },
    };
  }
  return undefined;
}

/** The plugins of a comma-separated flag value (`--enable-admission-plugins=NodeRestriction,PodSecurity`). */
export function flagList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** The release from which Pod Security Admission runs by default (beta in v1.23; alpha behind a gate in v1.22). */
const POD_SECURITY_ON_FROM_MINOR = 23;

/** Whether namespaces' pod-security labels are enforced, and if not, why and (when a flag says so) where. */
export type PodSecurityAdmission = { enforced: true } | { enforced: false; why: string; at?: { object: K8sObject; path: FieldPath } };

/**
 * Pod Security Admission runs unless the kube-apiserver static pod disables it (PodSecurity in
 * --disable-admission-plugins) or the cluster predates it (before v1.23, unless v1.22's feature gate is set). Unknown
 * (a managed control plane, no version): it runs, as it does by default.
 */
export function podSecurityAdmission(estate: Estate, kubernetesVersion: string | undefined): PodSecurityAdmission {
  const apiServer = apiServerOf(estate);
  if (apiServer !== undefined && flagList(apiServer.flag('--disable-admission-plugins')).includes('PodSecurity')) {
    return { enforced: false, why: 'kube-apiserver runs without Pod Security Admission (--disable-admission-plugins)', at: { object: apiServer.object, path: apiServer.flagPath('--disable-admission-plugins') } };
  }
  const minor = kubernetesMinorOf(kubernetesVersion);
  const gatedOn = minor === 22 && flagList(apiServer?.flag('--feature-gates')).includes('PodSecurity=true');
  if (minor !== undefined && minor < POD_SECURITY_ON_FROM_MINOR && !gatedOn) {
    return { enforced: false, why: `Kubernetes ${kubernetesVersion} runs no Pod Security Admission (it runs by default from v1.23)` };
  }
  return { enforced: true };
}
