import { asArray, asRecord, isRecord } from '../../model/json.js';
import { defineEdge } from '../define-edge.js';
import { findingEvidence, objectEvidence } from '../context.js';

const technique = defineEdge({
  id: 'CRED-SA-TOKEN',
  title: "Steal the pod's service-account token",
  attack: ['T1528', 'T1552.007'],
  microsoft: ['MS-TA9016 Container service account'],
  difficulty: 'trivial',
  description:
    "Unless the pod or its ServiceAccount opts out, every container gets the service account's API token at /var/run/secrets/kubernetes.io/serviceaccount/token (a projected serviceAccountToken volume does the same on purpose). Code execution in the container is enough to read it and act as the service account.",
  rules: ['service-account-token-automount'],
  build(context) {
    for (const finding of context.findingsOf('service-account-token-automount')) {
      const workload = context.workloadOf(finding.object);
      if (!workload) continue;
      context.edge(context.workloadNode(workload), context.addServiceAccount(workload.namespace, workload.serviceAccountName), technique, [findingEvidence(finding)]);
    }
    // A projected token volume mounts the token whatever automountServiceAccountToken says.
    // Indexed loops and nothing made for a volume that is not projected: this walks every volume of every workload.
    const { workloads } = context;
    for (let position = 0; position < workloads.length; position++) {
      const workload = workloads[position];
      const volumes = asArray(workload.spec.volumes);
      for (let volumeIndex = 0; volumeIndex < volumes.length; volumeIndex++) {
        const projected = asRecord(asRecord(volumes[volumeIndex])?.projected);
        if (projected === undefined) continue;
        const sources = asArray(projected.sources);
        for (let sourceIndex = 0; sourceIndex < sources.length; sourceIndex++) {
          const source = sources[sourceIndex];
          if (!isRecord(source) || !isRecord(source.serviceAccountToken)) continue;
          const path = [...workload.specPath, 'volumes', volumeIndex, 'projected', 'sources', sourceIndex, 'serviceAccountToken'];
          context.edge(context.workloadNodeAt(position), context.addServiceAccount(workload.namespace, workload.serviceAccountName), technique, [
            objectEvidence(workload.object, path, `a projected serviceAccountToken volume of service account ${workload.namespace}/${workload.serviceAccountName}`),
          ]);
        }
      }
    }
  },
});

export default technique;
