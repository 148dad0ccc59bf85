import { asArray, asRecord, asString, isRecord } from '../../model/json.js';
import type { FieldPath, K8sObject } from '../../model/object.js';
import { objectEvidence } from '../context.js';
import { defineEdge } from '../define-edge.js';
import { internetNode } from '../nodes.js';
import { serviceIndex } from '../services.js';
import type { Difficulty, Evidence } from '../types.js';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

const technique = defineEdge({
  id: 'ENTRY-EXPOSED-WORKLOAD',
  title: 'Exploit an exposed workload',
  attack: ['T1190', 'T1210'],
  microsoft: ['MS-TA9004 Application vulnerability', 'MS-TA9009 Exposed sensitive interfaces'],
  difficulty: 'moderate',
  description:
    'The workload accepts connections from outside the cluster: a LoadBalancer or NodePort Service, externalIPs, an Ingress or a Gateway route sends traffic to its pods, or a container listens on the node itself (hostPort, hostNetwork). A vulnerability in the application then gives code execution in the container. NetworkPolicies are not evaluated here: kube-proxy may rewrite the source address of such traffic.',
  build(context) {
    const internet = internetNode(context.graph);
    const services = serviceIndex(context);
    const expose = (service: K8sObject, difficulty: Difficulty, evidence: Evidence[]): void => {
      for (const workload of services.backends(service)) {
        context.edge(internet, context.workloadNode(workload), technique, [...evidence, objectEvidence(workload.object, workload.templatePath, `selected by Service ${service.metadata.namespace}/${service.metadata.name}`)], difficulty);
      }
    };

    for (const service of context.estate.byKind.get('Service') ?? []) {
      const spec = asRecord(service.raw.spec) ?? {};
      const type = asString(spec.type);
      if (type === 'LoadBalancer') expose(service, 'moderate', [objectEvidence(service, ['spec', 'type'], 'type: LoadBalancer, reachable from outside the cluster')]);
      else if (type === 'NodePort') expose(service, 'moderate', [objectEvidence(service, ['spec', 'type'], 'type: NodePort, open on every node')]);
      if (asArray(spec.externalIPs).length > 0) expose(service, 'moderate', [objectEvidence(service, ['spec', 'externalIPs'], 'externalIPs route outside traffic to the Service')]);
    }

    for (const ingress of context.estate.byKind.get('Ingress') ?? []) {
      for (const backend of ingressBackends(ingress)) {
        const namespace = ingress.metadata.namespace ?? context.estate.defaultNamespace;
        const service = services.service(namespace, backend.service);
        if (service) expose(service, 'moderate', [objectEvidence(ingress, backend.path, `Ingress routes outside traffic to Service ${backend.service}`)]);
      }
    }

    for (const kind of ROUTE_KINDS) {
      for (const route of context.estate.byKind.get(kind) ?? []) {
        const namespace = route.metadata.namespace ?? context.estate.defaultNamespace;
        asArray(asRecord(route.raw.spec)?.rules).forEach((rule, ruleIndex) => {
          asArray(asRecord(rule)?.backendRefs).forEach((entry, refIndex) => {
            const ref = asRecord(entry);
            const name = asString(ref?.name);
            if (!ref || !name || (ref.kind !== undefined && ref.kind !== 'Service')) return;
            const service = services.service(asString(ref.namespace) ?? namespace, name);
            const path = ['spec', 'rules', ruleIndex, 'backendRefs', refIndex];
            if (service) expose(service, 'moderate', [objectEvidence(route, path, `${kind} routes Gateway traffic to Service ${name}`)]);
          });
        });
      }
    }

    // Listeners on the node's own address: reachable wherever the nodes are, past any Service or NetworkPolicy.
    // Indexed loops and no closure per container: this walks every port of every container of every workload.
    const { workloads } = context;
    for (let position = 0; position < workloads.length; position++) {
      const workload = workloads[position];
      const hostNetwork = workload.spec.hostNetwork === true;
      for (let item = 0; item < workload.containers.length; item++) {
        const container = workload.containers[item];
        const ports = asArray(container.spec.ports);
        for (let index = 0; index < ports.length; index++) {
          const entry = ports[index];
          if (!isRecord(entry)) continue;
          if (typeof entry.hostPort === 'number')
            context.edge(internet, context.workloadNodeAt(position), technique, [objectEvidence(workload.object, [...container.path, 'ports', index, 'hostPort'], `container ${container.name} listens on port ${entry.hostPort} of its node`)], 'hard');
          else if (hostNetwork && typeof entry.containerPort === 'number')
            context.edge(internet, context.workloadNodeAt(position), technique, [objectEvidence(workload.object, [...workload.specPath, 'hostNetwork'], `container ${container.name} listens on port ${entry.containerPort} of its node (hostNetwork)`)], 'hard');
        }
      }
    }
  },
});

export default technique;

function ingressBackends(ingress: K8sObject): Array<{ service: string; path: FieldPath }> {
  const spec = asRecord(ingress.raw.spec) ?? {};
  const found: Array<{ service: string; path: FieldPath }> = [];
  const add = (backend: unknown, path: FieldPath): void => {
    const record = asRecord(backend);
    const name = asString(asRecord(record?.service)?.name) ?? asString(record?.serviceName);
    if (name) found.push({ service: name, path });
  };
  add(spec.defaultBackend ?? spec.backend, ['spec', spec.defaultBackend !== undefined ? 'defaultBackend' : 'backend']);
  asArray(spec.rules).forEach((rule, ruleIndex) => {
    asArray(asRecord(asRecord(rule)?.http)?.paths).forEach((entry, pathIndex) => {
      add(asRecord(entry)?.backend, ['spec', 'rules', ruleIndex, 'http', 'paths', pathIndex, 'backend']);
    });
  });
  return found;
}
