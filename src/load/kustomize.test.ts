import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from './index.js';
import { kubectlError } from './kustomize.js';

/** test/fixtures/kustomize: base (Deployment + Service), overlays/prod (namespace, namePrefix, a Component). */
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');

describe('Kustomize folders', () => {
  it('renders an overlay with kubectl kustomize, and its base only through it', async () => {
    const result = await loadInputs(['kustomize'], { cwd: fixtures });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([path.join('kustomize', 'overlays', 'prod (kustomize output)')]);
    expect(result.objects.map((object) => `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`).sort()).toEqual([
      'Deployment/prod/prod-web',
      'Service/prod/prod-web',
    ]);
    // The Component's patch reached the rendered Deployment.
    const deployment = result.objects.find((object) => object.kind === 'Deployment')!;
    expect(JSON.stringify(deployment.raw)).toContain('"readOnlyRootFilesystem":true');
  });

  it('locates fields in the rendered output', async () => {
    const result = await loadInputs(['kustomize/overlays/prod'], { cwd: fixtures });
    const deployment = result.objects.find((object) => object.kind === 'Deployment')!;
    const location = result.locator.locate(deployment.source, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(location.file).toBe(path.join('kustomize', 'overlays', 'prod (kustomize output)'));
    expect(location.line).toBeGreaterThan(deployment.source.line);
  });

  it('renders a base on its own when it is what the user named', async () => {
    const result = await loadInputs(['kustomize/base'], { cwd: fixtures });
    expect(result.objects.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual(['Deployment/web', 'Service/web']);
  });

  it('treats a kustomization.yaml named on the command line as its folder', async () => {
    const result = await loadInputs(['kustomize/overlays/prod/kustomization.yaml'], { cwd: fixtures });
    expect(result.problems).toEqual([]);
    expect(result.objects.map((object) => object.metadata.name)).toEqual(['prod-web', 'prod-web']);
  });

  it('reports a kustomization kubectl cannot build, with its file and a way to see the whole error', async () => {
    const result = await loadInputs(['kustomize-broken', 'kustomize/base'], { cwd: fixtures });
    expect(result.objects).toHaveLength(2); // the other folder is still read
    expect(result.problems).toHaveLength(1);
    const problem = result.problems[0];
    expect(problem).toMatchObject({ severity: 'error', file: path.join('kustomize-broken', 'kustomization.yaml'), skipped: 'the whole folder' });
    expect(problem.message).toMatch(/^kubectl kustomize failed: .*deployment-that-does-not-exist\.yaml.*no such file or directory/);
    expect(problem.message).not.toMatch(/run\.go|E\d{4} /); // the klog prefix is stripped
    expect(problem.hint).toMatch(/kubectl kustomize .*kustomize-broken/);
  });

  it('says clearly when kubectl is missing, and reads the plain files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-kustomize-'));
    cpSync(path.join(fixtures, 'kustomize'), path.join(dir, 'kustomize'), { recursive: true });
    cpSync(path.join(fixtures, 'kustomize', 'base', 'service.yaml'), path.join(dir, 'service.yaml'));
    const result = await loadInputs(['.'], { cwd: dir, kubectl: '/nonexistent/kubectl' });
    expect(result.objects.map((object) => object.metadata.name)).toEqual(['web']);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: path.join('kustomize', 'overlays', 'prod', 'kustomization.yaml'),
        message: 'this is a Kustomize folder, and kubectl (/nonexistent/kubectl) is not there to render it',
        hint: 'install kubectl, or render it yourself: kubectl kustomize DIR | kubethreat scan -',
        skipped: 'the whole folder',
      },
    ]);
  });
});

describe('kubectlError', () => {
  it('unwraps the error of a klog line and of an "error:" line', () => {
    expect(kubectlError('E1128 06:26:19.845798   29045 run.go:72] "command failed" err="accumulating resources: \\"x\\" missing"\n')).toBe(
      'accumulating resources: "x" missing',
    );
    expect(kubectlError('\nerror: unable to find one of kustomization.yaml\n')).toBe('unable to find one of kustomization.yaml');
  });
});
