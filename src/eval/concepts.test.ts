import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConceptMapError, coverageOf, parseConceptMap } from './concepts.js';
import { DEFAULT_CONCEPTS_FILE } from './run-eval.js';

describe('parseConceptMap', () => {
  it('reads rule → concepts, sorted by rule id', () => {
    const map = parseConceptMap({ 'host-pid': ['host_pid'], 'host-ipc': ['host_ipc'] }, 'test');
    expect([...map.keys()]).toEqual(['host-ipc', 'host-pid']);
  });

  it('refuses shapes other than rule → non-empty list of snake_case concepts', () => {
    expect(() => parseConceptMap(['host-pid'], 'm.json')).toThrow(ConceptMapError);
    expect(() => parseConceptMap({ 'host-pid': 'host_pid' }, 'm.json')).toThrow(/host-pid/);
    expect(() => parseConceptMap({ 'host-pid': [] }, 'm.json')).toThrow(/host-pid/);
    expect(() => parseConceptMap({ 'host-pid': ['Host PID'] }, 'm.json')).toThrow(/host-pid/);
  });

  it('the shipped eval/concepts.json is a valid map that maps both resource rules to the union concept', () => {
    const map = parseConceptMap(JSON.parse(readFileSync(DEFAULT_CONCEPTS_FILE, 'utf8')), 'eval/concepts.json');
    expect(map.get('read-only-root-filesystem')).toEqual(['read_only_root_fs_missing']);
    expect(map.get('resources-limits-missing')).toContain('resources_missing_limits_or_requests');
    expect(map.get('resources-requests-missing')).toContain('resources_missing_limits_or_requests');
  });
});

describe('coverageOf', () => {
  const map = parseConceptMap(
    {
      'resources-limits-missing': ['resources_missing_limits', 'resources_missing_limits_or_requests'],
      'resources-requests-missing': ['resources_missing_requests', 'resources_missing_limits_or_requests'],
      'host-pid': ['host_pid'],
    },
    'test',
  );

  it('makes a concept named by several rules the union of them', () => {
    const coverage = coverageOf(map, ['resources-limits-missing', 'resources-requests-missing', 'host-pid']);
    expect(coverage.rulesByConcept.get('resources_missing_limits_or_requests')).toEqual(['resources-limits-missing', 'resources-requests-missing']);
    expect(coverage.rulesByConcept.get('resources_missing_limits')).toEqual(['resources-limits-missing']);
  });

  it('reports mapped ids the registry lacks, and registry rules the map does not name', () => {
    const coverage = coverageOf(map, ['resources-limits-missing', 'privileged-container']);
    expect(coverage.mappedButMissing).toEqual(['host-pid', 'resources-requests-missing']);
    expect(coverage.unmappedRules).toEqual(['privileged-container']);
    expect(coverage.rulesByConcept.has('host_pid')).toBe(false);
    expect(coverage.missingRulesByConcept.get('host_pid')).toEqual(['host-pid']);
    // The union concept stays covered by the rule that exists.
    expect(coverage.rulesByConcept.get('resources_missing_limits_or_requests')).toEqual(['resources-limits-missing']);
  });
});
