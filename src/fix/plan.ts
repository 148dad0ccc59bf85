/**
 * The fix command's core: (texts, objects, choices, now) → fixed texts, generated objects and the proof.
 * Pure: the caller reads the files and decides where the results go.
 *
 * 1. Rounds of scan → apply the chosen fixes → scan again, until nothing changes (a fix can enable another:
 *    allowPrivilegeEscalation: false is refused while a container is privileged, so it follows privileged: false).
 * 2. Measures on the estate as fixed: edits of existing objects, and new objects for the measures file.
 * 3. The proof: the original estate and the fixed one (with the measures) are both scanned in full, and every
 *    finding is matched against the second scan (outcome.ts).
 */
import { analyze } from '../engine/analyze.js';
import type { AnalysisOptions } from '../engine/options.js';
import { DEFAULT_OPTIONS } from '../engine/options.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { parseManifestText } from '../load/parse-text.js';
import { buildEstate, isClusterScoped } from '../model/estate.js';
import { objectKey, objectRef, type K8sObject, type ObjectRef } from '../model/object.js';
import { applyEditsToJson } from './apply-json.js';
import { editManifestText, type ObjectEdits } from './edit-text.js';
import { runMeasures, selectMeasures, type GeneratedObject, type ObjectChange } from './measures/index.js';
import { renderMeasures } from './measures/render.js';
import { findingOutcomes, type FindingOutcome } from './outcome.js';
import { decideFix, fixableRuleIds, type FixSelection } from './selection.js';
import type { FixEdit } from './types.js';

export interface FixRequest extends FixSelection {
  /** The files kubethreat may write fixed copies of, as read. */
  sources: ReadonlyArray<{ file: string; text: string }>;
  /** Objects of inputs that cannot be edited (Kustomize output, standard input): analysed, never changed. */
  fixedObjects: readonly K8sObject[];
  /**
   * As for a scan (default namespace, policy version, platform findings, the config's accepted risks and disabled
   * rules). An accepted finding is not a finding: its fix is not applied.
   */
  options: Partial<AnalysisOptions>;
  /** Whether to make the measures (the catalogue's fixtures test fixes alone). */
  measures: boolean;
  now: Date;
  toolVersion: string;
}

export interface FixPlan {
  /** Every source, with its text before and after. */
  files: Array<{ file: string; before: string; after: string }>;
  generated: GeneratedObject[];
  /** The measures file ('' when nothing was generated). */
  measuresText: string;
  /** Edits measures made to objects of the input. */
  changes: ObjectChange[];
  outcomes: FindingOutcome[];
  /** Findings of the fixed estate that the original did not have. */
  introduced: ThreatModel['findings'];
  notes: string[];
  before: ThreatModel;
  after: ThreatModel;
}

const MAX_ROUNDS = 4;

