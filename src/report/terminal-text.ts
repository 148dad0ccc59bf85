/** Text safety and styling for terminal output. Nothing from the input reaches the terminal unescaped. */

/** Escapes C0 and C1 control characters (ESC included) and DEL, so input cannot move the cursor or change colours. */
export function safe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\n/g, '\\n').replace(/\t/g, ' ');
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const COLOR: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  cyan: wrap(36, 39),
  magenta: wrap(35, 39),
};

const identity = (text: string): string => text;
export const PLAIN: Style = { bold: identity, dim: identity, red: identity, yellow: identity, green: identity, cyan: identity, magenta: identity };
