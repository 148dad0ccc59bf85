import { severityRank, type Severity } from '../../taxonomy/index.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';
import { canActAsNodeRoot, containsPath, forNonRoot, hostPathMounts, hostPathVolumes, shownHostPath } from '../host-path-mounts.js';
import { sensitivePlacesIn, type SensitiveMatch } from './sensitive-locations.js';

/** How many of the places a broad mount contains the message names before it says "and N more". */
const NAMED_PLACES = 3;

function worst(severities: ReadonlyArray<Severity | undefined>): Severity | undefined {
  let result: Severity | undefined;
  for (const severity of severities) if (severity && (!result || severityRank(severity) > severityRank(result))) result = severity;
  return result;
}

/** What the mount exposes: the place itself, the place it is part of, or the worst few places it contains. */
function describe(places: readonly SensitiveMatch[]): string {
  const own = places.find((place) => place.relation === 'is');
  if (own) return own.holds;
  const inside = places.find((place) => place.relation === 'inside');
  if (inside) return `part of ${inside.location}: ${inside.holds}`;
  // Stable sort: equally severe places keep the order of the table, which lists the more telling ones first.
  const outermost = places.filter((place) => !places.some((other) => other !== place && containsPath(other.location, place.location)));
  const ranked = outermost.sort((a, b) => rankOf(b) - rankOf(a));
  const named = ranked.slice(0, NAMED_PLACES).map((place) => `${place.location} (${place.holds})`);
  const more = ranked.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

const rankOf = (place: SensitiveMatch): number => severityRank(place.writable) * 10 + (place.readOnly ? severityRank(place.readOnly) : 0);

export default defineRule({
  id: 'host-path-sensitive',
  title: 'Pod mounts a sensitive directory of the node',
  boundary: 'node',
  stride: ['elevation-of-privilege', 'information-disclosure', 'tampering'],
  severity: 'high',
  references: {
    attack: ['T1611', 'T1552.001'],
    microsoft: ['Writable hostPath mount', 'Mount service principal'],
    pss: 'baseline/hostPathVolumes',
    peers: ['kube-linter:sensitive-host-mounts', 'trivy:KSV-0121', 'kubeaudit:mounts', 'kubesec:ProcMount', 'kubescape:C-0020'],
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  rationale:
    "Some node directories are the node: /etc, /root and /var/lib/kubelet hold credentials (every pod's service-account token sits under /var/lib/kubelet/pods), /proc and /sys run programs as root when written, /var/log lets the kubelet be tricked into reading any file, /run holds sockets that start services. Mounting one of them, or a parent such as / or /var, hands that to anyone who gets into the container. Writable mounts are the worst; read-only ones still leak credentials. The severity is one step lower when the container can neither run as root nor escalate to it: most of these places are readable and writable by root only.",
  remediation:
    'Remove the hostPath volume, or narrow it to the one harmless file the workload needs and set readOnly: true (with recursiveReadOnly: Enabled) on every volumeMount. Agents that must read node state belong in a namespace of their own, with the Pod Security level privileged confined to it.',
  messages: {
    mounted: 'Container {{container}} of {{workload}} mounts host path {{hostPath}} {{access}} at {{mountPath}}, which exposes {{exposes}}.',
    declared:
      'Volume {{volume}} of {{workload}} is host path {{hostPath}}, which exposes {{exposes}}. No container mounts it, but any container added to the pod (an ephemeral debug container included) can.',
  },
  check({ estate, options, report }) {
    for (const workload of analysedWorkloads(estate)) {
      for (const volume of hostPathVolumes(workload)) {
        const mounts = hostPathMounts(workload, volume);
        for (const mount of mounts) {
          // subPathExpr is expanded at runtime: judge the volume's own path, the widest the mount can be.
          const hostPath = mount.subPathExpr ? volume.path : mount.hostPath;
          const places = sensitivePlacesIn(hostPath);
          // readOnly without recursiveReadOnly leaves submounts writable; host-path-writable reports that.
          const worstCase = worst(places.map((place) => (mount.readOnly ? place.readOnly : place.writable)));
          if (!worstCase) continue;
          const severity = canActAsNodeRoot(workload, mount.container, options.kubernetesVersion) ? worstCase : forNonRoot(worstCase);
          report({
            messageId: 'mounted',
            data: {
              container: mount.container.name,
              workload: workloadLabel(workload),
              hostPath: shownHostPath(mount),
              access: mount.readOnly ? 'read-only' : 'read-write',
              mountPath: mount.mountPath,
              exposes: describe(places),
            },
            object: workload.object,
            container: mount.container,
            path: mount.path,
            severity,
          });
        }
        const places = sensitivePlacesIn(volume.path);
        if (mounts.length > 0 || places.length === 0) continue;
        // Declared but mounted by no container: the pod spec already grants the path, one step is left.
        report({
          messageId: 'declared',
          data: { volume: volume.volume.name, workload: workloadLabel(workload), hostPath: volume.written, exposes: describe(places) },
          object: workload.object,
          path: volume.pathField,
          severity: 'medium',
        });
      }
    }
  },
});
