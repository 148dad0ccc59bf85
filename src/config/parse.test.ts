import { describe, expect, it } from 'vitest';
import { parseConfig, type ConfigResult } from './parse.js';
import { formatConfigProblem, type KubethreatConfig } from './types.js';

const FILE = 'team/.kubethreat.yaml';

function valid(text: string): KubethreatConfig {
  const result = parseConfig(text, FILE);
  if (!result.ok) throw new Error(`expected a valid config, got:\n${result.problems.map(formatConfigProblem).join('\n')}`);
  return result.config;
}

/** The problems, as the CLI prints them. */
function problems(text: string): string[] {
  const result: ConfigResult = parseConfig(text, FILE);
  if (result.ok) throw new Error('expected problems, the config was accepted');
  return result.problems.map(formatConfigProblem);
}

describe('a good config file', () => {
  it('gives defaults, rule settings and acceptances with the line each was written on', () => {
    const config = valid(
      [
        'failOn: medium',
        'minSeverity: low',
        'namespace: shop',
        'pssVersion: v1.30',
        'rules:',
        '  image-latest-tag:',
        '    disabled: true',
        '  privileged-container:',
        '    severity: critical',
        'accept:',
        '  - rule: privileged-container',
        '    object: Deployment/shop/web',
        '    container: gpu',
        '    reason: the GPU driver needs the host devices',
        '    expires: 2026-06-30',
        '    owner: team-ml',
        '  - rule: host-pid',
        '    namespace: monitoring',
        '    reason: node exporter',
        '    expires: 2026-12-31',
        '  - rule: privileged-container',
        '    fingerprint: privileged-container@0123456789abcdef',
        '    reason: "one finding, by its fingerprint"',
        '    expires: 2027-01-01',
        '',
      ].join('\n'),
    );
    expect(config.defaults).toEqual({ failOn: 'medium', minSeverity: 'low', namespace: 'shop', pssVersion: 'v1.30' });
    expect(config.rules).toEqual({ 'image-latest-tag': { disabled: true }, 'privileged-container': { severity: 'critical' } });
    expect(config.accept).toEqual([
      {
        rule: 'privileged-container',
        object: 'Deployment/shop/web',
        container: 'gpu',
        reason: 'the GPU driver needs the host devices',
        expires: '2026-06-30',
        owner: 'team-ml',
        source: { file: FILE, line: 11, column: 5, via: 'config' },
      },
      { rule: 'host-pid', namespace: 'monitoring', reason: 'node exporter', expires: '2026-12-31', source: { file: FILE, line: 17, column: 5, via: 'config' } },
      {
        rule: 'privileged-container',
        fingerprint: 'privileged-container@0123456789abcdef',
        reason: 'one finding, by its fingerprint',
        expires: '2027-01-01',
        source: { file: FILE, line: 21, column: 5, via: 'config' },
      },
    ]);
  });

  it('takes an empty file, or one with only comments, as no configuration', () => {
    expect(valid('')).toEqual({ file: FILE, accept: [], rules: {}, defaults: {} });
    expect(valid('# nothing accepted yet\n')).toEqual({ file: FILE, accept: [], rules: {}, defaults: {} });
  });

  it('accepts an object in one named cluster, written cluster:Kind/namespace/name', () => {
    const config = valid('accept:\n  - rule: host-pid\n    object: prod-eu:DaemonSet/ops/agent\n    reason: node exporter\n    expires: 2026-03-01\n');
    expect(config.accept[0].object).toBe('prod-eu:DaemonSet/ops/agent');
  });

  it('accepts a cluster-scoped object written Kind/name', () => {
    const config = valid('accept:\n  - rule: rbac-wildcard\n    object: ClusterRole/ops-admin\n    reason: break-glass role\n    expires: 2026-03-01\n');
    expect(config.accept[0].object).toBe('ClusterRole/ops-admin');
  });
});

