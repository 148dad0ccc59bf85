/** Test support: analyse YAML text in memory, the way the CLI would analyse a file. */
import { analyze } from '../engine/analyze.js';
import type { AnalysisOptions } from '../engine/options.js';
import type { Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { parseManifestText } from '../load/parse-text.js';
import { SourceLocator } from '../load/locate.js';
import { findRule } from '../rules/index.js';

export const TEST_NOW = new Date('2026-01-01T00:00:00Z');

export function analyzeText(text: string, options: Partial<AnalysisOptions> = {}, file = 'test.yaml'): ThreatModel {
  const parsed = parseManifestText(text, file);
  const locator = new SourceLocator(new Map([[file, text]]));
  return analyze({
    objects: parsed.objects,
    options,
    now: TEST_NOW,
    toolVersion: 'test',
    files: [file],
    problems: parsed.problems,
    locate: (source, path) => locator.locate(source, path),
  });
}

/** The findings of one rule on the given manifests (only that rule runs). */
export function findingsOf(ruleId: string, text: string, options: Partial<AnalysisOptions> = {}): Finding[] {
  if (!findRule(ruleId)) throw new Error(`no rule ${ruleId} in the registry`);
  return analyzeText(text, { ...options, onlyRules: [ruleId] }).findings;
}
