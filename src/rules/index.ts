/**
 * The rule catalogue: a literal map, sorted by id. A catalogue test checks it against the folders under src/rules/.
 */
import type { Rule } from './define-rule.js';
import readOnlyRootFilesystem from './read-only-root-filesystem/rule.js';

export const RULES: Readonly<Record<string, Rule>> = {
  'read-only-root-filesystem': readOnlyRootFilesystem,
};

export const RULE_LIST: readonly Rule[] = Object.values(RULES);

export function findRule(id: string): Rule | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, id) ? RULES[id] : undefined;
}
