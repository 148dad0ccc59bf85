import { expect, it } from 'vitest';
import { buildEstate } from './estate.js';
import { parseManifestText } from '../load/parse-text.js';

const objects = parseManifestText(
  `apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: app
spec:
  template:
    spec:
      hostPID: true
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.2
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: not-a-workload
spec:
  template:
    spec:
      colour: blue
`,
  'kinds.yaml',
).objects;

it('takes DeploymentConfig and Rollout for workloads by their kind, other custom kinds only with containers', () => {
  const workloads = buildEstate(objects).workloads.map((workload) => `${workload.kind}/${workload.name}:${workload.templatePath.join('.')}`);
  expect(workloads).toEqual(['DeploymentConfig/app:spec.template', 'Rollout/web:spec.template']);
});
