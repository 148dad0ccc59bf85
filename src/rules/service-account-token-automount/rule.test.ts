import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const ID = 'service-account-token-automount';

const pod = (name: string, spec: string): string => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: shop }
spec:
${spec}
  containers:
    - { name: app, image: app:1.0 }
`;
const account = (name: string, automount?: boolean): string => `apiVersion: v1
kind: ServiceAccount
metadata: { name: ${name}, namespace: shop }
${automount === undefined ? '' : `automountServiceAccountToken: ${automount}`}
`;

describe('service-account-token-automount', () => {
  it('says who decided, points at the pod field, and names the ServiceAccount only when it decided', () => {
    const text = [
      pod('explicit', '  serviceAccountName: locked\n  automountServiceAccountToken: true'),
      account('locked', false),
      pod('from-account', '  serviceAccountName: open'),
      account('open', true),
      pod('both-unset', '  serviceAccountName: plain'),
      account('plain'),
      pod('account-absent', '  serviceAccountName: elsewhere'),
    ].join('---\n');
    const findings = findingsOf(ID, text).map((finding) => [finding.object.name, finding.messageId, finding.path, finding.related.map((ref) => ref.name)]);
    expect(findings).toEqual([
      ['account-absent', 'accountNotInInput', 'spec.automountServiceAccountToken', []],
      ['both-unset', 'accountDefault', 'spec.automountServiceAccountToken', ['plain']],
      ['explicit', 'podEnables', 'spec.automountServiceAccountToken', []],
      ['from-account', 'accountEnables', 'spec.automountServiceAccountToken', ['open']],
    ]);
  });

  it('finds the ServiceAccount in the namespace the pod lands in when it names none', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  containers:
    - { name: app, image: app:1.0 }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: team }
automountServiceAccountToken: false
`;
    expect(findingsOf(ID, text, { defaultNamespace: 'team' })).toEqual([]);
    expect(findingsOf(ID, text).map((finding) => finding.messageId)).toEqual(['accountNotInInput']);
  });

  it('reports a default ServiceAccount that does not opt out at low severity, and no other account', () => {
    const text = [account('default'), account('web')].join('---\n');
    const findings = findingsOf(ID, text);
    expect(findings.map((finding) => [finding.object.kind, finding.object.name, finding.severity, finding.path])).toEqual([
      ['ServiceAccount', 'default', 'low', 'automountServiceAccountToken'],
    ]);
    expect(findings[0].message).toBe(
      'ServiceAccount shop/default does not set automountServiceAccountToken: false, so every pod of namespace shop that names no service account and does not opt out gets its token.',
    );
  });
});
