import type { Acceptance } from '../config/types.js';
import type { Severity } from '../taxonomy/index.js';

/** What the analysis is told, apart from the objects. Everything here comes from flags or a config file. */
export interface AnalysisOptions {
  /** Where objects without a namespace live (kubectl's default: "default"). */
  defaultNamespace: string;
  /** Rule ids to run; empty = all. */
  onlyRules: readonly string[];
  skipRules: readonly string[];
  /** The Pod Security Standards version the workload levels are computed at. */
  pssVersion: string;
  /** Report findings on the cluster's own components with the rest (by default they are counted apart). */
  includePlatform: boolean;
  /** Accepted risks from the config file; the core adds those of kubethreat.io/accept annotations itself. */
  acceptances?: readonly Acceptance[];
  /** Severities the config file sets per rule id, replacing the rules' own in findings and for --fail-on. */
  severityOverrides?: Readonly<Record<string, Severity>>;
  /**
   * The cluster's Kubernetes version (`v1.31`), when known: selects the default RBAC policy and API removals, and what
   * Pod Security's latest means. Given (--kubernetes-version), it holds for every cluster; analyze() sets it per cluster
   * from what each API server reported (AnalysisInput.kubernetesVersions), else from `defaultKubernetesVersion`.
   */
  kubernetesVersion?: string;
  /** The version of a cluster that neither the user nor its API server names: a config file's kubernetesVersion. */
  defaultKubernetesVersion?: string;
  /** Crown jewels of the attack graph besides the built-in ones: `namespace:NAME`, `label:KEY=VALUE`, `secret:NAMESPACE/NAME`. */
  crownJewels?: readonly string[];
  /** Build the attack graph (attack paths, a risk per finding); default true. */
  attackGraph?: boolean;
  /**
   * Keep each finding's fix, for `kubethreat fix`; default true. A fix is made when it is read and holds on to what it
   * is made from (the workload, the estate) until then: `scan`, which reads none, leaves them out and frees the
   * estate once the analysis is done.
   */
  fixes?: boolean;
}

export const DEFAULT_OPTIONS: AnalysisOptions = {
  defaultNamespace: 'default',
  onlyRules: [],
  skipRules: [],
  pssVersion: 'latest',
  includePlatform: false,
};
