/**
 * SARIF: validated by the SARIF 2.1.0 JSON schema (the copy the Microsoft SARIF SDK ships with its multitool) and by
 * the multitool's own `validate`, which checks what a schema cannot (absolute help URIs, consistent indexes, …).
 */
import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderSarif, SECURITY_SEVERITY } from '../../src/report/sarif.js';
import { FINGERPRINT_KEY, sarifText } from '../../src/report/sarif-result.js';
import { estateModel, fixtureText, hostileModel } from './model.js';
import { REPO, runCli } from './run-cli.js';
import { findingWith } from '../../src/engine/finding.js';

const MULTITOOL_DIR = path.join(REPO, 'node_modules/@microsoft/sarif-multitool-linux');

/** The official schema with the formats it names checked too (Ajv knows none of them by itself). */
function sarifValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value));
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value));
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  return ajv.compile(JSON.parse(readFileSync(path.join(MULTITOOL_DIR, 'sarif-2.1.0.json'), 'utf8')));
}
const validate = sarifValidator();

interface SarifLocation {
  id?: number;
  physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } };
  logicalLocations?: Array<{ fullyQualifiedName: string }>;
  message?: { text: string };
}

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; name: string; helpUri?: string; help: { text: string; markdown: string }; properties: Record<string, unknown>; defaultConfiguration: { level: string } }> } };
    invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string }; locations?: unknown[] }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: SarifLocation[];
      partialFingerprints: Record<string, string>;
      properties: Record<string, unknown>;
    }>;
  }>;
}

const parse = (text: string): SarifLog => JSON.parse(text) as SarifLog;

