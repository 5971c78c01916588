// Prometheus durations, checked where they are typed: the type takes whole numbers of a unit only (`5m`,
// `1h30m`; `1.5h` is a type error), and `seconds()` throws a DurationError naming the value rather than
// ever returning NaN, so a bad duration fails the build instead of rendering `> NaN`.

type Unit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y';
/** A Prometheus duration such as `5m` or `1h30m`. `${bigint}` admits whole numbers only. */
export type Duration = `${bigint}${Unit}` | `${bigint}${Unit}${bigint}${Unit}` | `${bigint}${Unit}${bigint}${Unit}${bigint}${Unit}`;

export class DurationError extends Error {
  constructor(
    readonly value: string,
    readonly where?: string,
  ) {
    super(`${where ? `${where}: ` : ''}${JSON.stringify(value)} is not a Prometheus duration (write whole numbers of units, largest first: 90s, 5m, 1h30m, 1d)`);
    this.name = 'DurationError';
  }
}

// Prometheus's own grammar (model.ParseDuration): units in this order, each at most once.
const durationRe = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const unitSeconds = [365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001];

/** Seconds in a Prometheus duration, or undefined when the text is not one. */
export function parseDuration(d: string): number | undefined {
  if (typeof d !== 'string' || d === '' || d === '0') return d === '0' ? 0 : undefined;
  const m = durationRe.exec(d);
  if (!m) return undefined;
  return m.slice(1).reduce((acc, v, i) => acc + (v ? Number(v) * unitSeconds[i]! : 0), 0);
}

export function isDuration(d: unknown): d is Duration {
  return typeof d === 'string' && parseDuration(d) !== undefined;
}

/** Seconds in a duration; throws DurationError (never NaN) when it is not one. `where` names the field. */
export function seconds(d: string, where?: string): number {
  const s = parseDuration(d);
  if (s === undefined) throw new DurationError(d, where);
  return s;
}

/** A number of seconds as a Prometheus duration, e.g. 90000 -> "1d1h". */
export function formatDuration(totalSeconds: number): Duration {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) throw new DurationError(String(totalSeconds));
  let rest = Math.round(totalSeconds);
  let out = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return (out || '0s') as Duration;
}
