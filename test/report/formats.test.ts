/** Every report format on the bundled example, through the CLI as a user runs it. */
import { describe, expect, it } from 'vitest';
import { renderReport, REPORT_FORMATS } from '../../src/report/index.js';
import { analyzeText } from '../../src/testing/scan-text.js';
import { SNAPSHOT_RULES } from './model.js';
import { runCli } from './run-cli.js';

const SIGNATURE: Record<(typeof REPORT_FORMATS)[number], RegExp> = {
  terminal: /^kubethreat /,
  json: /^\{\n  "schemaVersion"/,
  sarif: /^\{\n  "\$schema": "https:\/\/json\.schemastore\.org\/sarif-2\.1\.0\.json",\n  "version": "2\.1\.0"/,
  html: /^<!DOCTYPE html>\n<html lang="en">/,
  markdown: /^# Threat model\n/,
  junit: /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="kubethreat"/,
  dot: /^digraph kubethreat \{/,
  svg: /^<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>[\s\S]*<svg /,
};

describe('kubethreat scan examples/webshop --format X', () => {
  // Same input, same bytes: the snapshot tests hold each renderer to that; here, every format runs end to end.
  it.each([...REPORT_FORMATS])('%s: renders and still fails on high findings', async (format) => {
    const run = await runCli(['scan', 'examples/webshop', '--format', format, '--no-color']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(SIGNATURE[format]);
  });

  it('offers exactly the registered formats', async () => {
    const run = await runCli(['scan', 'examples/webshop', '--format', 'pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`choices are ${REPORT_FORMATS.join(', ')}.`);
  });
});

describe('an estate with no namespace and no workload', () => {
  it.each([...REPORT_FORMATS])('%s: renders without a finding to show', async (format) => {
    const model = analyzeText('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n', { onlyRules: SNAPSHOT_RULES });
    expect(model.findings).toEqual([]);
    const text = await renderReport(model, format, { color: false });
    expect(text).toMatch(SIGNATURE[format]);
  });
});
