/** Kubernetes resource quantities (`250m`, `1.5`, `512Mi`, `1G`, `2e3`), read and written for CPU and memory. */

const SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The quantity in base units (cores, bytes); undefined when the API server would reject it. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, number, exponent, suffix] = match;
  const parsed = Number(number) * (exponent ? 10 ** Number(exponent.slice(1)) : SUFFIXES[suffix ?? '']);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/** CPU cores → `250m` or `2`, rounded up to a multiple of `stepMillicores`. */
export function formatCpu(cores: number, stepMillicores = 1): string {
  const millicores = Math.max(stepMillicores, Math.ceil(Math.round(cores * 1e6) / 1e3 / stepMillicores) * stepMillicores);
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** Bytes → `192Mi` or `2Gi`, rounded up to a multiple of `stepMebibytes`. */
export function formatMemory(bytes: number, stepMebibytes = 1): string {
  const mebibytes = Math.max(stepMebibytes, Math.ceil(bytes / 2 ** 20 / stepMebibytes) * stepMebibytes);
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}
