/**
 * What a team writes down about its estate: risks it accepts (with a reason and an expiry), per-rule severity
 * overrides and disabled rules, and default flags. Parsed at the edge (src/config/parse.ts) and handed to the core
 * as data; the core never reads the file.
 */
import type { Severity } from '../taxonomy/index.js';

/** Where an acceptance was written: a line of the config file, or the annotation of an object in the manifests. */
export interface AcceptanceSource {
  file: string;
  line: number;
  column: number;
  via: 'config' | 'annotation';
}

/**
 * One accepted risk. Exactly one selector is set: `fingerprint`, `object` or `namespace`, the last two optionally
 * narrowed to a `container`; or `container` alone, that container of every object. `expires` is the last day (UTC,
 * inclusive) on which the acceptance applies.
 */
export interface Acceptance {
  rule: string;
  fingerprint?: string;
  /** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects, in any cluster; `CLUSTER:Kind/…` in one (as `objectKey` writes it). */
  object?: string;
  container?: string;
  namespace?: string;
  reason: string;
  /** YYYY-MM-DD. */
  expires: string;
  owner?: string;
  source: AcceptanceSource;
}

export interface RuleSetting {
  severity?: Severity;
  disabled?: boolean;
}

/** Flags the config file sets a default for; a flag on the command line wins. */
export interface ConfigDefaults {
  failOn?: Severity | 'none';
  minSeverity?: Severity;
  namespace?: string;
  pssVersion?: string;
  kubernetesVersion?: string;
}

export interface KubethreatConfig {
  /** The file as the user named it (or `.kubethreat.yaml` when found in the current directory). */
  file: string;
  accept: Acceptance[];
  rules: Record<string, RuleSetting>;
  defaults: ConfigDefaults;
}

/** A mistake in the config file, placed at the field it is about. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** The field as people write it: accept[2].expires, rules.privileged-container.severity. */
  field: string;
  message: string;
}

export const EMPTY_CONFIG: Omit<KubethreatConfig, 'file'> = { accept: [], rules: {}, defaults: {} };

export function formatConfigProblem(problem: ConfigProblem): string {
  const field = problem.field === '' ? '' : `${problem.field}: `;
  return `${problem.file}:${problem.line}:${problem.column}: ${field}${problem.message}`;
}
