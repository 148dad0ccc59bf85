import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.js';

const OLD = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('prints diff -u hunks with three lines of context', () => {
    const changed = OLD.replace('line 10\n', 'line 10\ninserted\n');
    expect(unifiedDiff('f.yaml', 'f.yaml', OLD, changed)).toBe(
      '--- a/f.yaml\n+++ b/f.yaml\n@@ -8,6 +8,7 @@\n line 8\n line 9\n line 10\n+inserted\n line 11\n line 12\n line 13\n',
    );
  });

  it('keeps the last line as context when lines are added after it', () => {
    expect(unifiedDiff('f.yaml', 'f.yaml', 'a\nb\n', 'a\nb\nc\n')).toBe('--- a/f.yaml\n+++ b/f.yaml\n@@ -1,2 +1,3 @@\n a\n b\n+c\n');
  });

  it('prints nothing when nothing changed, and a new file against /dev/null', () => {
    expect(unifiedDiff('f.yaml', 'f.yaml', OLD, OLD)).toBe('');
    expect(unifiedDiff(undefined, 'new.yaml', '', 'a: 1\n')).toBe('--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1 @@\n+a: 1\n');
  });

  it('keeps lines marked sensitive out of the context', () => {
    const changed = OLD.replace('line 10\n', 'line 10\ninserted\n');
    const diff = unifiedDiff('f.yaml', 'f.yaml', OLD, changed, { sensitive: (line) => line === 7 || line === 11 });
    expect(diff).not.toContain('line 8');
    expect(diff).not.toContain('line 12');
    expect(diff).toContain('@@ -9,3 +9,4 @@\n line 9\n line 10\n+inserted\n line 11\n');
  });

  it('writes patches git apply accepts, several hunks and a missing final newline included', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-diff-'));
    const before = OLD.replace('line 20\n', 'line 20');
    const after = before.replace('line 2\n', 'line 2\nsecond\n').replace('line 15\n', '').replace('line 20', 'line 20\nlast\n');
    writeFileSync(path.join(dir, 'f.yaml'), before);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(path.join(dir, 'change.patch'), unifiedDiff('f.yaml', 'f.yaml', before, after) + unifiedDiff(undefined, 'added.yaml', '', 'kind: Namespace\n'));
    execFileSync('git', ['apply', '--check', 'change.patch'], { cwd: dir });
    execFileSync('git', ['apply', 'change.patch'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'f.yaml'), 'utf8')).toBe(after);
    expect(readFileSync(path.join(dir, 'added.yaml'), 'utf8')).toBe('kind: Namespace\n');
  });
});