export function planFixes(request: FixRequest): FixPlan {
  // Every rule runs (the config's disabled ones aside), without the attack graph: findings are what is compared.
  const options: AnalysisOptions = { ...DEFAULT_OPTIONS, ...request.options, onlyRules: [], attackGraph: false };
  const texts = new Map(request.sources.map((source) => [source.file, source.text]));
  const failures = new Map<string, string>();
  // Rendered output can be fixed like any file, but the change belongs in the chart: each template is named once.
  const helmTemplates = new Set<string>();
  const fixOptions = { ...options, onlyRules: fixableRuleIds(request) };
  const scan = (objects: readonly K8sObject[], scanOptions: AnalysisOptions): ThreatModel =>
    analyze({ objects, options: scanOptions, now: request.now, toolVersion: request.toolVersion });

  for (let round = 0; round < MAX_ROUNDS && fixOptions.onlyRules.length > 0; round++) {
    const objects = [...parseSources(texts), ...request.fixedObjects];
    const locate = objectLocator(objects, options.defaultNamespace);
    const edits = new Map<string, Map<string, ObjectEdits>>();
    for (const finding of scan(objects, fixOptions).findings) {
      if (decideFix(finding, request) !== 'apply' || !finding.fix) continue;
      const object = locate(finding.object);
      if (!object || !texts.has(object.source.file)) continue;
      addEdits(edits, object, finding.fix.edits);
      if (object.source.helmTemplate) helmTemplates.add(`${object.source.file}: ${object.source.helmTemplate}`);
    }
    if (!applyEdits(texts, edits, failures)) break;
  }

  const notes: string[] = [...helmTemplates].sort().map((template) => `${template} is Helm output: the fixed copy shows the change, make it in the chart (that template, or the values it reads)`);
  const generated: GeneratedObject[] = [];
  const changes: ObjectChange[] = [];
  if (request.measures) {
    const objects = [...parseSources(texts), ...request.fixedObjects];
    const made = runMeasures(selectMeasures(request.rules), { estate: buildEstate(objects, { defaultNamespace: options.defaultNamespace }), options, level: request.level });
    notes.push(...made.notes);
    generated.push(...made.objects);
    const edits = new Map<string, Map<string, ObjectEdits>>();
    for (const change of made.changes) {
      if (texts.has(change.object.source.file)) {
        addEdits(edits, change.object, change.edits);
        changes.push(change);
      } else if (change.object.kind === 'Namespace') {
        generated.push(namespaceCopy(change));
      } else notes.push(`${change.summary}: ${change.object.source.file} cannot be edited, so change its source by hand`);
    }
    applyEdits(texts, edits, failures);
  }
  const measuresText = renderMeasures(generated, [
    `Measures generated by kubethreat ${request.toolVersion} (kubethreat fix).`,
    'Review before applying: each object says why it is here and what it assumes; TODO(kubethreat) marks what the',
    'manifests cannot tell.',
  ]);

  const originalObjects = [...parseSources(new Map(request.sources.map((source) => [source.file, source.text]))), ...request.fixedObjects];
  const before = scan(originalObjects, options);
  const measureObjects = measuresText === '' ? [] : parseManifestText(measuresText, 'kubethreat-measures.yaml').objects;
  const after = scan([...parseSources(texts), ...request.fixedObjects, ...measureObjects], options);
  const locateOriginal = objectLocator(originalObjects, options.defaultNamespace);
  const { outcomes, introduced } = findingOutcomes(before.findings, after.findings, {
    selection: request,
    failures,
    editable: (finding) => texts.has(locateOriginal(finding.object)?.source.file ?? ''),
    measureRules: new Set(request.measures ? selectMeasures(request.rules).flatMap((measure) => measure.rules) : []),
  });
  return {
    files: request.sources.map((source) => ({ file: source.file, before: source.text, after: texts.get(source.file) ?? source.text })),
    generated,
    measuresText,
    changes,
    outcomes,
    introduced,
    notes: [...new Set(notes)],
    before,
    after,
  };
}

function parseSources(texts: ReadonlyMap<string, string>): K8sObject[] {
  return [...texts].flatMap(([file, text]) => parseManifestText(text, file).objects);
}

/** Finds the object a finding is about, as the estate names it (namespace defaulted; the first of duplicates). */
function objectLocator(objects: readonly K8sObject[], defaultNamespace: string): (ref: ObjectRef) => K8sObject | undefined {
  const byKey = new Map<string, K8sObject>();
  for (const object of objects) {
    const ref = objectRef(object);
    if (!isClusterScoped(object)) ref.namespace = object.metadata.namespace ?? defaultNamespace;
    else delete ref.namespace;
    const key = objectKey(ref);
    if (!byKey.has(key)) byKey.set(key, object);
  }
  return (ref) => byKey.get(objectKey(ref));
}

function addEdits(byFile: Map<string, Map<string, ObjectEdits>>, object: K8sObject, edits: readonly FixEdit[]): void {
  const file = byFile.get(object.source.file) ?? new Map<string, ObjectEdits>();
  byFile.set(object.source.file, file);
  const location = `${object.source.document}|${JSON.stringify(object.source.pathInDocument)}`;
  const entry = file.get(location) ?? {
    key: objectKey(objectRef(object)),
    kind: object.kind,
    name: object.metadata.name,
    document: object.source.document,
    pathInDocument: object.source.pathInDocument,
    edits: [],
  };
  file.set(location, { ...entry, edits: [...entry.edits, ...edits] });
}

/** Applies the edits file by file; whether any text changed. */
function applyEdits(texts: Map<string, string>, byFile: ReadonlyMap<string, Map<string, ObjectEdits>>, failures: Map<string, string>): boolean {
  let changed = false;
  for (const [file, objects] of byFile) {
    const text = texts.get(file)!;
    const result = editManifestText(text, [...objects.values()]);
    for (const failure of result.failures) failures.set(failure.key, failure.reason);
    if (result.text !== text) {
      texts.set(file, result.text);
      changed = true;
    }
  }
  return changed;
}

/** A Namespace read from a source that cannot be edited gets its labels through a copy in the measures file. */
function namespaceCopy(change: ObjectChange): GeneratedObject {
  const manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: change.object.metadata.name, labels: { ...change.object.metadata.labels } } };
  applyEditsToJson(manifest, [], change.edits);
  return {
    measure: change.measure,
    manifest,
    comments: [`${change.summary}.`, `The Namespace comes from ${change.object.source.file}, which kubethreat cannot edit: apply this, or add the labels there.`],
  };
}
