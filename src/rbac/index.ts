/** Effective permissions of every subject, and who-can / can queries. */
export { buildRbacIndex, type RbacIndex, type RbacIndexOptions, type WhoCanEntry } from './rbac-index.js';
/** The index of an estate, built once per analysis and cluster and shared by rules and commands. */
export { rbacOfEstate, rbacOfObject, type ClusterRbac } from './estate-rbac.js';
export { riskOf } from './risk.js';
export {
  parseSubject,
  formatSubject,
  impliedGroups,
  compareSubjects,
  serviceAccount,
  user,
  group,
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ALL_SERVICE_ACCOUNTS,
  ANONYMOUS_USER,
  SYSTEM_MASTERS,
} from './subject.js';
export { normalizeRequest, grantAllows } from './request.js';
export { defaultGroupOf, isClusterScoped } from './resources.js';
export { defaultPolicyObjects, isDefaultPolicyFile, BOOTSTRAPPING_LABEL } from './defaults/index.js';
export { SYSTEM_MASTERS_BYPASS_REF } from './grants.js';
export * from './types.js';
