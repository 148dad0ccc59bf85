import type { Boundary, Severity, Stride } from '../taxonomy/index.js';
import type { FieldPath, Location, ObjectRef } from '../model/object.js';
import type { Acceptance } from '../config/types.js';
import type { FindingFix } from '../fix/types.js';

/** A threat found in the input: structured evidence, never markup. */
export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  boundary: Boundary;
  stride: Stride[];
  object: ObjectRef;
  container?: string;
  /** The field path as people write it: spec.template.spec.containers[0].securityContext.privileged */
  path: string;
  fieldPath: FieldPath;
  location: Location;
  related: ObjectRef[];
  messageId: string;
  data: Record<string, string | number>;
  message: string;
  remediation: string;
  fingerprint: string;
  /** The object is one of the cluster's own components (see src/model/platform.ts). */
  platform: boolean;
  /** The threat is about an attacker keeping access (see the rule's metadata). */
  persistence: boolean;
  /** An acceptance that covered this finding and has expired (src/config/match.ts): the finding counts again. */
  expiredAcceptance?: Acceptance;
  /** Edits that remove the threat, from rules that declare `fix` (see src/fix); `kubethreat fix` applies them. */
  fix?: FindingFix;
}

/** A finding the team accepted (.kubethreat.yaml or a kubethreat.io/accept annotation), with the acceptance that covers it. */
export interface AcceptedFinding extends Finding {
  acceptance: Acceptance;
}
