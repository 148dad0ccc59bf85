/** The known errors: each carries a message a person can act on and ends the run with exit code 2. */
export class KubethreatError extends Error {
  readonly exitCode = 2;
}

/** Bad flags or arguments. */
export class UsageError extends KubethreatError {}

/** Input that cannot be analysed at all (nothing readable). */
export class InputError extends KubethreatError {}

export const EXIT = { ok: 0, findings: 1, error: 2, bug: 3 } as const;
