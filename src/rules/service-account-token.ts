/**
 * Whether a workload's pods get an API token of their service account, and where it comes from. Shared by the
 * automount rule (is a token mounted at all?) and the RBAC join (what can the mounted token do?).
 *
 * The kubelet mounts the token unless the pod says automountServiceAccountToken: false, or the pod leaves it unset
 * and the ServiceAccount says false: the pod's field wins. A projected serviceAccountToken volume mounts a token
 * whatever automount says; only one without an audience (or with the API server's) is accepted by the API server.
 */
import type { Estate } from '../model/estate.js';
import { asArray, asBoolean, asRecord, asString } from '../model/json.js';
import type { FieldPath, K8sObject } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { analysedWorkloads, volumes } from './helpers.js';

export type AutomountReason = 'podEnables' | 'accountEnables' | 'accountDefault' | 'accountNotInInput';

export interface TokenAutomount {
  /** Why the token is automounted; undefined when it is not. */
  reason: AutomountReason | undefined;
  /** `namespace/name` of the pod's service account. */
  serviceAccount: string;
  /** The ServiceAccount object, when the input has it. */
  account: K8sObject | undefined;
}

const automountsOf = new WeakMap<Estate, readonly TokenAutomount[]>();

/**
 * tokenAutomount of each analysed workload, in the order of analysedWorkloads(estate): computed once per estate for
 * the rules that ask of every workload (automount, and what a mounted token can do).
 */
export function analysedTokenAutomounts(estate: Estate): readonly TokenAutomount[] {
  let automounts = automountsOf.get(estate);
  if (automounts === undefined) automountsOf.set(estate, (automounts = analysedWorkloads(estate).map((workload) => tokenAutomount(estate, workload))));
  return automounts;
}

export function tokenAutomount(estate: Estate, workload: Workload): TokenAutomount {
  const serviceAccount = `${workload.namespace}/${workload.serviceAccountName}`;
  const account = estate.serviceAccounts.get(serviceAccount);
  const podSetting = asBoolean(workload.spec.automountServiceAccountToken);
  const accountSetting = account ? asBoolean(account.raw.automountServiceAccountToken) : undefined;
  let reason: AutomountReason | undefined;
  if (podSetting === true) reason = 'podEnables';
  else if (podSetting === undefined && accountSetting !== false) reason = !account ? 'accountNotInInput' : accountSetting === true ? 'accountEnables' : 'accountDefault';
  return { reason, serviceAccount, account };
}

/** Projected serviceAccountToken sources the API server accepts (no audience other than its own). */
export function projectedApiTokens(workload: Workload): FieldPath[] {
  const paths: FieldPath[] = [];
  // Most pods have no projected volume: their volumes (and the paths volumes() makes) are not needed.
  if (!asArray(workload.spec.volumes).some((volume) => asRecord(volume)?.projected !== undefined)) return paths;
  for (const volume of volumes(workload)) {
    asArray(asRecord(volume.spec.projected)?.sources).forEach((source, index) => {
      const token = asRecord(asRecord(source)?.serviceAccountToken);
      if (token === undefined) return;
      const audience = asString(token.audience);
      if (audience === undefined || audience === '' || API_SERVER_AUDIENCES.has(audience)) paths.push([...volume.path, 'projected', 'sources', index, 'serviceAccountToken']);
    });
  }
  return paths;
}

/** The API server's default audiences (its issuer on most distributions); a token for another audience is rejected. */
const API_SERVER_AUDIENCES = new Set(['https://kubernetes.default.svc', 'https://kubernetes.default.svc.cluster.local', 'kubernetes.default.svc']);
