/** `kubethreat paths` on an input of several clusters (a snapshot of several contexts): one cluster at a time. */
import { describe, expect, it } from 'vitest';
import { FIXTURES, kubethreat } from './run.js';

// The same Pod shop/p in clusters a and b (kubethreat.io/cluster, as a snapshot writes it); only a's is privileged.
const TWO_CLUSTERS = `${FIXTURES}/two-clusters.json`;

describe('kubethreat paths with several clusters', () => {
  it('refuses to join them into one graph, and says how to choose one', async () => {
    const result = await kubethreat(['paths', TWO_CLUSTERS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('several clusters (a, b)');
    expect(result.stderr).toContain('--only-cluster');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("traces one cluster's paths with --only-cluster, with that cluster's evidence only", async () => {
    const a = await kubethreat(['paths', TWO_CLUSTERS, '--only-cluster', 'a', '--format', 'json']);
    const b = await kubethreat(['paths', TWO_CLUSTERS, '--only-cluster', 'b', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const techniques = (text: string): string[] => (JSON.parse(text) as { paths: Array<{ steps: Array<{ technique: string }> }> }).paths.flatMap((path) => path.steps.map((step) => step.technique));
    // Only cluster a's Pod is privileged: only a's paths escape to the node through it.
    expect(techniques(a.stdout)).toContain('ESC-PRIV-MOUNT');
    expect(techniques(b.stdout)).not.toContain('ESC-PRIV-MOUNT');
  });

  it('names the clusters there are when --only-cluster names none of them', async () => {
    const result = await kubethreat(['paths', TWO_CLUSTERS, '--only-cluster', 'c']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the clusters a, b');
  });
});
