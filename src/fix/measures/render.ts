/** The measures file: the generated objects as YAML documents, each under the comments that explain it. */
import { stringify } from 'yaml';
import type { GeneratedObject } from './types.js';

const KIND_ORDER = ['Namespace', 'ServiceAccount', 'LimitRange', 'ResourceQuota', 'NetworkPolicy'];

export function renderMeasures(objects: readonly GeneratedObject[], header: readonly string[]): string {
  if (objects.length === 0) return '';
  const sorted = objects
    .map((object, index) => ({ object, index }))
    .sort((a, b) => compare(namespaceOf(a.object), namespaceOf(b.object)) || rank(a.object) - rank(b.object) || a.index - b.index)
    .map(({ object }) => object);
  const documents = sorted.map((object) => {
    const comments = object.comments.map((line) => `# ${line}`.trimEnd()).join('\n');
    // YAML 1.1, as the loader reads it: a value such as `yes` or `on` gets quoted instead of turning into a boolean.
    return `${comments}\n${stringify(object.manifest, { version: '1.1', lineWidth: 0 })}`;
  });
  return `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}\n---\n${documents.join('---\n')}`;
}

function namespaceOf(object: GeneratedObject): string {
  const metadata = object.manifest.metadata as { name?: string; namespace?: string } | undefined;
  return metadata?.namespace ?? metadata?.name ?? '';
}

function rank(object: GeneratedObject): number {
  const index = KIND_ORDER.indexOf(String(object.manifest.kind));
  return index === -1 ? KIND_ORDER.length : index;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
