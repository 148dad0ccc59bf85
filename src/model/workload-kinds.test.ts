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

it('takes a kind named like a property of every object (toString, constructor) for an unknown kind, not a workload', () => {
  const odd = parseManifestText('apiVersion: v1\nkind: toString\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: constructor\nmetadata:\n  name: b\n', 'odd.yaml').objects;
  const estate = buildEstate(odd);
  expect(estate.workloads).toEqual([]);
  expect(estate.problems.map((problem) => problem.message)).toEqual([
    'kind toString (v1) is not a kind kubethreat analyses; its objects are kept in the model but no rule reads them',
    'kind constructor (v1) is not a kind kubethreat analyses; its objects are kept in the model but no rule reads them',
  ]);
});

it('finds the owner of a workload by name when its owner reference has no uid, and by uid when it has one', () => {
  const text = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\n  uid: d-1\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]',
    'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: api-1\n  namespace: shop\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true}]\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]',
    'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: api-2\n  namespace: shop\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: renamed, uid: d-1, controller: true}]\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]',
    'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: api-3\n  namespace: other\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true}]\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]',
  ].join('\n---\n');
  const estate = buildEstate(parseManifestText(text, 'owners.yaml').objects);
  expect(estate.workloads.map((workload) => `${workload.name}<-${workload.managedBy?.name ?? '-'}`)).toEqual(['api<--', 'api-1<-api', 'api-2<-api', 'api-3<--']);
});
