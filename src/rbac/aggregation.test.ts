import { describe, expect, it } from 'vitest';
import { buildRbacIndex } from './rbac-index.js';
import { parseSubject } from './subject.js';
import { objectsFromYaml } from './test-objects.js';

function index(yaml: string, includeDefaults = false) {
  return buildRbacIndex(objectsFromYaml(yaml, 'roles.yaml'), { includeDefaults });
}

const monitoringAggregate = (selector: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: monitoring }
aggregationRule:
  clusterRoleSelectors:
  - ${selector}
rules:
- { apiGroups: [""], resources: [secrets], verbs: [get] }   # stale: the controller replaces it
`;

const labelled = (name: string, labels: string, resource: string) => `
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}
  labels: ${labels}
rules: [{ apiGroups: [""], resources: [${resource}], verbs: [get] }]
`;

function resourcesOf(yaml: string, role = 'monitoring'): string[] {
  return (index(yaml).role('ClusterRole', role)?.rules ?? []).flatMap((rule) => rule.resources);
}

describe('aggregated ClusterRoles', () => {
  it('gather the rules of every ClusterRole whose labels match, replacing their own rules', () => {
    const yaml =
      monitoringAggregate('matchLabels: { monitoring: "true" }') +
      labelled('pods-reader', '{ monitoring: "true" }', 'pods') +
      labelled('unrelated', '{ monitoring: "false" }', 'configmaps');
    expect(resourcesOf(yaml)).toEqual(['pods']);
  });

  it('pick up a role added later only by its label, and say where each rule is written', () => {
    const yaml = monitoringAggregate('matchLabels: { monitoring: "true" }') + labelled('extra', '{ monitoring: "true" }', 'endpoints');
    const idx = index(yaml);
    const role = idx.role('ClusterRole', 'monitoring')!;
    expect(role.ruleOrigins[0].role).toMatchObject({ kind: 'ClusterRole', name: 'extra' });
    expect(role.aggregatedFrom?.map((ref) => ref.name)).toEqual(['extra']);
  });

  it('match expressions In, NotIn, Exists and DoesNotExist', () => {
    const roles =
      labelled('a', '{ tier: gold }', 'pods') +
      labelled('b', '{ tier: silver }', 'services') +
      labelled('c', '{ other: x }', 'configmaps');
    const expression = (operator: string, values = '') =>
      monitoringAggregate(`matchExpressions: [{ key: tier, operator: ${operator}${values} }]`) + roles;
    expect(resourcesOf(expression('In', ', values: [gold]'))).toEqual(['pods']);
    // NotIn also selects roles without the key at all.
    expect(resourcesOf(expression('NotIn', ', values: [gold]'))).toEqual(['services', 'configmaps']);
    expect(resourcesOf(expression('Exists'))).toEqual(['pods', 'services']);
    expect(resourcesOf(expression('DoesNotExist'))).toEqual(['configmaps']);
  });

  it('an empty selector selects every other ClusterRole', () => {
    const yaml = monitoringAggregate('{}') + labelled('a', '{ x: y }', 'pods') + labelled('b', '{}', 'services');
    expect(resourcesOf(yaml)).toEqual(['pods', 'services']);
  });

  it('a selector the API server would reject leaves the declared rules in place', () => {
    const yaml = monitoringAggregate('matchExpressions: [{ key: tier, operator: In }]') + labelled('a', '{ tier: gold }', 'pods');
    expect(resourcesOf(yaml)).toEqual(['secrets']);
  });

  it('deduplicates identical rules and follows aggregation chains (admin ← edit ← view)', () => {
    const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: top }
aggregationRule: { clusterRoleSelectors: [{ matchLabels: { to-top: "true" } }] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: middle, labels: { to-top: "true" } }
aggregationRule: { clusterRoleSelectors: [{ matchLabels: { to-middle: "true" } }] }
${labelled('leaf-1', '{ to-middle: "true" }', 'pods')}
${labelled('leaf-2', '{ to-middle: "true", to-top: "true" }', 'pods')}
`;
    expect(resourcesOf(yaml, 'top')).toEqual(['pods']);
    expect(resourcesOf(yaml, 'middle')).toEqual(['pods']);
  });

  it('a role labelled aggregate-to-edit extends the default edit, admin and their bindings', () => {
    const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: crontab-editor
  labels: { rbac.authorization.k8s.io/aggregate-to-edit: "true" }
rules: [{ apiGroups: [stable.example.com], resources: [crontabs], verbs: [create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: admins, namespace: shop }
subjects: [{ kind: User, name: alice }]
roleRef: { kind: ClusterRole, name: admin, apiGroup: rbac.authorization.k8s.io }
`;
    const idx = index(yaml, true);
    const grants = idx.can(parseSubject('user:alice')!, {
      verb: 'create',
      group: 'stable.example.com',
      resource: 'crontabs',
      namespace: 'shop',
    });
    expect(grants).toHaveLength(1);
    expect(grants[0].via.role.name).toBe('admin');
    expect(grants[0].via.ruleOrigin.role).toMatchObject({ name: 'crontab-editor', isDefault: false });
  });
});
