import { describe, expect, it } from 'vitest';
import { buildEstate } from '../model/estate.js';
import { parseManifestText } from '../load/parse-text.js';
import type { Finding } from '../engine/finding.js';
import { BuildContext } from './context.js';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: shop }
`;

function contextOf(text: string): BuildContext {
  const estate = buildEstate(parseManifestText(text, 'test.yaml').objects, { defaultNamespace: 'default' });
  return new BuildContext({ estate, findings: [], options: { defaultNamespace: 'default' } });
}

describe('build context lists', () => {
  it('lists namespaces and service accounts added after a first answer (the answers are kept between additions)', () => {
    const context = contextOf(MANIFESTS);
    const api = context.addServiceAccount('shop', 'api');
    expect(context.namespaces()).toEqual(['default', 'kube-system', 'shop']);
    expect(context.serviceAccountNodes('shop')).toEqual([api]);
    expect(context.serviceAccountNodes('')).toEqual([api]);

    const web = context.addServiceAccount('shop', 'web');
    const ci = context.addServiceAccount('ci', 'runner');
    expect(context.namespaces()).toEqual(['ci', 'default', 'kube-system', 'shop']);
    expect(context.serviceAccountNodes('shop')).toEqual([api, web]);
    expect(context.serviceAccountNodes('')).toEqual([api, web, ci]);
    expect(context.serviceAccountNodes('', ['runner', 'api'])).toEqual([api, ci]);
    expect(context.serviceAccountNodes('elsewhere')).toEqual([]);
  });
});

describe('findings the modules read', () => {
  it('are those of the rules the modules name; asking for another rule is a module bug', () => {
    const estate = buildEstate(parseManifestText(MANIFESTS, 'test.yaml').objects, { defaultNamespace: 'default' });
    const finding = (ruleId: string) => ({ ruleId, fingerprint: `${ruleId}@0` }) as unknown as Finding;
    const context = new BuildContext({ estate, findings: [finding('host-pid'), finding('image-pull-policy'), finding('host-pid')], options: { defaultNamespace: 'default' } }, new Set(['host-pid', 'host-ipc']));
    expect(context.findingsOf('host-pid')).toHaveLength(2);
    expect(context.findingsOf('host-ipc')).toEqual([]);
    expect(() => context.findingsOf('image-pull-policy')).toThrow(/image-pull-policy/);
  });
});

describe('findings indexed by rule', () => {
  it('are each rule’s findings in input order, whether the rules come in runs (sorted findings) or interleaved', () => {
    const estate = buildEstate(parseManifestText(MANIFESTS, 'test.yaml').objects, { defaultNamespace: 'default' });
    const rules = ['host-pid', 'host-ipc', 'host-network', 'image-pull-policy'];
    let state = 7;
    const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (const sorted of [true, false]) {
      const findings = Array.from({ length: 300 }, (_, index) => ({ ruleId: rules[Math.floor(next() * rules.length)], fingerprint: `f${index}` }) as unknown as Finding);
      if (sorted) findings.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
      const read = new Set(rules.slice(0, 3));
      const context = new BuildContext({ estate, findings, options: { defaultNamespace: 'default' } }, read);
      for (const rule of read) expect(context.findingsOf(rule)).toEqual(findings.filter((finding) => finding.ruleId === rule));
      expect(context.findingsOf('host-pid').length).toBeGreaterThan(50);
    }
  });
});

describe('workload nodes', () => {
  it('are the same node whether asked for by position or by workload, in either order', () => {
    const text = ['a', 'b', 'c'].map((name) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: shop }\nspec:\n  template:\n    spec:\n      containers: [{ name: app, image: app:1 }]\n`).join('---\n');
    const context = contextOf(text);
    expect(context.workloads).toHaveLength(3);
    const byWorkload = context.workloadNode(context.workloads[1]);
    const byPosition = [0, 1, 2].map((position) => context.workloadNodeAt(position));
    expect(byPosition[1]).toBe(byWorkload);
    expect(context.workloads.map((workload) => context.workloadNode(workload))).toEqual(byPosition);
    expect(new Set(byPosition).size).toBe(3);
  });
});