describe('SARIF', () => {
  it('is valid against the SARIF 2.1.0 schema, for the fixture, hostile names and the bundled example', async () => {
    const example = await runCli(['scan', 'examples/webshop', '--format', 'sarif']);
    for (const text of [renderSarif(estateModel()), renderSarif(hostileModel()), renderSarif(estateModel(), { docsBaseUri: 'https://example.org/kubethreat/docs/rules/' }), example.stdout]) {
      const valid = validate(JSON.parse(text));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('the schema check catches a broken log (so the test above can fail)', () => {
    const log = JSON.parse(renderSarif(estateModel())) as { runs: Array<{ results: Array<{ level: string }>; tool: { driver: { rules: Array<{ helpUri?: string }> } } }> };
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    const relative = JSON.parse(renderSarif(estateModel())) as typeof log;
    relative.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/x.md';
    expect(validate(relative)).toBe(false);
  });

  it('describes every rule that ran with its metadata, help and security-severity', () => {
    const model = estateModel();
    const rules = parse(renderSarif(model)).runs[0].tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual([...model.rules].sort());
    const privileged = rules.find((rule) => rule.id === 'privileged-container');
    expect(privileged).toMatchObject({ name: 'PrivilegedContainer', defaultConfiguration: { level: 'error' } });
    expect(privileged?.properties).toMatchObject({ 'security-severity': SECURITY_SEVERITY.critical, 'problem.severity': 'error', precision: 'high' });
    expect(privileged?.properties.tags).toEqual(expect.arrayContaining(['security', 'boundary:node', 'stride:elevation-of-privilege']));
    expect(privileged?.help.markdown).toContain('**Measure.**');
    expect(privileged?.help.text).toContain('Measure: ');
    expect(Object.values(SECURITY_SEVERITY).every((value) => typeof value === 'string' && Number(value) > 0)).toBe(true);
  });

  it('links rules to their docs page only when the docs have an absolute address', () => {
    expect(parse(renderSarif(estateModel())).runs[0].tool.driver.rules.every((rule) => rule.helpUri === undefined)).toBe(true);
    const linked = parse(renderSarif(estateModel(), { docsBaseUri: 'https://example.org/kubethreat/docs/rules' })).runs[0].tool.driver.rules;
    expect(linked[0].helpUri).toBe(`https://example.org/kubethreat/docs/rules/${linked[0].id}.md`);
  });

  it('puts each result at the file, line and column of its field, with the Helm template as a linked related location', () => {
    const model = estateModel();
    const log = parse(renderSarif(model));
    const { results, tool } = log.runs[0];
    expect(results).toHaveLength(model.findings.length);
    for (const result of results) expect(tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);

    const api = (result: { locations: SarifLocation[] }) => result.locations[0].logicalLocations?.[0].fullyQualifiedName === 'Deployment/shop/api';
    const writable = results.find((result) => result.ruleId === 'read-only-root-filesystem' && api(result));
    const finding = model.findings.find((entry) => entry.ruleId === 'read-only-root-filesystem' && entry.object.name === 'api');
    expect(writable?.level).toBe('note');
    expect(writable?.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/report/fixtures/estate.yaml' },
      region: { startLine: finding?.location.line, startColumn: finding?.location.column },
    });
    expect(writable?.locations).toHaveLength(1);
    expect(writable?.relatedLocations?.[0]).toMatchObject({ id: 1, physicalLocation: { artifactLocation: { uri: 'shop/templates/api.yaml' } } });
    expect(writable?.message.text).toBe(`${finding?.message} Rendered from the Helm template [shop/templates/api.yaml](1).`);
    expect(writable?.partialFingerprints[FINGERPRINT_KEY]).toBe(finding?.fingerprint);

    // A finding about the estate as a whole has no file to point at: only its logical location.
    const runtime = results.find((result) => result.ruleId === 'runtime-detection-missing');
    expect(runtime?.locations[0].physicalLocation).toBeUndefined();
    expect(runtime?.locations[0].logicalLocations?.[0].fullyQualifiedName).toBe('Cluster/cluster');
  });

  it('keeps partialFingerprints when the manifests are reformatted and reordered', () => {
    const documents = parseAllDocuments(fixtureText('estate.yaml')).filter((document) => document.errors.length === 0);
    const reformatted = documents
      .reverse()
      .map((document) => document.toString({ indent: 4, flowCollectionPadding: false }))
      .join('---\n');
    const before = parse(renderSarif(estateModel())).runs[0].results;
    const after = parse(renderSarif(estateModel(`# moved\n\n${reformatted}`))).runs[0].results;
    const key = (result: (typeof before)[number]) => result.partialFingerprints[FINGERPRINT_KEY];
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    const line = (results: typeof before) => results.find((result) => result.ruleId === 'privileged-container')?.locations[0].physicalLocation?.region?.startLine;
    expect(line(after)).not.toBe(line(before));
  });

  it('keeps brackets in hostile names from becoming SARIF links', () => {
    const results = parse(renderSarif(hostileModel())).runs[0].results;
    const image = results.map((result) => result.message.text).join('\n');
    expect(image).not.toMatch(/(^|[^\\])\[link\]\(javascript/);
    expect(sarifText('[x](javascript:alert(1)) \\')).toBe('\\[x\\](javascript:alert(1)) \\\\');
  });

  it('keeps accepted risks as suppressed results with their reason, expiry and where they were accepted', () => {
    const model = estateModel();
    const [finding, ...rest] = model.findings;
    const acceptance = { rule: finding.ruleId, fingerprint: finding.fingerprint, reason: 'Legacy app, replaced in Q1', expires: '2027-03-31', owner: 'team-shop', source: { file: '.kubethreat.yaml', line: 4, column: 5, via: 'config' as const } };
    const log = renderSarif({ ...model, findings: rest, accepted: [findingWith(finding, { acceptance })] });
    expect(validate(JSON.parse(log)), JSON.stringify(validate.errors)).toBe(true);
    const results = (JSON.parse(log) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string>; suppressions?: Array<Record<string, unknown>> }> }> }).runs[0].results;
    const suppressed = results.filter((result) => result.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].partialFingerprints[FINGERPRINT_KEY]).toBe(finding.fingerprint);
    expect(suppressed[0].suppressions).toEqual([
      expect.objectContaining({ kind: 'external', status: 'accepted', justification: 'Legacy app, replaced in Q1 (accepted until 2027-03-31, owner team-shop)' }),
    ]);
    expect(results).toHaveLength(model.findings.length);
  });

  it('reports input it could not read as tool execution notifications', () => {
    const notifications = parse(renderSarif(estateModel())).runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'test/report/fixtures/estate.yaml' } } }] });
    expect(notifications[0].message.text).toMatch(/malformed YAML/);
  });

  it('passes the Microsoft SARIF multitool validate with no error or warning', () => {
    const multitool = path.join(MULTITOOL_DIR, 'Sarif.Multitool');
    try {
      accessSync(multitool, constants.X_OK);
    } catch {
      chmodSync(multitool, 0o755); // npm may skip the package's postinstall chmod (allowScripts)
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-sarif-'));
    try {
      const input = path.join(dir, 'estate.sarif');
      const output = path.join(dir, 'validation.sarif');
      const model = { ...estateModel(), tool: { name: 'kubethreat' as const, version: '0.1.0' } };
      writeFileSync(input, renderSarif(model, { docsBaseUri: 'https://example.org/kubethreat/docs/rules/', informationUri: 'https://example.org/kubethreat' }));
      // Only the SARIF rules (the spec's musts and shoulds); not the guidance that wants network access or snippets.
      execFileSync(multitool, ['validate', input, '--output', output, '--rule-kind', 'Sarif', '--level', 'Error;Warning'], {
        stdio: 'pipe',
        timeout: 60_000,
        // A .NET program: without this it needs libicu, which a minimal machine may lack.
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      });
      const results = parse(readFileSync(output, 'utf8')).runs[0].results;
      expect(results.map((result) => `${result.ruleId}: ${JSON.stringify(result.message)}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches its snapshot', async () => {
    await expect(renderSarif(estateModel())).toMatchFileSnapshot('__snapshots__/estate.sarif');
  });
});
