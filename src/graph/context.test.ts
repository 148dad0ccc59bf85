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
