/**
 * Proof on BishopFox's badPods (../shared/corpora/badPods): every bad pod, as each of its eight controller kinds,
 * yields the node-escape path its README describes, and the nothing-allowed pod yields none.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphOfText } from '../testing.js';
import { findPaths, compactSteps } from '../paths.js';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpora/badPods/manifests');

/** Per bad pod, the techniques its README names for reaching the node (each workload must have every one). */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  // "mounts the host's filesystem ... chroot": hostPath /; also privileged + hostPID (nsenter) and privileged alone.
  'everything-allowed': ['ESC-HOST-WRITE', 'ESC-NSENTER', 'ESC-PRIV-MOUNT'],
  // "you can use nsenter to get a root shell on the node"
  'priv-and-hostpid': ['ESC-NSENTER', 'ESC-PRIV-MOUNT'],
  // "mount the host's filesystem ... exploit cgroup user mode helper programs"
  priv: ['ESC-PRIV-MOUNT'],
  // "mount / on the host into your pod, giving you read/write access on the host's filesystem"
  hostpath: ['ESC-HOST-WRITE'],
  // "view the environment variables ... file descriptors for each pod on the host"
  hostpid: ['NODE-HOSTPID-READ'],
  // "sniff traffic ... access services bound to localhost ... bypass network policy"
  hostnetwork: ['NODE-HOSTNET'],
  // "inspect /dev/shm ... host's inter-process communication mechanisms"
  hostipc: ['NODE-HOSTIPC'],
  'nothing-allowed': [],
};

function manifestsOf(badPod: string): { text: string; files: number } {
  const folder = path.join(CORPUS, badPod);
  const files = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readdirSync(path.join(folder, entry.name)).map((file) => path.join(folder, entry.name, file)))
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  return { text: files.map((file) => readFileSync(file, 'utf8')).join('\n---\n'), files: files.length };
}

describe.each(Object.entries(EXPECTED))('bad pod %s', (badPod, techniques) => {
  const { text, files } = manifestsOf(badPod);
  const { graph } = graphOfText(text);
  const workloads = graph.nodes.filter((node) => node.kind === 'workload');
  const nodes = graph.nodes.filter((node) => node.kind === 'node').map((node) => node.index);

  it('is read as sixteen workloads (exec and reverse-shell, eight controller kinds)', () => {
    expect(files).toBe(16);
    expect(workloads).toHaveLength(16);
  });

  it.each(workloads.map((node) => [node.label, node.index] as const))(
    techniques.length > 0 ? '%s reaches its node the way the README says' : '%s reaches no node',
    (_label, workload) => {
      const paths = findPaths(graph, { from: [workload], to: nodes, max: 5 });
      if (techniques.length === 0) {
        expect(paths).toEqual([]);
        expect(graph.outgoing(workload).filter((edge) => graph.nodes[edge.to].kind === 'node')).toEqual([]);
        return;
      }
      // The escape is one step from the workload to the node it runs on, by every technique the README names (a
      // manifest may enable more: hostPath / also exposes the runtime sockets, and one upstream DaemonSet of the
      // hostIPC pod sets hostPID and hostNetwork too, as the corpus labels say).
      const [best] = paths;
      expect(compactSteps(graph, best.edges)).toHaveLength(1);
      const escapes = graph.outgoing(workload).filter((edge) => graph.nodes[edge.to].kind === 'node').map((edge) => edge.technique);
      expect(escapes).toEqual(expect.arrayContaining([...techniques]));
    },
  );
});
