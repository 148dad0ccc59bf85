/**
 * The kube-apiserver as its static pod starts it (kubeadm's /etc/kubernetes/manifests/kube-apiserver.yaml, which a
 * live cluster shows as a mirror Pod in kube-system): its flags decide authentication, authorization, admission, audit
 * logging and encryption at rest. Managed control planes (EKS, GKE, AKS) show no such pod: then nothing is known.
 */
import type { Estate } from '../model/estate.js';
import { asArray, asString } from '../model/json.js';
import type { FieldPath, K8sObject } from '../model/object.js';
import type { Container } from '../model/workload.js';

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

/**
 * Whether the API server runs without Pod Security Admission (PodSecurity in --disable-admission-plugins): then no
 * namespace's pod-security labels are enforced. Unknown (a managed control plane): it runs, as it does by default.
 */
export function podSecurityAdmissionOff(estate: Estate): boolean {
  return flagList(apiServerOf(estate)?.flag('--disable-admission-plugins')).includes('PodSecurity');
}
