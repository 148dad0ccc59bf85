import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';

const namespaces = (suffix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: shop-${String(index).padStart(2, '0')}-${suffix} }\n`);

describe('the controls of the cluster boundary', () => {
  it('name a few namespaces of each environment sharing the cluster, and count the rest', () => {
    const model = analyzeText([...namespaces('prod', 12), ...namespaces('dev', 3)].join('---\n'));
    const stage = model.controls.flatMap((entry) => entry.controls).find((control) => control.control === 'cluster-per-stage');
    expect(stage?.status).toBe('missing');
    expect(stage?.evidence).toBe('development (shop-00-dev, shop-01-dev, shop-02-dev); production (shop-00-prod, shop-01-prod, shop-02-prod, shop-03-prod, shop-04-prod and 7 more) share one cluster');
  });
});
