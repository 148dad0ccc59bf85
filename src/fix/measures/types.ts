/**
 * Measures: what the estate lacks as a whole (Pod Security labels, NetworkPolicies, quotas, service accounts), made
 * from what the manifests show. Each measure reads the estate as the fixes left it and returns new objects and edits
 * of existing ones; none of them touches a file (the planner does).
 */
import type { AnalysisOptions } from '../../engine/options.js';
import type { Estate } from '../../model/estate.js';
import type { JsonRecord } from '../../model/json.js';
import type { K8sObject } from '../../model/object.js';
import type { FixEdit } from '../types.js';

export const MEASURE_IDS = ['pod-security-labels', 'network-policies', 'resource-quotas', 'limit-ranges', 'service-accounts'] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export interface MeasureContext {
  estate: Estate;
  options: AnalysisOptions;
  /** The strictest Pod Security level to aim for (--level). */
  level: 'baseline' | 'restricted';
  /** The measures of this run: a quota leans on the LimitRange made beside it. */
  running: ReadonlySet<MeasureId>;
}

/** An object to create, with the comment lines printed above it: why it is there, what was assumed, what is left to do. */
export interface GeneratedObject {
  measure: MeasureId;
  manifest: JsonRecord;
  comments: string[];
}

/** Edits of an object in the input (labels on a Namespace, serviceAccountName on a workload). */
export interface ObjectChange {
  measure: MeasureId;
  object: K8sObject;
  edits: FixEdit[];
  /** What the change does, in words. */
  summary: string;
}

export interface MeasureResult {
  objects: GeneratedObject[];
  changes: ObjectChange[];
  /** What the measure could not do, and what the user should do instead. */
  notes: string[];
}

export interface Measure {
  id: MeasureId;
  title: string;
  /** The rules whose findings it removes: with --rule, a measure runs only when one of them is named. */
  rules: readonly string[];
  make(context: MeasureContext): MeasureResult;
}

/** The prefix of every name kubethreat gives an object, so that people can tell them apart and re-runs find them. */
export const GENERATED_PREFIX = 'kubethreat-';
