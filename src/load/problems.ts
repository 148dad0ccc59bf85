/** What the loader could not use, and why: every entry names the file (and line, when known) and what to do. */
export type ProblemSeverity = 'error' | 'warning' | 'notice';

export interface InputProblem {
  severity: ProblemSeverity;
  file: string;
  line?: number;
  column?: number;
  /** What is wrong, in one sentence. */
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** What was left out of the analysis because of it, e.g. "document 3" or "the whole file". */
  skipped?: string;
  /**
   * The resource a live cluster did not let kubethreat list (403, or failing after retries), as RBAC names it:
   * "networkpolicies.networking.k8s.io". Rules that report the absence of such objects do not run (see Rule.absenceOf).
   */
  unlisted?: string;
  /**
   * Resources a live cluster was read for in some namespaces only (--include-namespace), as RBAC names them. A rule
   * that reports what the whole cluster lacks of one does not run; one that reports what a namespace lacks
   * (Rule.absenceWithinNamespace) still does, for the namespaces read.
   */
  partlyListed?: string[];
  /**
   * The cluster the problem is about (a live cluster's name), when the input holds several: a resource one cluster
   * refused leaves out that cluster's absence rules alone.
   */
  cluster?: string;
}

export function formatProblem(problem: InputProblem): string {
  const where = problem.line !== undefined ? `${problem.file}:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : problem.file;
  const parts = [`${where}: ${problem.severity}: ${problem.message}`];
  if (problem.skipped) parts.push(`(skipped: ${problem.skipped})`);
  if (problem.hint) parts.push(`— ${problem.hint}`);
  return escapeControlCharacters(parts.join(' '));
}

/**
 * Escapes control characters (ESC, CR, BEL, line breaks, bidirectional overrides) as \uXXXX: problems name files and
 * objects from the input, and a hostile name must not move the cursor, recolour or retitle the user's terminal.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