describe('mistakes, each at its file, line and field', () => {
  it('names a misspelled rule id and suggests the right one, in accept and in rules', () => {
    expect(problems('rules:\n  privileged-containr:\n    disabled: true\naccept:\n  - rule: host-pdi\n    namespace: ops\n    reason: r\n    expires: 2026-01-01\n')).toEqual([
      `${FILE}:2:3: rules.privileged-containr: unknown rule "privileged-containr" (did you mean "privileged-container"?): "kubethreat rules" lists them`,
      `${FILE}:5:11: accept[0].rule: unknown rule "host-pdi" (did you mean "host-pid"?): "kubethreat rules" lists them`,
    ]);
  });

  it('requires a reason and an expiry, pointing at the entry that lacks them', () => {
    expect(problems('accept:\n  - rule: host-pid\n    namespace: ops\n')).toEqual([
      `${FILE}:2:5: accept[0].expires: required: the last day the acceptance applies, YYYY-MM-DD`,
      `${FILE}:2:5: accept[0].reason: required: why the risk is accepted`,
    ]);
  });

  it('refuses a blank reason', () => {
    expect(problems('accept:\n  - rule: host-pid\n    namespace: ops\n    reason: "  "\n    expires: 2026-01-01\n')).toEqual([
      `${FILE}:4:13: accept[0].reason: "  " is not text, not blank`,
    ]);
  });

  it('refuses dates that are not YYYY-MM-DD or not on the calendar', () => {
    const entry = (expires: string): string => `accept:\n  - rule: host-pid\n    namespace: ops\n    reason: r\n    expires: ${expires}\n`;
    expect(problems(entry('2026-02-30'))).toEqual([`${FILE}:5:14: accept[0].expires: "2026-02-30" is not a day of the calendar`]);
    expect(problems(entry('30/06/2026'))).toEqual([`${FILE}:5:14: accept[0].expires: "30/06/2026" is not a date written YYYY-MM-DD`]);
    expect(problems(entry('2026-06-30T12:00:00Z'))).toEqual([`${FILE}:5:14: accept[0].expires: "2026-06-30T12:00:00Z" is not a date written YYYY-MM-DD`]);
  });

  it('wants exactly one selector', () => {
    expect(problems('accept:\n  - rule: host-pid\n    reason: r\n    expires: 2026-01-01\n')).toEqual([
      `${FILE}:2:5: accept[0]: names no finding: give a fingerprint, an object, a namespace or a container`,
    ]);
    expect(problems('accept:\n  - rule: host-pid\n    namespace: ops\n    object: Deployment/ops/agent\n    reason: r\n    expires: 2026-01-01\n')).toEqual([
      `${FILE}:2:5: accept[0]: give only one of fingerprint, object and namespace (a container narrows an object or a namespace, never a fingerprint)`,
    ]);
  });

  it('takes a container alone, or narrowing an object or a namespace, but not a fingerprint', () => {
    for (const selector of ['namespace: ops\n    container: istio-init', 'container: istio-init', 'object: Deployment/ops/agent\n    container: agent']) {
      const parsed = parseConfig(`accept:\n  - rule: host-pid\n    ${selector}\n    reason: r\n    expires: 2026-01-01\n`, FILE);
      expect(parsed.ok && parsed.config.accept.map((acceptance) => [acceptance.container, acceptance.namespace, acceptance.object])).toEqual([
        [selector.match(/container: (\S+)/)?.[1], selector.match(/namespace: (\S+)/)?.[1], selector.match(/object: (\S+)/)?.[1]],
      ]);
    }
    expect(problems('accept:\n  - rule: host-pid\n    fingerprint: host-pid@0123456789abcdef\n    container: agent\n    reason: r\n    expires: 2026-01-01\n')).toEqual([
      `${FILE}:2:5: accept[0]: give only one of fingerprint, object and namespace (a container narrows an object or a namespace, never a fingerprint)`,
    ]);
  });

  it('checks the shape of objects and fingerprints, and that a fingerprint belongs to the rule', () => {
    expect(problems('accept:\n  - rule: host-pid\n    object: web\n    reason: r\n    expires: 2026-01-01\n')).toEqual([
      `${FILE}:3:13: accept[0].object: "web" is not Kind/namespace/name, or Kind/name for a cluster-scoped object (CLUSTER:Kind/namespace/name for one cluster)`,
    ]);
    expect(problems('accept:\n  - rule: host-pid\n    fingerprint: privileged-container@0123456789abcdef\n    reason: r\n    expires: 2026-01-01\n')).toEqual([
      `${FILE}:3:18: accept[0].fingerprint: is a fingerprint of rule "privileged-container", not of "host-pid"`,
    ]);
  });

  it('names unknown fields at their key, with the field meant', () => {
    expect(problems('failon: high\naccept:\n  - rule: host-pid\n    namespace: ops\n    reason: r\n    expiry: 2026-01-01\n')).toEqual([
      `${FILE}:1:1: failon: unknown field "failon" (did you mean "failOn"?)`,
      `${FILE}:3:5: accept[0].expires: required: the last day the acceptance applies, YYYY-MM-DD`,
      `${FILE}:6:5: accept[0].expiry: unknown field "expiry" (did you mean "expires"?)`,
    ]);
  });

  it('checks severities, booleans and flag defaults', () => {
    expect(problems('failOn: hgh\npssVersion: 1.30\nrules:\n  host-pid:\n    severity: severe\n  host-ipc:\n    disabled: yes\n  host-network: {}\n')).toEqual([
      `${FILE}:1:9: failOn: "hgh" is not one of info, low, medium, high, critical, none`,
      `${FILE}:2:13: pssVersion: must be text, not 1.3`,
      `${FILE}:5:15: rules.host-pid.severity: "severe" is not one of info, low, medium, high, critical`,
      `${FILE}:7:15: rules.host-ipc.disabled: must be true or false, not "yes"`,
      `${FILE}:8:17: rules.host-network: says nothing: give severity or disabled`,
    ]);
  });

  it('checks the Kubernetes version as the flag is checked', () => {
    expect(valid('kubernetesVersion: v1.33.4-eks-2a5b3c\n').defaults).toEqual({ kubernetesVersion: 'v1.33.4-eks-2a5b3c' });
    expect(problems('kubernetesVersion: latest\n')).toEqual([`${FILE}:1:20: kubernetesVersion: "latest" is not a Kubernetes version like v1.31 or v1.31.2`]);
  });

  it('reports YAML that does not parse, and duplicate keys, at their line', () => {
    expect(problems('accept:\n  - rule: host-pid\n    reason: [unclosed\n')[0]).toMatch(new RegExp(`^${FILE.replace('.', '\\.')}:\\d+:\\d+: not valid YAML: `));
    expect(problems('failOn: high\nfailOn: low\n')).toEqual([`${FILE}:2:1: not valid YAML: Map keys must be unique`]);
  });

  it('wants a mapping at the top and a list under accept', () => {
    expect(problems('- rule: host-pid\n')).toEqual([`${FILE}:1:1: must be a mapping of fields, not a list`]);
    expect(problems('accept:\n  rule: host-pid\n')).toEqual([`${FILE}:2:3: accept: must be a list, not a mapping`]);
  });
});
