import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import { boundaryMap } from './boundary-map.js';

const SHOP = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web:1 }]
`;

const modelOf = (clusters: string[]) =>
  analyze({ objects: clusters.flatMap((cluster) => parseManifestText(SHOP, `${cluster}.yaml`, { cluster }).objects), now: new Date(0), toolVersion: 'test' });

describe('the trust-boundary map', () => {
  it('draws each cluster its own namespace, holding only that cluster\'s workloads', () => {
    const map = boundaryMap(modelOf(['a', 'b']));
    expect(map.namespaces.map((namespace) => namespace.name)).toEqual(['a:shop', 'b:shop']);
    for (const namespace of map.namespaces) {
      expect(namespace.workloads.map((workload) => workload.key)).toEqual([`${namespace.name.split(':')[0]}:Deployment/shop/web`]);
      expect(namespace.findings).toBeGreaterThan(0);
    }
  });

  it('names the namespaces of objects that name no cluster as the model does, beside a named cluster', () => {
    const objects = [...parseManifestText(SHOP, 'a.yaml', { cluster: 'a' }).objects, ...parseManifestText(SHOP, 'plain.yaml').objects];
    const map = boundaryMap(analyze({ objects, now: new Date(0), toolVersion: 'test' }));
    expect(map.namespaces.map((namespace) => namespace.name)).toEqual(['(unnamed):shop', 'a:shop']);
    expect(map.namespaces.map((namespace) => namespace.workloads.length)).toEqual([1, 1]);
  });

  it('names namespaces plainly for one cluster, named or not', () => {
    expect(boundaryMap(modelOf(['prod'])).namespaces.map((namespace) => namespace.name)).toEqual(['shop']);
    const unnamed = analyze({ objects: parseManifestText(SHOP, 'shop.yaml').objects, now: new Date(0), toolVersion: 'test' });
    expect(boundaryMap(unnamed).namespaces.map((namespace) => namespace.name)).toEqual(['shop']);
  });
});
