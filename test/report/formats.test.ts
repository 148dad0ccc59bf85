/** Every report format on the bundled example, through the CLI as a user runs it. */
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../src/report/index.js';
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
  it.each([...REPORT_FORMATS])('%s: renders, deterministically, and still fails on high findings', async (format) => {
    const first = await runCli(['scan', 'examples/webshop', '--format', format, '--no-color']);
    const second = await runCli(['scan', 'examples/webshop', '--format', format, '--no-color']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(SIGNATURE[format]);
    expect(second.stdout).toBe(first.stdout);
  });

  it('offers exactly the registered formats', async () => {
    const run = await runCli(['scan', 'examples/webshop', '--format', 'pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`choices are ${REPORT_FORMATS.join(', ')}.`);
  });
});
