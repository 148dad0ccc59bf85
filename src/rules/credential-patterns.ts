/**
 * Recognising credentials in plain configuration (env values, ConfigMap data): by the name they are stored under and
 * by the shape of the value. The functions answer *why* something looks like a credential; no caller may ever put
 * the value itself in a message, a finding or a log.
 */

/** Words that make a name a credential's name wherever they appear (DB_PASSWORD, SECRET_BLAH, githubToken). */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials',
  'creds', 'apikey', 'apitoken', 'accesskey', 'secretkey', 'privatekey', 'jwt', 'bearer',
]);

/** Words that only name a credential as the last word (REDIS_AUTH, DB_PASS), not in AUTH_SERVICE or PASS_THROUGH. */
const CREDENTIAL_LAST_WORDS = new Set(['auth', 'pass']);

/** A last word that says the variable holds something *about* a credential, not the credential (TOKEN_TTL, SECRET_NAME). */
const DESCRIPTIVE_LAST_WORDS = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'location', 'mount', 'name', 'names', 'ref', 'url', 'uri',
  'urls', 'endpoint', 'host', 'hostname', 'port', 'length', 'len', 'min', 'max', 'ttl', 'expiry', 'expires',
  'expiration', 'lifetime', 'timeout', 'interval', 'seconds', 'minutes', 'hours', 'days', 'enabled', 'enable',
  'disabled', 'disable', 'required', 'type', 'kind', 'mode', 'size', 'count', 'algorithm', 'alg', 'issuer',
  'audience', 'aud', 'scope', 'scopes', 'version', 'format', 'provider', 'method', 'strategy', 'realm', 'backend',
  'namespace', 'header', 'field', 'prefix', 'suffix', 'policy', 'rotation', 'refresh', 'store', 'manager', 'region',
  'zone', 'project', 'regex', 'pattern', 'complexity', 'source', 'env', 'configmap', 'volume',
]);

/** What comes before KEY when the key is not a secret (PUBLIC_KEY, CACHE_KEY, PARTITION_KEY). */
const NON_SECRET_KEY_KINDS = new Set([
  'public', 'pub', 'cache', 'sort', 'partition', 'primary', 'foreign', 'routing', 'shard', 'object', 's3', 'bucket',
  'label', 'annotation', 'group', 'dedup', 'dedupe', 'idempotency', 'lookup', 'index', 'map', 'config', 'feature',
  'metric', 'metrics', 'message', 'translation', 'i18n', 'locale', 'cursor', 'hash', 'host', 'node', 'topic',
]);

/** The words of a name: DB_PASSWORD, db.password, dbPassword and APIKey all split the same way. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The name a credential would be stored under (env var, ConfigMap key, a key in a config file). */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || DESCRIPTIVE_LAST_WORDS.has(last)) return false;
  if (CREDENTIAL_LAST_WORDS.has(last)) return true;
  if (words.some((word) => CREDENTIAL_WORDS.has(word))) return true;
  // X_KEY, and ACCESS_KEY_ID, the half of a cloud key pair that is always stored beside its secret.
  const accessKeyId = last === 'id' && words.at(-2) === 'key' && words.at(-3) === 'access';
  const keyAt = last === 'key' || last === 'keys' ? words.length - 1 : accessKeyId ? words.length - 2 : -1;
  if (keyAt < 1) return false;
  return !NON_SECRET_KEY_KINDS.has(words[keyAt - 1]);
}

const KUBERNETES_REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_.-]*\)/;
const PLACEHOLDER = /^(?:\$\{[^}]*\}|\{\{.*\}\}|<[^<>]*>|([xX*•.#-])\1*|todo|tbd|redacted|replace[_-]?me|none|null|nil|undefined)$/i;
const BOOLEAN = /^(?:true|false|yes|no|on|off|enabled|disabled)$/i;
const ABSOLUTE_PATH = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/;
/** Lower-case words joined by slashes (secrets/db/password) read as a path; base64 (mixed case, + and =) does not. */
const RELATIVE_PATH = /^[a-z0-9._-]+(?:\/[a-z0-9._-]+)+\/?$/;
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i;

/**
 * A value stored under a credential's name that could be the credential itself: not empty, not built from other
 * variables ($(VAR), which Kubernetes expands), not a template placeholder left for a later tool, not a file path,
 * a URL without credentials or a boolean (those describe where or whether, not what).
 */
export function isLiteralCredentialValue(value: string): boolean {
  const text = value.trim();
  if (text === '' || KUBERNETES_REFERENCE.test(text)) return false;
  return !(PLACEHOLDER.test(text) || BOOLEAN.test(text) || ABSOLUTE_PATH.test(text) || RELATIVE_PATH.test(text) || URL_WITHOUT_CREDENTIALS.test(text));
}

interface ValueShape {
  description: string;
  pattern: RegExp;
}

/** Shapes that are credentials whatever they are called. Each needs enough structure not to match prose. */
const CREDENTIAL_SHAPES: readonly ValueShape[] = [
  { description: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { description: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { description: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/ },
  {
    description: 'an HTTP Authorization credential',
    pattern: /\b(?:bearer|basic)\s+(?=[A-Za-z0-9._~+/-]*\d)(?=[A-Za-z0-9._~+/-]*[A-Za-z])[A-Za-z0-9._~+/-]{8,}/i,
  },
  { description: 'a URL with an embedded password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:(?!\$\(|\$\{|\{\{|<|\*+@)[^\s/@]+@/i },
  { description: 'a password assignment', pattern: /(?:^|[\s;,&?._-])(?:password|passwd|pwd)\s*=\s*(?!\$\(|\$\{|\{\{|<|["']{2}|["']?\s*[;&]|["']?\s*$)\S/im },
  { description: 'an Azure account key', pattern: /\b(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}/ },
  { description: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { description: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { description: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { description: 'a Stripe live key', pattern: /\b[rs]k_live_[0-9a-zA-Z]{16,}/ },
];

/** Why a value looks like a credential by its shape alone, or undefined. */
export function credentialShapeOf(value: string): string | undefined {
  return CREDENTIAL_SHAPES.find((shape) => shape.pattern.test(value))?.description;
}

export interface CredentialLine {
  /** 1-based line inside the value. */
  line: number;
  key: string;
}

const ASSIGNMENT_LINE = /^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

/**
 * Lines of a config file (properties, .env, YAML, JSON, INI) that assign a literal to a credential's name:
 * `db.password=…`, `apiKey: …`, `"token": "…"`. Returns the keys and lines, never the values.
 */
export function credentialAssignments(content: string): CredentialLine[] {
  const found: CredentialLine[] = [];
  content.split(/\r?\n/).forEach((text, index) => {
    if (/^\s*[#;!]/.test(text) || text.trim().startsWith('//')) return;
    const match = ASSIGNMENT_LINE.exec(text);
    if (!match) return;
    const [, key, rawValue] = match;
    const value = rawValue.replace(/^(["'])(.*)\1$/, '$2');
    if (isCredentialName(key) && isLiteralCredentialValue(value) && !/^[[{|>]\s*$/.test(value)) found.push({ line: index + 1, key });
  });
  return found;
}
