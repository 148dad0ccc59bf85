import type { Location } from '../../model/object.js';

/** file:line; just the file for estate-wide facts (line 0) and for what no file holds (<kubernetes default policy>). */
export function formatLocation(location: Location): string {
  return location.line > 0 && !location.file.startsWith('<') ? `${location.file}:${location.line}` : location.file;
}
