import { asArray, asRecord, asString } from '../../model/json.js';
import type { FieldPath } from '../../model/object.js';
import { defineEdge } from '../define-edge.js';
import { objectEvidence } from '../context.js';
import { secretId } from '../nodes.js';

const technique = defineEdge({
  id: 'CRED-MOUNTED-SECRET',
  title: 'Read a Secret the pod mounts or takes as environment',
  attack: ['T1552.001'],
  microsoft: ['MS-TA9025 List Kubernetes secrets'],
  difficulty: 'trivial',
  description:
    'A Secret mounted as a volume (directly or through a projected volume) or read into environment variables (secretKeyRef, envFrom) is plain text inside the container: code execution there reads it.',
  build(context) {
    const { workloads } = context;
    for (let position = 0; position < workloads.length; position++) {
      const workload = workloads[position];
      const from = context.workloadNodeAt(position);
      // The field path is built only for a Secret found: most volumes and variables are not Secrets.
      const reference = (name: string, path: () => FieldPath): void => {
        const to = context.graph.find(secretId(workload.namespace, name));
        if (to !== undefined) context.edge(from, to, technique, [objectEvidence(workload.object, path(), `uses Secret ${workload.namespace}/${name}`)]);
      };
      const volumes = asArray(workload.spec.volumes);
      for (let index = 0; index < volumes.length; index++) {
        const volume = asRecord(volumes[index]);
        const secretName = asString(asRecord(volume?.secret)?.secretName);
        if (secretName !== undefined) reference(secretName, () => [...workload.specPath, 'volumes', index, 'secret']);
        const sources = asArray(asRecord(volume?.projected)?.sources);
        for (let sourceIndex = 0; sourceIndex < sources.length; sourceIndex++) {
          const name = asString(asRecord(asRecord(sources[sourceIndex])?.secret)?.name);
          if (name !== undefined) reference(name, () => [...workload.specPath, 'volumes', index, 'projected', 'sources', sourceIndex, 'secret']);
        }
      }
      for (const container of workload.containers) {
        const env = asArray(container.spec.env);
        for (let index = 0; index < env.length; index++) {
          const name = asString(asRecord(asRecord(asRecord(env[index])?.valueFrom)?.secretKeyRef)?.name);
          if (name !== undefined) reference(name, () => [...container.path, 'env', index, 'valueFrom', 'secretKeyRef']);
        }
        const envFrom = asArray(container.spec.envFrom);
        for (let index = 0; index < envFrom.length; index++) {
          const name = asString(asRecord(asRecord(envFrom[index])?.secretRef)?.name);
          if (name !== undefined) reference(name, () => [...container.path, 'envFrom', index, 'secretRef']);
        }
      }
    }
  },
});

export default technique;
