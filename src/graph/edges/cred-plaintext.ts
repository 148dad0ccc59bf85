import { asArray, asRecord, asString } from '../../model/json.js';
import { objectKey } from '../../model/object.js';
import { defineEdge } from '../define-edge.js';
import { findingEvidence, grantEvidence, objectEvidence } from '../context.js';
import { configMapCredentialsNode, namespaceId } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder } from '../permissions.js';

const technique = defineEdge({
  id: 'CRED-PLAINTEXT',
  title: 'Read credentials kept in a ConfigMap',
  attack: ['T1552.001'],
  microsoft: ['MS-TA9027 Application credentials in configuration files'],
  difficulty: 'trivial',
  description:
    'A ConfigMap holds what looks like a password, token or key (secret-in-configmap). ConfigMaps are not Secrets: roles that read "harmless" configuration (view, aggregated readers, system:authenticated bindings) read it, and so does every pod that mounts it or whoever can create a pod in its namespace.',
  rules: ['secret-in-configmap'],
  build(context) {
    const flagged = new Map<string, number>();
    const byNamespace = new Map<string, Array<[string, number]>>();
    // A ConfigMap with several flagged keys has several findings: listed once, found in a Set (not by scanning the list).
    const listed = new Set<number>();
    for (const finding of context.findingsOf('secret-in-configmap')) {
      if (finding.object.kind !== 'ConfigMap' || finding.object.namespace === undefined) continue;
      const node = configMapCredentialsNode(context.graph, finding.object);
      flagged.set(objectKey(finding.object), node);
      const list = byNamespace.get(finding.object.namespace) ?? [];
      if (!listed.has(node)) {
        listed.add(node);
        list.push([finding.object.name, node]);
      }
      byNamespace.set(finding.object.namespace, list);
      const namespaceNode = context.graph.find(namespaceId(finding.object.namespace));
      if (namespaceNode !== undefined) context.edge(namespaceNode, node, technique, [findingEvidence(finding)], 'easy');
    }
    if (flagged.size === 0) return;

    // Every flagged ConfigMap, for cluster-wide readers: listed once, not once per reader.
    const everywhere = [...byNamespace.values()].flat();
    forEachHolder(context, 'read-configmaps', (permissions, scope, held) => {
      const targets = scope === CLUSTER_SCOPE ? everywhere : (byNamespace.get(scope) ?? []);
      for (const [name, node] of targets) {
        if (held.names && !held.names.includes(name)) continue;
        context.edge(permissions.node, node, technique, grantEvidence(held.grants[0], 'reads ConfigMaps'));
      }
    });

    for (const workload of context.workloads) {
      const from = context.workloadNode(workload);
      const use = (name: string | undefined, path: (string | number)[]): void => {
        const to = name === undefined ? undefined : flagged.get(`ConfigMap/${workload.namespace}/${name}`);
        if (to !== undefined) context.edge(from, to, technique, [objectEvidence(workload.object, path, `uses ConfigMap ${workload.namespace}/${name}`)]);
      };
      asArray(workload.spec.volumes).forEach((entry, index) => use(asString(asRecord(asRecord(entry)?.configMap)?.name), [...workload.specPath, 'volumes', index, 'configMap']));
      for (const container of workload.containers) {
        asArray(container.spec.envFrom).forEach((entry, index) => use(asString(asRecord(asRecord(entry)?.configMapRef)?.name), [...container.path, 'envFrom', index]));
        asArray(container.spec.env).forEach((entry, index) =>
          use(asString(asRecord(asRecord(asRecord(entry)?.valueFrom)?.configMapKeyRef)?.name), [...container.path, 'env', index]),
        );
      }
    }
  },
});

export default technique;
