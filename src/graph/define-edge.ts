/**
 * The contract of an edge module: the technique's metadata as data, the rules whose findings it reads, and a build
 * function that only adds edges with their evidence. One technique per module, named after its catalogue id
 * (ESC-NSENTER lives in edges/esc-nsenter.ts).
 */
import type { BuildContext } from './context.js';
import type { TechniqueMeta } from './types.js';

export interface EdgeModule extends TechniqueMeta {
  /** Rules whose findings the module reads; the analysis runs them even when the user selected other rules. */
  rules?: readonly string[];
  build(context: BuildContext): void;
}

const ID_PATTERN = /^[A-Z]+(-[A-Z0-9]+)+$/;

export function defineEdge(module: EdgeModule): EdgeModule {
  if (!ID_PATTERN.test(module.id)) throw new Error(`technique id "${module.id}" is not like ESC-NSENTER`);
  if (module.description.length < 20) throw new Error(`technique ${module.id} needs a description`);
  return module;
}

/** The module file name of a technique id: ESC-NSENTER → esc-nsenter. */
export function moduleName(id: string): string {
  return id.toLowerCase();
}
