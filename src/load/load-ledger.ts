/**
 * What the loader notes of each object as it keeps it, for the decisions taken once every file is read: which partial
 * Pods to read again (partial-pods.ts) and which pod templates no analysis reads (managed-templates.ts). Noted while
 * the object is at hand: walking the 400,000 objects of a 150,000-pod dump again for them was three passes, each a
 * cache miss per object.
 */
import type { K8sObject } from '../model/object.js';
import { ManagedTemplates } from './managed-templates.js';
import { runsPods } from './partial-pods.js';
import { AdmittedSamples } from './admitted-samples.js';

export class LoadLedger {
  /** The partial Pods (K8sObject.partial), in input order. */
  partials: K8sObject[] = [];
  /** The uids of the other objects that can stand for the Pods they own. */
  podOwnerUids = new Set<string>();
  readonly templates = new ManagedTemplates();
  /** What one Pod of each owner keeps of the containers admission added (admitted-samples.ts). */
  readonly admitted = new AdmittedSamples();

  /** Notes an object the loader keeps, in input order (`detached`: see ManagedTemplates.detach). */
  note(object: K8sObject, detached?: Record<string, unknown>): void {
    if (object.partial) this.partials.push(object);
    else if (object.metadata.uid && runsPods(object)) this.podOwnerUids.add(object.metadata.uid);
    this.templates.note(object, detached);
    this.admitted.noteTemplate(object, detached !== undefined);
  }

  /**
   * Once every file is read: the partial Pods read before their owner kept their whole spec (admitted-samples.ts);
   * each now keeps only what admission added to it, or nothing.
   */
  settleAdmitted(): void {
    for (const object of this.partials) this.admitted.settle(object);
  }

  /**
   * Takes the notes of a file once it is read in full, as if noted here after ours (a file that turns out not to be a
   * JSON List is read again as text: its notes are dropped with it). The first file's notes are taken as they are.
   */
  absorb(file: LoadLedger): void {
    if (this.partials.length === 0) this.partials = file.partials;
    else for (const object of file.partials) this.partials.push(object);
    if (this.podOwnerUids.size === 0) this.podOwnerUids = file.podOwnerUids;
    else for (const uid of file.podOwnerUids) this.podOwnerUids.add(uid);
    this.templates.absorb(file.templates);
    this.admitted.absorb(file.admitted);
  }
}
