/**
 * The user-facing default ClusterRoles (bootstrappolicy/policy.go): cluster-admin, the aggregated admin/edit/view
 * with the system:aggregate-to-* roles that feed them, and the discovery roles every identity holds.
 * admin, edit and view have no rules of their own: the aggregation controller fills them from every ClusterRole
 * labelled aggregate-to-admin/edit/view, and edit and view carry those labels themselves, so admin ⊇ edit ⊇ view.
 */
import {
  APPS,
  AUTHENTICATION,
  AUTHORIZATION,
  AUTOSCALING,
  BATCH,
  COORDINATION,
  CORE,
  DISCOVERY,
  EXTENSIONS,
  NETWORKING,
  POLICY,
  RBAC,
  READ,
  READ_WRITE,
  WRITE,
  rule,
  urls,
  type DefaultClusterRole,
} from './policy-data.js';

export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

export const USER_FACING_ROLES: readonly DefaultClusterRole[] = [
  {
    // A "root" role which can do absolutely anything.
    name: 'cluster-admin',
    rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])],
  },
  {
    name: 'system:discovery',
    rules: [
      urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*']),
    ],
  },
  {
    name: 'system:monitoring',
    rules: [urls(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*'])],
  },
  {
    name: 'system:basic-user',
    rules: [
      rule(['create'], [AUTHORIZATION], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], [AUTHENTICATION], ['selfsubjectreviews']),
    ],
  },
  {
    name: 'system:public-info-viewer',
    rules: [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])],
  },
  {
    name: 'system:service-account-issuer-discovery',
    rules: [
      urls(['get'], ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/']),
    ],
  },
  {
    // A namespace-level admin: edit plus the power to grant permissions to other users.
    name: 'admin',
    aggregateLabels: [{ [AGGREGATE_TO_ADMIN]: 'true' }],
    rules: [],
  },
  {
    // A namespace-level editor; no /status subresources, quotas or limits, which control namespaces.
    name: 'edit',
    labels: { [AGGREGATE_TO_ADMIN]: 'true' },
    aggregateLabels: [{ [AGGREGATE_TO_EDIT]: 'true' }],
    rules: [],
  },
  {
    // Read-only access to non-escalating resources of a namespace: no Secrets.
    name: 'view',
    labels: { [AGGREGATE_TO_EDIT]: 'true' },
    aggregateLabels: [{ [AGGREGATE_TO_VIEW]: 'true' }],
    rules: [],
  },
  {
    name: 'system:aggregate-to-admin',
    labels: { [AGGREGATE_TO_ADMIN]: 'true' },
    rules: [
      rule(['create'], [AUTHORIZATION], ['localsubjectaccessreviews']),
      rule(READ_WRITE, [RBAC], ['roles', 'rolebindings']),
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [AGGREGATE_TO_EDIT]: 'true' },
    rules: [
      // Read on escalating resources.
      rule(READ, [CORE], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
      rule(['impersonate'], [CORE], ['serviceaccounts']),
      rule(WRITE, [CORE], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
      rule(['create'], [CORE], ['pods/eviction']),
      rule(WRITE, [CORE], [
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'serviceaccounts',
        'services',
        'services/proxy',
        'persistentvolumeclaims',
        'configmaps',
        'secrets',
        'events',
      ]),
      rule(['create'], [CORE], ['serviceaccounts/token']),
      rule(WRITE, [APPS], [
        'statefulsets',
        'statefulsets/scale',
        'daemonsets',
        'deployments',
        'deployments/scale',
        'deployments/rollback',
        'replicasets',
        'replicasets/scale',
      ]),
      rule(WRITE, [AUTOSCALING], ['horizontalpodautoscalers']),
      rule(WRITE, [BATCH], ['jobs', 'cronjobs']),
      rule(WRITE, [EXTENSIONS], [
        'daemonsets',
        'deployments',
        'deployments/scale',
        'deployments/rollback',
        'ingresses',
        'replicasets',
        'replicasets/scale',
        'replicationcontrollers/scale',
        'networkpolicies',
      ]),
      rule(WRITE, [POLICY], ['poddisruptionbudgets']),
      rule(WRITE, [NETWORKING], ['networkpolicies', 'ingresses']),
      rule(READ_WRITE, [COORDINATION], ['leases']),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [AGGREGATE_TO_VIEW]: 'true' },
    rules: [
      rule(READ, [CORE], [
        'pods',
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'serviceaccounts',
        'services',
        'services/status',
        'endpoints',
        'persistentvolumeclaims',
        'persistentvolumeclaims/status',
        'configmaps',
      ]),
      rule(READ, [CORE], [
        'limitranges',
        'resourcequotas',
        'bindings',
        'events',
        'pods/status',
        'resourcequotas/status',
        'namespaces/status',
        'replicationcontrollers/status',
        'pods/log',
      ]),
      // Read on namespaces at namespace scope: a subject can read its own Namespace object.
      rule(READ, [CORE], ['namespaces']),
      rule(READ, [DISCOVERY], ['endpointslices']),
      rule(READ, [APPS], [
        'controllerrevisions',
        'statefulsets',
        'statefulsets/status',
        'statefulsets/scale',
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/status',
        'deployments/scale',
        'replicasets',
        'replicasets/status',
        'replicasets/scale',
      ]),
      rule(READ, [AUTOSCALING], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
      rule(READ, [BATCH], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
      rule(READ, [EXTENSIONS], [
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/scale',
        'deployments/status',
        'ingresses',
        'ingresses/status',
        'replicasets',
        'replicasets/scale',
        'replicasets/status',
        'replicationcontrollers/scale',
        'networkpolicies',
      ]),
      rule(READ, [POLICY], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
      rule(READ, [NETWORKING], ['networkpolicies', 'ingresses', 'ingresses/status']),
    ],
  },
];
