import { describe, expect, it } from 'vitest';
import { buildEstate } from '../model/estate.js';
import { parseManifestText } from '../load/parse-text.js';
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
