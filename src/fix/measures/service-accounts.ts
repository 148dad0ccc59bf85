/**
 * A ServiceAccount of its own for every workload that runs as its namespace's `default` one, with no token mounted:
 * the workload gets an identity that permissions can later be granted to alone, and `default` stops being the
 * identity everything shares. Not done when a binding in the input names `default` (the workload may use what it
 * grants), nor for the cluster's own namespaces and the default one.
 */
import { asString } from '../../model/json.js';
import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import { analysedWorkloads, workloadLabel } from '../../rules/helpers.js';
import { serviceAccountHasOwnGrants } from '../token-fixes.js';
import type { Measure, MeasureContext, MeasureResult } from './types.js';

export const serviceAccounts: Measure = {
  id: 'service-accounts',
  title: 'A ServiceAccount per workload',
  rules: ['default-service-account'],
  make: makeServiceAccounts,
};

function makeServiceAccounts({ estate, options }: MeasureContext): MeasureResult {
  const result: MeasureResult = { objects: [], changes: [], notes: [] };
  const taken = new Set(estate.serviceAccounts.keys());
  const workloads = analysedWorkloads(estate)
    .filter((workload) => workload.serviceAccountName === 'default' && !SYSTEM_NAMESPACES.has(workload.namespace))
    .sort((a, b) => compare(`${a.namespace}/${a.name}/${a.kind}`, `${b.namespace}/${b.name}/${b.kind}`));
  for (const workload of workloads) {
    if (workload.namespace === 'default') {
      // An account made there would be one more object in the namespace everything lands in by accident.
      result.notes.push(`${workloadLabel(workload)} runs as ${workload.namespace}/default in the default namespace: move it to a namespace of its own, then run kubethreat fix again to give it a service account`);
      continue;
    }
    if (serviceAccountHasOwnGrants(estate, workload.object, workload.namespace, 'default', options.kubernetesVersion)) {
      result.notes.push(`${workloadLabel(workload)} keeps service account ${workload.namespace}/default: a binding in the input grants that account permissions the workload may use; grant them to an account of its own instead`);
      continue;
    }
    const name = [workload.name, `${workload.name}-${workload.kind.toLowerCase()}`].find((candidate) => !taken.has(`${workload.namespace}/${candidate}`));
    if (name === undefined) {
      result.notes.push(`${workloadLabel(workload)} runs as ${workload.namespace}/default, and a ServiceAccount named after it already exists: give it one of its own by hand`);
      continue;
    }
    taken.add(`${workload.namespace}/${name}`);
    const labels = workload.podLabels['app.kubernetes.io/name'] ? { 'app.kubernetes.io/name': workload.podLabels['app.kubernetes.io/name'] } : undefined;
    result.objects.push({
      measure: 'service-accounts',
      manifest: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name, namespace: workload.namespace, ...(labels ? { labels } : {}) },
        automountServiceAccountToken: false,
      },
      comments: [`The identity of ${workloadLabel(workload)}, which ran as ${workload.namespace}/default. It has no permissions and no token is mounted; grant it only what the workload uses.`],
    });
    const field = workload.serviceAccountNamePath ?? [...workload.specPath, 'serviceAccountName'];
    const edits = [{ op: 'set' as const, path: field, value: name }];
    // The deprecated spec.serviceAccount, when both are set, must agree with serviceAccountName.
    if (field.at(-1) === 'serviceAccountName' && asString(workload.spec.serviceAccount) !== undefined) edits.push({ op: 'set', path: [...workload.specPath, 'serviceAccount'], value: name });
    result.changes.push({ measure: 'service-accounts', object: workload.object, edits, summary: `${workloadLabel(workload)} runs as its own service account ${workload.namespace}/${name}` });
  }
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
