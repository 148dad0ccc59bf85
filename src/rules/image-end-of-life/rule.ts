import { parseImageReference } from '../../model/image-reference.js';
import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { END_OF_LIFE, type EndOfLife } from './eol-table.js';

const DOCKER_HUB_PREFIXES = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/'];

/** The official image's name (`python`), or undefined for any other repository (whose tags mean what its owner says). */
export function officialImageName(repository: string): string | undefined {
  let name = repository;
  for (const prefix of DOCKER_HUB_PREFIXES) if (name.startsWith(prefix)) name = name.slice(prefix.length);
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  return name.includes('/') ? undefined : name;
}

/** The entry whose version the tag carries: numeric prefixes compared component by component (3.1 is not 3.10). */
export function endOfLifeOf(image: string): EndOfLife | undefined {
  const reference = parseImageReference(image);
  const name = officialImageName(reference.repository);
  if (name === undefined) return undefined;
  const tag = reference.tag;
  for (const entry of END_OF_LIFE) {
    if (entry.image !== name) continue;
    if (entry.version === '') return entry;
    if (tag === undefined) continue;
    if (/^\d/.test(entry.version) ? versionPrefixMatches(entry.version, tag) : tag === entry.version || tag.startsWith(`${entry.version}-`)) return entry;
  }
  return undefined;
}

function versionPrefixMatches(version: string, tag: string): boolean {
  const numeric = /^\d+(?:\.\d+)*/.exec(tag);
  if (numeric === null) return false;
  const wanted = version.split('.').map(Number);
  const found = numeric[0].split('.').map(Number);
  return wanted.length <= found.length && wanted.every((component, index) => component === found[index]);
}

// Init and ephemeral containers count: they run the same unpatched runtime with the pod's identity.
export default defineRule({
  id: 'image-end-of-life',
  title: 'Image of an end-of-life runtime',
  boundary: 'pod',
  stride: ['tampering', 'elevation-of-privilege'],
  severity: 'medium',
  persistence: true,
  references: {
    attack: ['T1190', 'T1525'],
    microsoft: ['Application vulnerability'],
    peers: ['kubescape:C-0079', 'trivy:KSV-0124'],
    links: ['https://endoflife.date'],
  },
  rationale:
    'Once a runtime or base image reaches end of life, its vulnerabilities are published and never fixed: every new CVE in the interpreter, the JVM, the database or the distribution stays exploitable in the container for good. Regular updates are one of the persistence measures of the threat model; an end-of-life version in the tag shows they have stopped.',
  remediation:
    'Move the image to a supported release of the same runtime (the message names one), rebuild the application on it, and keep the tag current with an automated dependency updater (Renovate or Dependabot).',
  messages: {
    endOfLife: 'Container {{container}} of {{workload}} runs {{image}}: {{runtime}} reached end of life on {{end}}; move to {{upgrade}}.',
  },
  check({ estate, now, report }) {
    const today = now.toISOString().slice(0, 10);
    // Asked once per distinct image: a large cluster runs a few hundred images in 180,000 containers, and each answer
    // walks the whole table.
    const entries = new Map<string, EndOfLife | undefined>();
    forEachContainer(estate, (workload, container) => {
      const image = container.image;
      if (image === undefined) return;
      let entry = entries.get(image);
      if (entry === undefined && !entries.has(image)) entries.set(image, (entry = endOfLifeOf(image)));
      if (entry === undefined || entry.end > today) return;
      report({
        messageId: 'endOfLife',
        data: {
          container: container.name,
          workload: workloadLabel(workload),
          image,
          runtime: entry.version === '' ? `the ${entry.image} image` : `${entry.image} ${entry.version}`,
          end: entry.end,
          upgrade: entry.upgrade,
        },
        object: workload.object,
        container,
        path: [...container.path, 'image'],
      });
    });
  },
});
