/**
 * Differential test: on hundreds of random estates, the engine (classes, indexes, compiled peers, edges) agrees
 * with a pod-by-pod oracle written from the specification, and the edges agree with canReach exactly.
 */
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from './index.js';
import { containsPort, portSetKey, unionPorts, type Protocol } from './ports.js';
import { estateYaml, oracleAllows, randomEstate } from './random-estate.js';
import { objectsFromYaml } from './test-objects.js';

const probes: [number, Protocol][] = [
  [8080, 'TCP'],
  [9090, 'TCP'],
  [8500, 'TCP'],
  [53, 'UDP'],
  [7000, 'SCTP'],
];
const SEEDS = 200;

describe('engine agrees with the pod-by-pod oracle', () => {
  it(`on ${SEEDS} random estates, for every pod pair and probe port`, () => {
    let allowedSeen = 0;
    let deniedSeen = 0;
    const mismatches: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const estate = randomEstate(seed);
      const network = analyzeNetwork(objectsFromYaml(estateYaml(estate)));
      expect(network.invalidPolicies, `seed ${seed}`).toEqual([]);
      const groupOf = (name: string, namespace: string) => network.groups.find((group) => group.id === `Pod/${namespace}/${name}`)!;
      for (const source of estate.pods)
        for (const destination of estate.pods) {
          const verdict = network.canReach(groupOf(source.name, source.namespace), groupOf(destination.name, destination.namespace));
          for (const [port, protocol] of probes) {
            const expected = oracleAllows(estate, source, destination, port, protocol);
            if (containsPort(verdict.ports, protocol, port) !== expected)
              mismatches.push(`seed ${seed}: ${source.name} → ${destination.name} ${protocol}/${port} should be ${expected ? 'allowed' : 'denied'}`);
            if (expected) allowedSeen++;
            else deniedSeen++;
          }
        }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The generator must exercise both outcomes, or this test proves nothing.
    expect(allowedSeen).toBeGreaterThan(1000);
    expect(deniedSeen).toBeGreaterThan(1000);
  });
});

describe('reachability edges agree with canReach', () => {
  it(`class to class, internet, cloud metadata and the namespace matrix, on ${SEEDS} random estates`, () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const network = analyzeNetwork(objectsFromYaml(estateYaml(randomEstate(seed))));
      const edges = network.reachabilityEdges();
      const inEnd = (end: (typeof edges)[number]['from'], id: number | 'internet' | 'cloud-metadata') =>
        typeof id === 'number' ? end.kind === 'classes' && end.classIds.includes(id) : end.kind === id;
      const edgePorts = (from: number | 'internet', to: number | 'internet' | 'cloud-metadata') =>
        portSetKey(unionPorts(...edges.filter((edge) => inEnd(edge.from, from) && inEnd(edge.to, to)).map((edge) => edge.ports)));
      const classEndpoint = (id: number) => ({ kind: 'pod-class', classId: id }) as const;
      const check = (what: string, fromEdges: string, fromCanReach: string) => {
        if (fromEdges !== fromCanReach) mismatches.push(`seed ${seed}: ${what}: edges say ${fromEdges}, canReach says ${fromCanReach}`);
      };
      for (const source of network.classes) {
        for (const destination of network.classes)
          check(`${source.id} → ${destination.id}`, edgePorts(source.id, destination.id), portSetKey(network.canReach(classEndpoint(source.id), classEndpoint(destination.id)).ports));
        check(`${source.id} → internet`, edgePorts(source.id, 'internet'), portSetKey(network.canReach(classEndpoint(source.id), { kind: 'internet' }).ports));
        check(`${source.id} → metadata`, edgePorts(source.id, 'cloud-metadata'), portSetKey(network.canReach(classEndpoint(source.id), { kind: 'ip', ip: '169.254.169.254' }).ports));
        const reachedBy = network.classes.filter((other) => network.canReach(classEndpoint(other.id), classEndpoint(source.id)).allowed).map((other) => other.id);
        check(`ingressFrom ${source.id}`, network.ingressFrom(source.groups[0]).classIds.join(), reachedBy.join());
        const reaching = network.classes.filter((other) => network.canReach(classEndpoint(source.id), classEndpoint(other.id)).allowed).map((other) => other.id);
        check(`egressOf ${source.id}`, network.egressOf(source.groups[0]).classIds.join(), reaching.join());
        check(`internet → ${source.id}`, edgePorts('internet', source.id), portSetKey(network.canReach({ kind: 'internet' }, classEndpoint(source.id)).ports));
      }
      const matrix = network.namespaceMatrix();
      for (const [i, fromNamespace] of matrix.namespaces.entries())
        for (const [j, toNamespace] of matrix.namespaces.entries()) {
          const sources = network.classes.filter((podClass) => podClass.namespace === fromNamespace);
          const targets = network.classes.filter((podClass) => podClass.namespace === toNamespace);
          const reached = sources.flatMap((a) => targets.filter((b) => network.canReach(classEndpoint(a.id), classEndpoint(b.id)).allowed)).length;
          const expected = reached === 0 ? 'none' : reached === sources.length * targets.length ? 'all' : 'some';
          check(`${fromNamespace} ⇒ ${toNamespace}`, matrix.cells[i][j], expected);
        }
      for (const [j, toNamespace] of matrix.namespaces.entries()) {
        const expected = matrix.namespaces.filter((_, i) => matrix.cells[i][j] !== 'none');
        check(`namespacesReaching ${toNamespace}`, network.namespacesReaching(toNamespace).join(), expected.join());
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
