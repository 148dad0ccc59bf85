/**
 * eval/concepts.json: which rule stands for which concept of the corpora vocabulary. `{ "rule-id": ["concept", …] }`.
 * A concept named by several rules is their union: the scanner fails an object for it when any of them fires.
 */

/** rule id → the concepts it speaks to, as written in the file (sorted by rule id). */
export type ConceptMap = ReadonlyMap<string, readonly string[]>;

/** A concept map that cannot be read: the run stops with exit code 2. */
export class ConceptMapError extends Error {}

const CONCEPT_PATTERN = /^[a-z][a-z0-9_]*$/;

export function parseConceptMap(value: unknown, origin: string): ConceptMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConceptMapError(`${origin}: must be an object of the form { "rule-id": ["concept", …] }`);
  }
  const map = new Map<string, readonly string[]>();
  for (const [ruleId, concepts] of Object.entries(value)) {
    if (!Array.isArray(concepts) || concepts.length === 0 || concepts.some((concept) => typeof concept !== 'string' || !CONCEPT_PATTERN.test(concept))) {
      throw new ConceptMapError(`${origin}: "${ruleId}" must map to a non-empty list of snake_case concept names`);
    }
    map.set(ruleId, [...new Set(concepts as string[])]);
  }
  return new Map([...map].sort(([a], [b]) => compareText(a, b)));
}

export interface Coverage {
  /** concept → the rules that exist in the registry and map to it. A concept absent here is not covered. */
  rulesByConcept: ReadonlyMap<string, readonly string[]>;
  /** concept → rules the map names that the registry does not have (yet). */
  missingRulesByConcept: ReadonlyMap<string, readonly string[]>;
  /** Rule ids in the map that the registry does not have: "mapped but missing". */
  mappedButMissing: readonly string[];
  /** Rules in the registry that the map does not name: they are not measured. */
  unmappedRules: readonly string[];
}

export function coverageOf(map: ConceptMap, registryIds: Iterable<string>): Coverage {
  const registry = new Set(registryIds);
  const rulesByConcept = new Map<string, string[]>();
  const missingRulesByConcept = new Map<string, string[]>();
  for (const [ruleId, concepts] of map) {
    const target = registry.has(ruleId) ? rulesByConcept : missingRulesByConcept;
    for (const concept of concepts) {
      const list = target.get(concept);
      if (list) list.push(ruleId);
      else target.set(concept, [ruleId]);
    }
  }
  return {
    rulesByConcept,
    missingRulesByConcept,
    mappedButMissing: [...map.keys()].filter((id) => !registry.has(id)),
    unmappedRules: [...registry].filter((id) => !map.has(id)).sort(compareText),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
