/**
 * A Secret's type without its data. PartialObjectMetadata has no `type`, but the API server filters Secrets by type
 * (a field selector), so one metadata-only list per well-known type tells which Secret has which: a long-lived
 * service-account token is a different threat from a TLS certificate. Secrets of other types keep no type.
 */
import type { JsonRecord } from '../model/json.js';
import type { InputProblem } from '../load/problems.js';
import { ApiConnectionError, ApiStatusError, type ApiClient } from './api-client.js';
import type { LiveKind } from './kinds.js';
import { listAll } from './list.js';

export const SECRET_TYPES = [
  'kubernetes.io/service-account-token',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/dockercfg',
  'kubernetes.io/tls',
  'kubernetes.io/basic-auth',
  'kubernetes.io/ssh-auth',
  'bootstrap.kubernetes.io/token',
  'Opaque',
] as const;

/** Sets `type` on the Secrets in `secrets` (metadata-only objects), and returns a notice if types could not be read. */
export async function applySecretTypes(
  client: ApiClient,
  secrets: JsonRecord[],
  kind: LiveKind,
  policy: { pageSize: number; maxRestarts: number; namespace?: string },
  file: string,
): Promise<InputProblem[]> {
  if (secrets.length === 0) return [];
  const typeOf = new Map<string, string>();
  try {
    for (const type of SECRET_TYPES) {
      const { items } = await listAll(client, kind, { pageSize: policy.pageSize, maxRestarts: policy.maxRestarts, fieldSelector: `type=${type}`, ...(policy.namespace !== undefined ? { namespace: policy.namespace } : {}) });
      for (const item of items) typeOf.set(identity(item), type);
    }
  } catch (error) {
    if (!(error instanceof ApiStatusError || error instanceof ApiConnectionError)) throw error;
    return [
      {
        severity: 'notice',
        file,
        message: `the types of Secrets could not be read (${error instanceof ApiStatusError ? error.statusText : error.message}): service-account token Secrets are not told apart from others`,
        hint: 'run the scan again',
      },
    ];
  }
  for (const secret of secrets) {
    const type = typeOf.get(identity(secret));
    if (type !== undefined) secret.type = type;
  }
  return [];
}

function identity(item: JsonRecord): string {
  const metadata = (item.metadata ?? {}) as { namespace?: unknown; name?: unknown };
  return `${String(metadata.namespace)}/${String(metadata.name)}`;
}
