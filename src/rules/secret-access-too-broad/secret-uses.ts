/**
 * Which Secrets a workload's pods use: env secretKeyRef and envFrom secretRef in every container (init and ephemeral
 * included), secret and projected secret volumes, imagePullSecrets of the pod and of its ServiceAccount (the
 * admission plugin copies the account's into every pod that names none).
 */
import type { Estate } from '../../model/estate.js';
import { asArray, asRecord, asString } from '../../model/json.js';
import type { Workload } from '../../model/workload.js';

export function secretsUsedBy(estate: Estate, workload: Workload): Set<string> {
  const names = new Set<string>();
  const add = (value: unknown): void => {
    const name = asString(value);
    if (name !== undefined && name !== '') names.add(name);
  };
  for (const container of workload.containers) {
    for (const entry of asArray(container.spec.env)) add(asRecord(asRecord(asRecord(entry)?.valueFrom)?.secretKeyRef)?.name);
    for (const entry of asArray(container.spec.envFrom)) add(asRecord(asRecord(entry)?.secretRef)?.name);
  }
  // The volumes themselves, not volumes(workload): their paths are not needed here, for 30,000 workloads.
  for (const entry of asArray(workload.spec.volumes)) {
    const volume = asRecord(entry);
    add(asRecord(volume?.secret)?.secretName);
    for (const source of asArray(asRecord(volume?.projected)?.sources)) add(asRecord(asRecord(source)?.secret)?.name);
  }
  const podPullSecrets = asArray(workload.spec.imagePullSecrets);
  for (const entry of podPullSecrets) add(asRecord(entry)?.name);
  if (podPullSecrets.length === 0) {
    const account = estate.serviceAccounts.get(`${workload.namespace}/${workload.serviceAccountName}`);
    for (const entry of asArray(account?.raw.imagePullSecrets)) add(asRecord(entry)?.name);
  }
  return names;
}
