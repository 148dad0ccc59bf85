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
    // Field paths are built only for the references found: most volumes and variables are not Secrets.
    for (const workload of context.workloads) {
      const from = context.workloadNode(workload);
      const reference = (name: string | undefined, path: () => FieldPath): void => {
        const to = name === undefined ? undefined : context.graph.find(secretId(workload.namespace, name));
        if (to !== undefined) context.edge(from, to, technique, [objectEvidence(workload.object, path(), `uses Secret ${workload.namespace}/${name}`)]);
      };
      asArray(workload.spec.volumes).forEach((entry, index) => {
        const volume = asRecord(entry);
        const path = (...rest: Array<string | number>): FieldPath => [...workload.specPath, 'volumes', index, ...rest];
        reference(asString(asRecord(volume?.secret)?.secretName), () => path('secret'));
        asArray(asRecord(volume?.projected)?.sources).forEach((source, sourceIndex) =>
          reference(asString(asRecord(asRecord(source)?.secret)?.name), () => path('projected', 'sources', sourceIndex, 'secret')),
        );
      });
      for (const container of workload.containers) {
        asArray(container.spec.env).forEach((entry, index) =>
          reference(asString(asRecord(asRecord(asRecord(entry)?.valueFrom)?.secretKeyRef)?.name), () => [...container.path, 'env', index, 'valueFrom', 'secretKeyRef']),
        );
        asArray(container.spec.envFrom).forEach((entry, index) => reference(asString(asRecord(asRecord(entry)?.secretRef)?.name), () => [...container.path, 'envFrom', index, 'secretRef']));
      }
    }
  },
});

export default technique;
