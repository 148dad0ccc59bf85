/**
 * Builds the attack graph: the base positions (entry points, workloads, identities, namespaces, Secrets, nodes and
 * the crown jewels), then every technique module in registry order. Pure, and linear in the objects.
 */
import { objectRef } from '../model/object.js';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS_USER, type Subject } from '../rbac/index.js';
import { BuildContext, type GraphInput } from './context.js';
import type { AttackGraph } from './graph.js';
import { EDGE_MODULE_LIST } from './registry.js';
import * as nodes from './nodes.js';

/** The rules whose findings the technique modules read. */
const READ_RULES: ReadonlySet<string> = new Set(EDGE_MODULE_LIST.flatMap((module) => module.rules ?? []));

export function buildAttackGraph(input: GraphInput): AttackGraph {
  const context = new BuildContext(input, READ_RULES);
  const { graph, estate } = context;
  nodes.internetNode(graph);
  nodes.anyWorkloadNode(graph);
  nodes.clusterAdminNode(graph);
  const everyNode = nodes.everyNodeNode(graph);
  const everySecret = nodes.everySecretNode(graph);
  const everyNamespace = nodes.everyNamespaceNode(graph);
  const everyWorkload = nodes.everyWorkloadNode(graph);

  // Indexed loops: this runs once per analysis, mostly unoptimised, where for…of allocates an iterator result per item.
  const { workloads } = context;
  for (let index = 0; index < workloads.length; index++) {
    context.workloadNodeAt(index);
    context.addServiceAccount(workloads[index].namespace, workloads[index].serviceAccountName);
  }
  estate.serviceAccounts.forEach((account) => context.addServiceAccount(account.metadata.namespace ?? estate.defaultNamespace, account.metadata.name));
  context.permissions();
  markIdentityEntries(context);

  const namespaces = context.namespaces();
  for (let index = 0; index < namespaces.length; index++) {
    const namespace = namespaces[index];
    context.addServiceAccount(namespace, 'default');
    const runPods = nodes.namespaceNode(graph, namespace);
    const workloadsIn = nodes.workloadsInNode(graph, namespace);
    const secrets = nodes.secretsOfNode(graph, namespace);
    context.contains(everyNamespace, runPods);
    context.contains(everyWorkload, workloadsIn);
    context.contains(everySecret, secrets);
    const inNamespace = context.workloadsByNamespace.get(namespace) ?? [];
    for (let item = 0; item < inNamespace.length; item++) context.contains(workloadsIn, context.workloadNode(inNamespace[item]));
  }
  const secretObjects = estate.byKind.get('Secret') ?? [];
  for (let index = 0; index < secretObjects.length; index++) {
    const secret = secretObjects[index];
    const namespace = secret.metadata.namespace ?? estate.defaultNamespace;
    context.contains(nodes.secretsOfNode(graph, namespace), nodes.secretNode(graph, { ...objectRef(secret), namespace }));
  }
  const allNodes = context.placement().allNodes;
  for (let index = 0; index < allNodes.length; index++) context.contains(everyNode, allNodes[index]);
  markUserJewels(context);

  for (const module of EDGE_MODULE_LIST) module.build(context);
  return graph.seal(context.notes);
}

/**
 * Identities an attacker can start from: anonymous requests (when anything is bound to them), any authenticated
 * user, and the users and groups the input's own bindings name (whose credentials may be stolen). The cluster's
 * bootstrap identities (system:*) are not entry points: they are the platform's, not the estate's.
 */
function markIdentityEntries(context: BuildContext): void {
  const { graph } = context;
  const authenticated = graph.find(nodes.subjectId({ kind: 'Group', name: ALL_AUTHENTICATED }));
  if (authenticated !== undefined) graph.markEntry(authenticated, 'authenticated');
  const anonymousBound = [nodes.subjectId({ kind: 'Group', name: ALL_UNAUTHENTICATED }), nodes.subjectId({ kind: 'User', name: ANONYMOUS_USER })].some((id) => graph.find(id) !== undefined);
  if (anonymousBound) graph.markEntry(context.identity({ kind: 'User', name: ANONYMOUS_USER }), 'anonymous');
  for (const binding of context.rbac().flatMap((rbac) => rbac.bindings())) {
    if (binding.ref.isDefault) continue;
    for (const subject of binding.subjects) {
      if (subject.kind === 'ServiceAccount' || subject.name.startsWith('system:')) continue;
      graph.markEntry(context.identity(subject as Subject), 'credentials');
    }
  }
}

/** `namespace:NAME`, `label:KEY=VALUE` (workloads), `secret:NAMESPACE/NAME`: crown jewels the user names. */
function markUserJewels(context: BuildContext): void {
  const { graph } = context;
  const jewel = { category: 'user-named' as const, value: nodes.JEWEL_VALUES.userNamed };
  for (const spec of context.input.options.crownJewels ?? []) {
    const colon = spec.indexOf(':');
    const kind = spec.slice(0, colon);
    const value = spec.slice(colon + 1);
    if (kind === 'namespace' && value !== '') {
      graph.markJewel(nodes.namespaceNode(graph, value), jewel);
      graph.markJewel(nodes.secretsOfNode(graph, value), jewel);
      for (const workload of context.workloadsByNamespace.get(value) ?? []) graph.markJewel(context.workloadNode(workload), jewel);
    } else if (kind === 'label' && value.includes('=')) {
      const [key, expected] = [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)];
      for (const workload of context.workloads) {
        if (workload.podLabels[key] === expected || workload.object.metadata.labels[key] === expected) graph.markJewel(context.workloadNode(workload), jewel);
      }
    } else if (kind === 'secret' && value.includes('/')) {
      const [namespace, name] = [value.slice(0, value.indexOf('/')), value.slice(value.indexOf('/') + 1)];
      const secret = nodes.secretNode(graph, { apiVersion: 'v1', kind: 'Secret', namespace, name });
      context.contains(nodes.secretsOfNode(graph, namespace), secret);
      graph.markJewel(secret, jewel);
    } else context.note(`Crown jewel "${spec}" is not understood: use namespace:NAME, label:KEY=VALUE or secret:NAMESPACE/NAME.`);
  }
}

/** Whether a crown-jewel spec has a form markUserJewels understands (for the CLI to refuse a typo early). */
export function isCrownJewelSpec(spec: string): boolean {
  return /^namespace:.+$/.test(spec) || /^label:[^=]+=.*$/.test(spec) || /^secret:[^/]+\/.+$/.test(spec);
}
