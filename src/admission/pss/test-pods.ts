/** In-memory pods for the evaluator's tests: a pod that passes restricted, and small edits of it. */
import type { PodInput } from './types.js';

export type JsonObject = Record<string, unknown>;

/** A container that passes every restricted check on its own. */
export function hardenedContainer(name: string, extra: JsonObject = {}, securityContext: JsonObject = {}): JsonObject {
  return {
    name,
    image: 'registry.k8s.io/pause',
    ...extra,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...securityContext },
  };
}

/** A pod that passes restricted at every policy version; `spec` entries replace the defaults. */
export function restrictedPod(spec: JsonObject = {}, annotations: Record<string, string> = {}): PodInput {
  return {
    metadata: { annotations },
    spec: {
      containers: [hardenedContainer('app')],
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      ...spec,
    },
  };
}

/** The default pod: no securityContext at all. It passes baseline and fails restricted. */
export function plainPod(spec: JsonObject = {}, annotations: Record<string, string> = {}): PodInput {
  return { metadata: { annotations }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } };
}
