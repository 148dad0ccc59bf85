import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { findingWith, type Finding } from '../engine/finding.js';
import { loadInputs } from '../load/index.js';
import { TEST_NOW } from '../testing/scan-text.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { jsonReportPieces, renderJson } from './json.js';
import { FindingsList, WorkerUnavailable } from './json-findings-threaded.js';

async function webshop(): Promise<ThreatModel> {
  const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
  return analyze({ objects: loaded.objects, options: { includePlatform: true }, now: TEST_NOW, toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
}

/** The webshop's findings with findings that are not the engine's own among them: their own message, fingerprint, acceptance. */
async function findingsWithVariants(): Promise<ThreatModel> {
  const model = await webshop();
  const hostile = 'evil\u009b2J\u202eright-to-left \ud83d\ude00 "quoted" \\ \n über';
  const findings: Finding[] = model.findings.flatMap((finding, index) =>
    index % 40 === 0
      ? [finding, findingWith(finding, { container: hostile, message: `${hostile} runs`, platform: true, expiredAcceptance: { rule: finding.ruleId, reason: hostile, expires: '2025-01-01', source: { file: 'k.yaml', line: 1, column: 1, via: 'config' } } })]
      : [finding],
  );
  return { ...model, findings };
}

/** The findings list as renderJson writes it, on one thread. */
function findingsText(model: ThreatModel): string {
  const text = renderJson(model);
  const start = text.indexOf('"findings": ') + '"findings": '.length;
  return text.slice(start, text.indexOf(',\n  "accepted": ', start));
}

async function writtenToFile(piece: FindingsList): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-findings-')), 'report.json');
  const handle = await open(file, 'w');
  try {
    await piece.writeTo(handle.fd);
  } finally {
    await handle.close();
  }
  return readFileSync(file, 'utf8');
}

describe("the JSON report's findings on two threads", () => {
  it('are written by the worker to a file descriptor, the same bytes as on one thread', async () => {
    const model = await findingsWithVariants();
    const expected = findingsText(model);
    // One finding a block, a few, more than the worker may hold at once, and all in one block.
    for (const blockSize of [1, 7, 64, 100_000]) {
      const piece = new FindingsList(model.findings, '    ', '  ', { blockSize });
      expect(await writtenToFile(piece)).toBe(expected);
      expect([...piece.chunks()].join('')).toBe(expected);
    }
  });

  it('say so, before anything is written, when the worker cannot start', async () => {
    const model = await webshop();
    const piece = new FindingsList(model.findings, '    ', '  ', { blockSize: 16, workerModule: new URL('./no-such-worker.js', import.meta.url) });
    await expect(writtenToFile(piece)).rejects.toBeInstanceOf(WorkerUnavailable);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-findings-')), 'report.json');
    const handle = await open(file, 'w');
    await piece.writeTo(handle.fd).catch(() => undefined);
    await handle.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it("fail as the worker's write failed, with the system error's code and call", async () => {
    const model = await webshop();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-findings-')), 'report.json');
    writeFileSync(file, '');
    const readOnly = await open(file, 'r');
    try {
      await expect(new FindingsList(model.findings, '    ', '  ', { blockSize: 16 }).writeTo(readOnly.fd)).rejects.toMatchObject({ code: 'EBADF', syscall: 'write' });
    } finally {
      await readOnly.close();
    }
  });

  it('are a piece of the report only when there are enough of them, and the report reads the same', async () => {
    const model = await webshop();
    const pieces = [...jsonReportPieces(model, 1)];
    expect(pieces.filter((piece) => typeof piece !== 'string')).toHaveLength(1);
    const text = pieces.map((piece) => (typeof piece === 'string' ? piece : [...piece.chunks()].join(''))).join('');
    expect(text).toBe(renderJson(model));
    expect([...jsonReportPieces(model, model.findings.length + 1)].every((piece) => typeof piece === 'string')).toBe(true);
    expect([...jsonReportPieces({ ...model, findings: [] }, 0)].join('')).toBe(renderJson({ ...model, findings: [] }));
  });
});
