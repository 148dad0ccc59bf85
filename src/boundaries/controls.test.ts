import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import { analyze } from '../engine/analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import type { InputProblem } from '../load/problems.js';

const namespaces = (suffix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: shop-${String(index).padStart(2, '0')}-${suffix} }\n`);

describe('the controls of the cluster boundary', () => {
  it('name a few namespaces of each environment sharing the cluster, and count the rest', () => {
    const model = analyzeText([...namespaces('prod', 12), ...namespaces('dev', 3)].join('---\n'));
    const stage = model.controls.flatMap((entry) => entry.controls).find((control) => control.control === 'cluster-per-stage');
    expect(stage?.status).toBe('missing');
    expect(stage?.evidence).toBe('development (shop-00-dev, shop-01-dev, shop-02-dev); production (shop-00-prod, shop-01-prod, shop-02-prod, shop-03-prod, shop-04-prod and 7 more) share one cluster');
  });
});

describe('controls the input cannot show whole', () => {
  const objects = [...namespaces('prod', 2), 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: falco, namespace: falco }\nspec:\n  selector: { matchLabels: { app: falco } }\n  template:\n    metadata: { labels: { app: falco } }\n    spec:\n      containers: [{ name: falco, image: falcosecurity/falco:0.39.2 }]\n'].join('---\n');
  const controlsOf = (text: string, problems: InputProblem[]) => {
    const parsed = parseManifestText(text, 'test.yaml');
    const model = analyze({ objects: parsed.objects, problems, now: new Date(0), toolVersion: 'test' });
    return new Map(model.controls.flatMap((entry) => entry.controls).filter((control) => control.scope === 'cluster').map((control) => [control.control, control]));
  };
  const partly: InputProblem = { severity: 'notice', file: '<cluster prod>', message: 'only some namespaces were read', partlyListed: ['daemonsets.apps', 'deployments.apps', 'statefulsets.apps', 'namespaces'] };

  it('are not known to be missing when their resources were read in some namespaces only, or not at all', () => {
    const controls = controlsOf(objects, [partly]);
    expect(controls.get('node-log-shipping')).toMatchObject({ status: 'not-applicable', evidence: 'no log shipper DaemonSet found, but daemonsets.apps were read in some namespaces only: not known' });
    expect(controls.get('metrics-monitoring')?.status).toBe('not-applicable');
    expect(controls.get('cluster-per-stage')).toMatchObject({ status: 'not-applicable', evidence: 'not known: namespaces were read in some namespaces only' });
    const refused = controlsOf(objects, [{ severity: 'warning', file: '<cluster prod>', message: 'cannot list daemonsets', unlisted: 'daemonsets.apps' }]);
    expect(refused.get('node-log-shipping')).toMatchObject({ status: 'not-applicable', evidence: 'no log shipper DaemonSet found, but daemonsets.apps could not be listed: not known' });
  });

  it('are present when found, whatever was left unread', () => {
    const controls = controlsOf(objects, [partly]);
    expect(controls.get('runtime-detection')?.status).toBe('present');
    expect(controlsOf(objects, []).get('node-log-shipping')?.status).toBe('missing');
    expect(controlsOf(objects, []).get('cluster-per-stage')?.status).toBe('present');
  });
});
