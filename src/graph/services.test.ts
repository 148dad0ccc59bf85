import { describe, expect, it } from 'vitest';
import { buildEstate } from '../model/estate.js';
import { parseManifestText } from '../load/parse-text.js';
import { BuildContext } from './context.js';
import { serviceIndex } from './services.js';

/** Deployments and Services with random labels and selectors, as YAML. */
function randomEstate(seed: number): string {
  let state = seed;
  const next = (limit: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % limit;
  };
  const labels = (count: number): string => Array.from({ length: count }, () => `${['app', 'tier', 'team'][next(3)]}: v${next(3)}`).join(', ');
  const documents: string[] = [];
  for (let index = 0; index < 40; index++) {
    documents.push(`apiVersion: apps/v1
kind: Deployment
metadata: { name: d${index}, namespace: ns${next(2)} }
spec:
  template:
    metadata: { labels: { ${labels(next(4))} } }
    spec: { containers: [{ name: c, image: i }] }`);
  }
  for (let index = 0; index < 25; index++) {
    documents.push(`apiVersion: v1
kind: Service
metadata: { name: s${index}, namespace: ns${next(2)} }
spec: { selector: { ${labels(next(3))} } }`);
  }
  return documents.join('\n---\n');
}

describe('service index', () => {
  it('gives each Service the workloads of its namespace whose labels include its selector, in order', () => {
    for (const seed of [1, 2, 3, 4]) {
      const estate = buildEstate(parseManifestText(randomEstate(seed), 'test.yaml').objects, { defaultNamespace: 'default' });
      const context = new BuildContext({ estate, findings: [], options: { defaultNamespace: 'default' } });
      const index = serviceIndex(context);
      const selected = new Set<string>();
      let matched = 0;
      for (const service of estate.byKind.get('Service') ?? []) {
        const selector = Object.entries((service.raw.spec as { selector?: Record<string, string> }).selector ?? {});
        const expected = selector.length === 0 ? [] : context.workloads.filter((workload) => workload.namespace === service.metadata.namespace && selector.every(([key, value]) => workload.podLabels[key] === value));
        expect(index.backends(service).map((workload) => workload.name)).toEqual(expected.map((workload) => workload.name));
        for (const workload of expected) selected.add(workload.name);
        matched += expected.length;
      }
      expect(context.workloads.filter((workload) => index.isBackend(workload)).map((workload) => workload.name)).toEqual(context.workloads.filter((workload) => selected.has(workload.name)).map((workload) => workload.name));
      expect(matched).toBeGreaterThan(0);
    }
  });
});
