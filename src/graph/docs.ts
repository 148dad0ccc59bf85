/**
 * docs/attack-graph.md, generated from the technique modules' metadata and the graph's constants, so that the page
 * cannot drift from the code (src/graph/docs.test.ts fails when it does).
 */
import { EDGE_MODULE_LIST } from './registry.js';
import { JEWEL_VALUES } from './nodes.js';
import { ENTRY_WEIGHT } from './paths.js';
import { DIFFICULTIES, SUCCESS_PROBABILITY } from './types.js';
import { moduleName } from './define-edge.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderAttackGraphDoc(): string {
  const lines: string[] = [
    '# The attack graph',
    '',
    '<!-- Generated from src/graph (technique metadata and constants). Do not edit: run `KUBETHREAT_UPDATE_DOCS=1 npx vitest run src/graph/docs.test.ts`. -->',
    '',
    'kubethreat builds an attack graph from the configuration: positions an attacker can hold, and techniques that move',
    'them from one position to a better one, each with the evidence (object, field, file:line) that makes it possible.',
    '`kubethreat paths` prints the most likely paths from the entry points to the crown jewels; `kubethreat scan` shows the',
    'top ones and gives every finding a risk from the graph (see [risk.md](risk.md)).',
    '',
    'Clusters share nothing, so each cluster of an input that describes several (several `--context`s, or a snapshot of',
    "them) has a graph of its own: `scan` names each path's cluster (`a: the internet → a: cluster-admin`), and `paths`",
    'traces one cluster at a time, chosen with `--only-cluster NAME`.',
    '',
    '## Entry points',
    '',
    '| entry point | what it stands for | weight |',
    '|---|---|---|',
    `| the internet | workloads behind LoadBalancer and NodePort Services, externalIPs, Ingresses, Gateway routes, hostPort and hostNetwork listeners | ${ENTRY_WEIGHT.internet} |`,
    `| anonymous | requests without credentials, when a binding names system:anonymous or system:unauthenticated | ${ENTRY_WEIGHT.anonymous} |`,
    `| any authenticated user | group system:authenticated, when a binding gives it something worth having | ${ENTRY_WEIGHT.authenticated} |`,
    `| stolen credentials | each user and group the input's own bindings name | ${ENTRY_WEIGHT.credentials} |`,
    `| a compromised container | any workload (assumed breach: an application exploit or a malicious image) | ${ENTRY_WEIGHT['compromised-workload']} |`,
    '',
    'A path\'s score is its likelihood (the product of its steps\' success probabilities) × the weight of its entry point',
    '× the value of its crown jewel / 10.',
    '',
    '## Crown jewels',
    '',
    '| crown jewel | value |',
    '|---|---|',
    `| cluster-admin (a cluster-wide \`*\` on \`*\`, system:masters, and what leads there in one given step) | ${JEWEL_VALUES.clusterAdmin} |`,
    `| running pods in kube-system | ${JEWEL_VALUES.kubeSystem} |`,
    `| a crown jewel you name (\`--jewel namespace:NAME\`, \`label:KEY=VALUE\`, \`secret:NAMESPACE/NAME\`) | ${JEWEL_VALUES.userNamed} |`,
    `| every node (a pod on any node of one's choosing) | ${JEWEL_VALUES.everyNode} |`,
    `| a node (a Node of a dump, or a node pool implied by scheduling constraints) | ${JEWEL_VALUES.node} |`,
    `| every Secret of the cluster; every Secret of kube-system | ${JEWEL_VALUES.everySecret} |`,
    `| the nodes' cloud credentials (instance metadata endpoint) | ${JEWEL_VALUES.nodeCloudIdentity} |`,
    `| a cloud identity bound to a service account (IRSA, GKE and Azure workload identity) | ${JEWEL_VALUES.workloadCloudIdentity} |`,
    `| every Secret of a namespace; credentials kept in a ConfigMap | ${JEWEL_VALUES.namespaceSecrets} |`,
    '',
    'A path that passes through a crown jewel worth as much as its end (or through a position that holds a better one',
    'outright) is not listed: the path to that jewel tells it.',
    '',
    '## Difficulty',
    '',
    '| difficulty | success probability |',
    '|---|---|',
    ...DIFFICULTIES.map((difficulty) => `| ${difficulty} | ${SUCCESS_PROBABILITY[difficulty]} |`),
    '',
    '## Techniques',
    '',
    'One module per technique in `src/graph/edges/<id>.ts`, with a fixture that creates its edge and one that does not',
    '(`src/graph/edges/fixtures/<id>/`). Ids follow the catalogue of attack techniques.',
    '',
    '| id | technique | difficulty | MITRE ATT&CK | Microsoft threat matrix |',
    '|---|---|---|---|---|',
    ...EDGE_MODULE_LIST.map(
      (module) => `| [${module.id}](#${moduleName(module.id)}) | ${cell(module.title)} | ${module.difficulty} | ${module.attack.join(', ') || '–'} | ${cell(module.microsoft.join('; ')) || '–'} |`,
    ),
    '',
  ];
  for (const module of EDGE_MODULE_LIST) {
    lines.push(`### ${module.id}`, '', `**${module.title}** (${module.difficulty})`, '', module.description, '');
    if (module.rules && module.rules.length > 0) lines.push(`Reads the findings of: ${module.rules.map((rule) => `[${rule}](rules/${rule}.md)`).join(', ')}.`, '');
  }
  return lines.join('\n');
}
