/**
 * GET requests to one API server, with the context's credentials and TLS settings applied by the official client,
 * a timeout per request, and retries with exponential backoff for what is worth retrying (429, 5xx, dropped
 * connections). Only GET exists here: kubethreat never changes a cluster.
 */
import http from 'node:http';
import https from 'node:https';
import type { ClusterTarget } from './kubeconfig.js';

export interface RequestPolicy {
  /** Whole-request timeout, body included. */
  timeoutMs: number;
  /** Attempts in all for a request that keeps failing in a retriable way. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured; a server asking for more is waited on this long. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  timeoutMs: 60_000,
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The server answered with an error status (after the retries, when it was retriable). */
export class ApiStatusError extends Error {
  constructor(
    readonly status: number,
    /** "403 Forbidden" */
    readonly statusText: string,
    /** The Status message the server sent, if any. */
    readonly detail: string | undefined,
    readonly attempts: number,
  ) {
    super(`${statusText}${detail ? `: ${detail}` : ''}`);
  }
}

/** No answer: refused, reset, timed out, or TLS verification failed. */
export class ApiConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/**
 * The credentials of the context could not be had: its exec plugin (a cloud login) is missing or failed, its token
 * file cannot be read. Not a connection failure, though no request was sent; never retried.
 */
export class ApiCredentialsError extends ApiConnectionError {
  constructor(message: string) {
    super(message, 'KUBETHREAT_CREDENTIALS', 1);
  }
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const RETRIABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'KUBETHREAT_TIMEOUT']);

export class ApiClient {
  private agent: http.Agent | undefined;

  constructor(
    private readonly target: ClusterTarget,
    private readonly policy: RequestPolicy,
    private readonly userAgent: string,
  ) {}

  /** GETs `pathAndQuery` and parses the JSON body; throws ApiStatusError or ApiConnectionError. */
  async getJson(pathAndQuery: string, accept = 'application/json'): Promise<unknown> {
    const response = await this.getWithRetries(pathAndQuery, accept);
    try {
      return JSON.parse(response.body.toString('utf8')) as unknown;
    } catch {
      throw new ApiStatusError(response.status, `${response.status} ${http.STATUS_CODES[response.status] ?? ''}`.trim(), 'the response is not JSON', 1);
    }
  }

  private async getWithRetries(pathAndQuery: string, accept: string): Promise<RawResponse> {
    const { attempts } = this.policy;
    for (let attempt = 1; ; attempt++) {
      let response: RawResponse;
      try {
        response = await this.getOnce(pathAndQuery, accept);
      } catch (error) {
        if (error instanceof ApiCredentialsError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== undefined && RETRIABLE_CODES.has(code) && attempt < attempts) {
          await this.policy.sleep(this.backoff(attempt));
          continue;
        }
        throw new ApiConnectionError(describeConnectionError(error, this.target.server), code, attempt);
      }
      if (response.status >= 200 && response.status < 300) return response;
      if ((response.status === 429 || response.status >= 500) && attempt < attempts) {
        await this.policy.sleep(this.retryAfter(response.headers['retry-after']) ?? this.backoff(attempt));
        continue;
      }
      throw new ApiStatusError(response.status, `${response.status} ${http.STATUS_CODES[response.status] ?? ''}`.trim(), statusMessage(response.body), attempt);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
  }

  /** Retry-After in seconds or as an HTTP date, capped; undefined when absent or unreadable. */
  private retryAfter(header: string | undefined): number | undefined {
    if (!header) return undefined;
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    if (!Number.isFinite(ms)) return undefined;
    return Math.min(Math.max(0, ms), this.policy.maxRetryAfterMs);
  }

  private async getOnce(pathAndQuery: string, accept: string): Promise<RawResponse> {
    // Credentials are applied per request: exec plugins and token files hand out tokens that expire.
    const options: https.RequestOptions = { method: 'GET', headers: {} };
    try {
      await this.target.config.applyToHTTPSOptions(options);
    } catch (error) {
      throw new ApiCredentialsError(credentialsFailure(error, this.target));
    }
    const url = new URL(this.target.server + pathAndQuery);
    const agent = this.agentFor(url, options);
    const credentials = Array.isArray(options.headers) ? {} : (options.headers as http.OutgoingHttpHeaders);
    const headers: http.OutgoingHttpHeaders = { ...credentials, Accept: accept, 'User-Agent': this.userAgent };
    if (options.auth) headers.Authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
    const send = url.protocol === 'http:' ? http.request : https.request;
    return new Promise<RawResponse>((resolve, reject) => {
      const request = send(url, { method: 'GET', agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      });
      const timer = setTimeout(() => {
        const error: NodeJS.ErrnoException = new Error(`no complete answer within ${this.policy.timeoutMs} ms`);
        error.code = 'KUBETHREAT_TIMEOUT';
        request.destroy(error);
      }, this.policy.timeoutMs);
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end();
    });
  }

  /**
   * One agent per cluster, kept alive across pages (a TLS handshake per page adds up on big clusters), built from
   * the TLS material the client resolved. Proxied clusters use the client's own proxy agent.
   */
  private agentFor(url: URL, options: https.RequestOptions): http.Agent | undefined {
    if (this.target.config.getCurrentCluster()?.proxyUrl) return options.agent instanceof http.Agent ? options.agent : undefined;
    if (!this.agent) {
      this.agent =
        url.protocol === 'http:'
          ? new http.Agent({ keepAlive: true })
          : new https.Agent({
              keepAlive: true,
              ca: options.ca,
              cert: options.cert,
              key: options.key,
              pfx: options.pfx,
              passphrase: options.passphrase,
              servername: options.servername,
              ...(options.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
            });
    }
    return this.agent;
  }

  close(): void {
    this.agent?.destroy();
  }
}

function statusMessage(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { message?: unknown };
    return typeof parsed.message === 'string' && parsed.message !== '' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

/** What went wrong getting the credentials, naming the exec plugin when the user runs one. */
function credentialsFailure(error: unknown, target: ClusterTarget): string {
  // A plugin's own words (its standard error) end with a line break.
  const message = (error instanceof Error ? error.message : String(error)).trim();
  const command = target.config.getCurrentUser()?.exec?.command;
  return command !== undefined ? `its credential plugin "${command}" failed: ${message}` : message;
}

function describeConnectionError(error: unknown, server: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return `nothing answers at ${server} (connection refused)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host of ${server} cannot be resolved`;
  if (code === 'KUBETHREAT_TIMEOUT') return message;
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return `the server certificate of ${server} is not trusted (${code}): check the cluster's certificate-authority in the kubeconfig`;
  return `${message}${code ? ` (${code})` : ''}`;
}
