import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const pod = (ephemeral: string, owner = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: api-0
  namespace: shop
${owner}spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:1.0.0
  ephemeralContainers:
${ephemeral}`;

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: api, namespace: shop, uid: 5a1c }
spec:
  selector: { matchLabels: { app: api } }
  serviceName: api
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.0.0
---
`;
const ownedBySet = '  ownerReferences:\n    - { apiVersion: apps/v1, kind: StatefulSet, name: api, uid: 5a1c, controller: true }\n';

describe('debug-container-attached', () => {
  it("reports a controller's Pod, which is otherwise analysed through its controller, and names the controller", () => {
    const findings = findingsOf('debug-container-attached', statefulSet + pod('    - { name: debugger-1, image: busybox:1.36, targetContainerName: api }\n', ownedBySet));
    expect(findings).toHaveLength(1);
    expect(findings[0].object).toMatchObject({ kind: 'Pod', name: 'api-0' });
    expect(findings[0].severity).toBe('medium');
    expect(findings[0].message).toBe('Pod shop/api-0 runs debug container debugger-1 (image busybox:1.36), sharing the processes of container api, added after it started and in no manifest.');
    expect(findings[0].path).toBe('spec.ephemeralContainers[0]');
    expect(findings[0].related).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'shop', name: 'api' }]);
  });

  it('rates a privileged debug container critical, and one with added capabilities high', () => {
    const findings = findingsOf(
      'debug-container-attached',
      pod(
        '    - { name: sysadmin, image: busybox:1.36, securityContext: { privileged: true } }\n    - { name: netadmin, image: nicolaka/netshoot:v0.13, securityContext: { capabilities: { add: [NET_ADMIN, NET_RAW] } } }\n',
      ),
    );
    expect(findings.map((finding) => [finding.container, finding.severity, finding.path])).toEqual([
      ['sysadmin', 'critical', 'spec.ephemeralContainers[0].securityContext.privileged'],
      ['netadmin', 'high', 'spec.ephemeralContainers[1].securityContext.capabilities.add'],
    ]);
    expect(findings[0].message).toBe('Pod shop/api-0 runs privileged debug container sysadmin (image busybox:1.36): it holds the node, and is in no manifest.');
    expect(findings[1].message).toContain('with the added capabilities NET_ADMIN, NET_RAW');
  });

  it('says nothing of init containers, nor of a template, which cannot hold an ephemeral container', () => {
    expect(findingsOf('debug-container-attached', statefulSet)).toEqual([]);
  });
});
