import { describe, expect, it } from 'vitest';
import { parseLabels } from './labels.js';
import { parseReasons, reasonFor } from './reasons.js';

const [label] = parseLabels('file\tobject\tconcept\texpected\np/pod.yaml\tPod//test\tread_only_root_fs_missing\tfail\n').labels;

describe('parseReasons', () => {
  it('reads level-3 headings FOLDER · FILE · OBJECT · CONCEPT with the paragraph under them', () => {
    const reasons = parseReasons('# Title\n\n### corp · p/pod.yaml · Pod//test · read_only_root_fs_missing\nEphemeral containers\nare short-lived.\n\n## Next\ntext\n');
    expect(reasons).toEqual([
      { folder: 'corp', file: 'p/pod.yaml', object: 'Pod//test', concept: 'read_only_root_fs_missing', reason: 'Ephemeral containers are short-lived.', line: 3 },
    ]);
  });

  it('ignores the format example in a comment and headings without a reason', () => {
    const text = '<!--\n### FOLDER · FILE · OBJECT · CONCEPT\nWhy\n-->\n### corp · a · Pod//a · privileged\n\n### other heading\nnot an entry\n';
    expect(parseReasons(text)).toEqual([]);
  });
});

describe('reasonFor', () => {
  it('finds the entry for a label of the named folder, with * standing for any folder, file or object', () => {
    const reasons = parseReasons('### * · * · Pod//test · read_only_root_fs_missing\nreason\n');
    expect(reasonFor(reasons, 'corp', label)?.reason).toBe('reason');
  });

  it('does not apply an entry of another folder or concept', () => {
    const reasons = parseReasons('### other · * · * · read_only_root_fs_missing\nreason\n### corp · * · * · privileged\nreason\n');
    expect(reasonFor(reasons, 'corp', label)).toBeUndefined();
  });
});
