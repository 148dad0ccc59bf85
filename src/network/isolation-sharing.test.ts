/** isolationOf shares one answer among the classes isolated alike: each answer is still the class's own. */
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from './index.js';
import { matchesLabels } from './label-selector.js';
import { estateYaml, randomEstate } from './random-estate.js';
import { objectsFromYaml } from './test-objects.js';

describe('isolationOf', () => {
  it('names, per direction, the policies of the class namespace that select it, in policy order; none for host network', () => {
    let isolated = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const network = analyzeNetwork(objectsFromYaml(estateYaml(randomEstate(seed))));
      for (const group of network.groups) {
        const podClass = network.classOf(group);
        const selecting = (direction: 'ingress' | 'egress') =>
          podClass.hostNetwork
            ? []
            : network.policies.filter((policy) => policy.namespace === podClass.namespace && policy.isolates[direction] && matchesLabels(policy.podSelector, podClass.podLabels)).map((policy) => policy.origin);
        const isolation = network.isolationOf(group);
        expect(isolation, `seed ${seed} ${group.id}`).toEqual({ ingress: selecting('ingress'), egress: selecting('egress'), hostNetwork: podClass.hostNetwork, cilium: [] });
        if (isolation.ingress.length > 0) isolated++;
      }
    }
    expect(isolated).toBeGreaterThan(100);
  });
});
