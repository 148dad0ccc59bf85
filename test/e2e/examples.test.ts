/** Smoke test of the bundled example, the README's first command: it runs, and prints a threat model to its end. */
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kubethreat } from './run.js';

beforeAll(assertBuilt);

describe('examples/webshop', () => {
  it('scans to a summary, exiting 0 or 1 (findings), never 2 or 3', async () => {
    const run = await kubethreat(['scan', 'examples/webshop']);
    expect([0, 1], run.stderr).toContain(run.code);
    expect(run.stdout).toMatch(/\nSummary: \d+ findings?/);
    expect(run.stderr).not.toContain('    at ');
  });
});
