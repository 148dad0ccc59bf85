import { describe, expect, it } from 'vitest';
import { renderDiff } from './index.js';
import type { DiffFinding, ThreatModelDiff } from './types.js';

const HOSTILE = 'evil|name<img src=x onerror=alert(1)>`\u001b[31m';

function finding(fields: Partial<DiffFinding>): DiffFinding {
  return {
    fingerprint: 'host-pid@0123456789abcdef',
    ruleId: 'host-pid',
    title: "Pod shares the node's process namespace",
    severity: 'high',
    boundary: 'node',
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ops', name: 'tool' },
    path: 'spec.hostPID',
    location: { file: 'new/ops.yaml', line: 7, column: 3 },
    message: 'Pod ops/tool shares the node\'s process namespace (hostPID: true).',
    ...fields,
  };
}

function diffWith(fields: Partial<ThreatModelDiff>): ThreatModelDiff {
  return {
    schemaVersion: '1.0',
    old: 'base',
    new: 'head',
    summary: { added: 0, reopened: 0, resolved: 0, changed: 0, unchanged: 0, newlyAccepted: 0, controls: 0, workloadsGainingEscapes: 0, workloadsLosingEscapes: 0 },
    added: [],
    reopened: [],
    resolved: [],
    changed: [],
    newlyAccepted: [],
    controls: [],
    nodeBoundary: [],
    ...fields,
  };
}

describe('diff renderers', () => {
  const added = finding({ object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ops', name: HOSTILE }, message: `message ${HOSTILE}` });
  const diff = diffWith({ added: [added], summary: { ...diffWith({}).summary, added: 1 } });

  it('markdown: names from the input stay text, and the table keeps its columns', () => {
    const markdown = renderDiff(diff, 'markdown', { threshold: 'high', failures: [added] });
    // Inside a code span the name is shown verbatim and inert; anywhere else, no markup may survive.
    expect(markdown.replace(/(`+)[^`][\s\S]*?\1/g, '')).not.toContain('<img');
    expect(markdown).toContain('&lt;img');
    expect(markdown).not.toContain('\u001b');
    const row = markdown.split('\n').find((line) => line.startsWith('| **high**'));
    expect(row?.split(/(?<!\\)\|/).length).toBe(7);
    expect(markdown).toContain('> **Fails** `--fail-on high`: 1 new finding at or above high.');
  });

  it('text: control characters from the input cannot reach the terminal', () => {
    const text = renderDiff(diff, 'text');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('\\u001b[31m');
  });

  it('says so when nothing changed, and that the gate passes', () => {
    const text = renderDiff(diffWith({}), 'text', { threshold: 'high', failures: [] });
    expect(text).toBe('kubethreat diff: base → head\n  0 new, 0 resolved, 0 changed, 0 unchanged\n  Passes --fail-on high: no new risk at or above high.\n');
  });

  it('json: the diff as data, with the gate and the fingerprints that failed it', () => {
    const parsed = JSON.parse(renderDiff(diff, 'json', { threshold: 'high', failures: [added] })) as Record<string, unknown>;
    expect(parsed.gate).toEqual({ failOn: 'high', failures: ['host-pid@0123456789abcdef'] });
    expect(parsed.added).toEqual([added]);
  });
});
