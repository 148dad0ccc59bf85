import { describe, expect, it } from 'vitest';
import { renderJson } from '../report/json.js';
import { analyzeText } from '../testing/scan-text.js';
import { isKubethreatReport, NotAReportError, readComparable } from './read-report.js';

const MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\n  namespace: ops\nspec:\n  hostPID: true\n  containers:\n    - name: tool\n      image: busybox:1.36\n';
const model = analyzeText(MANIFEST, { onlyRules: ['host-pid'] }, 'ops.yaml');

describe('reading one side of a diff', () => {
  it('reads a JSON report exactly as it reads the model it was written from', () => {
    const fromJson = readComparable(JSON.parse(renderJson(model)), 'report.json');
    const fromModel = readComparable(model, 'report.json');
    expect(fromJson).toEqual(fromModel);
    expect(fromJson.findings.map((finding) => [finding.ruleId, finding.fingerprint.startsWith('host-pid@'), finding.location])).toEqual([
      ['host-pid', true, { file: 'ops.yaml', line: 7, column: 3 }],
    ]);
    expect(fromJson.workloads).toEqual([{ workload: 'Pod/ops/tool', pool: 'any node', controlPlane: false, everyNode: false, nodeEscapes: ['host-pid'] }]);
  });

  it('tells a kubethreat report from other JSON, such as a kubectl dump', () => {
    expect(isKubethreatReport(JSON.parse(renderJson(model)))).toBe(true);
    expect(isKubethreatReport({ apiVersion: 'v1', kind: 'List', items: [] })).toBe(false);
    expect(() => readComparable({ apiVersion: 'v1', kind: 'List', items: [] }, 'dump.json')).toThrow(new NotAReportError('dump.json is not a kubethreat JSON report (write one with "kubethreat scan --format json")'));
  });

  it('refuses a report of another schema major version, and findings without a fingerprint', () => {
    const report = JSON.parse(renderJson(model)) as Record<string, unknown>;
    expect(() => readComparable({ ...report, schemaVersion: '2.0' }, 'next.json')).toThrow('next.json is a kubethreat report of schema version 2.0; this kubethreat reads version 1');
    expect(() => readComparable({ ...report, findings: [{ ruleId: 'host-pid', severity: 'high' }] }, 'edited.json')).toThrow('edited.json: findings[0] lacks a fingerprint, rule id, severity or object');
  });
});
