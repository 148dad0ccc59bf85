import { it } from 'vitest';
import { analyzeText } from '../../testing/scan-text.js';
const text = `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - { name: app, image: app:1.0, securityContext: { privileged: true } }
`;
it('cost', () => {
  for (const graph of [true, false, true, false]) {
    const t = performance.now();
    for (let i = 0; i < 50; i++) analyzeText(text, { attackGraph: graph } as never);
    console.log(graph, ((performance.now() - t) / 50).toFixed(1), 'ms per analyze');
  }
});
