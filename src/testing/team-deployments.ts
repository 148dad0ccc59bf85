/**
 * A Deployment `web` in each of `count` namespaces (team-00, team-01…), every `privilegedEvery`th of them (from
 * team-00) privileged: many namespaces, for the reports that count a control's scopes rather than list them.
 */
export function teamDeployments(count: number, privilegedEvery: number): string {
  return Array.from({ length: count }, (_, index) => {
    const privileged = index % privilegedEvery === 0 ? '\n          securityContext: { privileged: true }' : '';
    return `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: team-${String(index).padStart(2, '0')} }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27.2${privileged}
`;
  }).join('---\n');
}
