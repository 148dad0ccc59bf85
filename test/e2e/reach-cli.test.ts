/** `kubethreat reach`, end to end on the built CLI: verdicts with the deciding policies and their lines, JSON, errors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kubethreat } from './run.js';

const SHOP = 'examples/webshop';

/** Two namespaces: dev has no policy; prod isolates ingress and admits only its own namespace on the named port. */
const ESTATE = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: dev }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api:1 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: db, namespace: prod }
spec:
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: postgres:16
          ports: [{ name: pg, containerPort: 5432 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: prod }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api:1 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db, namespace: prod }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
    - from:
        - podSelector: {}
      ports:
        - port: pg
`;

interface ReachJson {
  allowed: boolean;
  ports: string;
  decisions: Array<{ direction: string; kind: string; subject: string; policy?: { name: string; file: string; line: number }; path?: string; location?: { file: string; line: number } }>;
  notes: string[];
}

beforeAll(assertBuilt);

describe('kubethreat reach', () => {
  it('denies dev → prod database and names the isolating policy with its file and line', async () => {
    const run = await kubethreat(['reach', 'Deployment/dev/api', 'Deployment/prod/db', '-'], { stdin: ESTATE });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Deployment dev/api → Deployment prod/db (any port): DENIED');
    expect(run.stdout).toContain('egress of Deployment dev/api: not isolated, no NetworkPolicy selects it for egress');
    expect(run.stdout).toContain('ingress of Deployment prod/db: isolated by NetworkPolicy prod/db (<stdin>:32)');
    expect(run.stdout).toContain('ingress of Deployment prod/db: no rule of the isolating policies admits Deployment dev/api');
  });

  it('allows prod/api → prod/db on the named port, resolved against the destination, and points at the peer', async () => {
    const run = await kubethreat(['reach', 'Deployment/prod/api', 'Deployment/prod/db', '--port', 'pg', '--format', 'json', '-'], { stdin: ESTATE });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as ReachJson;
    expect(json.allowed).toBe(true);
    const allowing = json.decisions.find((decision) => decision.kind === 'rule-allows');
    expect(allowing).toMatchObject({ direction: 'ingress', subject: 'Deployment prod/db', path: 'spec.ingress[0].from[0]', policy: { name: 'db', line: 32 } });
    expect(allowing?.location?.line).toBe(39);
  });

  it('denies a port the rule does not list, saying the rule admits the peer on other ports', async () => {
    const run = await kubethreat(['reach', 'Deployment/prod/api', 'Deployment/prod/db', '--port', '22', '-'], { stdin: ESTATE });
    expect(run.stdout.split('\n')[0]).toBe('Deployment prod/api → Deployment prod/db (TCP 22): DENIED');
    expect(run.stdout).toContain('spec.ingress[0].from[0] of NetworkPolicy prod/db admits the peer, but only on TCP/5432');
  });

  it('answers for namespaces, the internet and the cloud metadata address on the example estate', async () => {
    const metadata = JSON.parse((await kubethreat(['reach', 'Deployment/shop-dev/api', '169.254.169.254', '--format', 'json', SHOP])).stdout) as ReachJson;
    expect(metadata.allowed).toBe(true);
    const prodMetadata = JSON.parse((await kubethreat(['reach', 'Deployment/shop-prod/api', '169.254.169.254', '--format', 'json', SHOP])).stdout) as ReachJson;
    expect(prodMetadata.allowed).toBe(false);
    expect(prodMetadata.decisions.map((decision) => decision.policy?.name)).toContain('default-deny-all');
    const devToProd = await kubethreat(['reach', 'namespace:shop-dev', 'namespace:shop-prod', SHOP]);
    expect(devToProd.stdout.split('\n')[0]).toBe('namespace shop-dev → namespace shop-prod (any port): DENIED');
    const smtp = await kubethreat(['reach', 'CronJob/shop-prod/nightly-report', 'internet', '--port', '587', SHOP]);
    expect(smtp.stdout.split('\n')[0]).toBe('CronJob shop-prod/nightly-report → the internet (TCP 587): ALLOWED');
    expect(smtp.stdout).toMatch(/spec\.egress\[1\]\.to\[0\] of NetworkPolicy shop-prod\/nightly-report allows it on TCP\/587 \(examples\/webshop\/shop-prod\/network-policies\.yaml:\d+\)/);
  });

  it('refuses an unknown workload and a malformed port with exit code 2', async () => {
    const unknown = await kubethreat(['reach', 'Deployment/prod/nope', 'internet', '-'], { stdin: ESTATE });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no workload Deployment/prod/nope in the input');
    const badPort = await kubethreat(['reach', 'internet', 'Deployment/prod/db', '--port', '70000', '-'], { stdin: ESTATE });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('invalid --port "70000"');
  });
});
