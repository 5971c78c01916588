// Config values checked against their defaults, which serve as the schema: where the default is a duration
// the value must be one (so `1.5h` is a build error, never NaN in a rule), where it is a non-empty string
// (a selector, a name) the value must not be empty (kubernetes-mixin: a component that needs a selector
// fails loudly without it), where it is a number the value must be a finite number.
import { isDuration } from './duration.ts';

export function configProblems(actual: unknown, defaults: unknown, path: string): string[] {
  if (isDuration(defaults)) return isDuration(actual) ? [] : [`${path}: ${JSON.stringify(actual)} is not a Prometheus duration (write whole numbers of units, largest first: 90s, 5m, 1h30m)`];
  if (typeof defaults === 'string') {
    if (typeof actual !== 'string') return [`${path}: ${JSON.stringify(actual)} is not a string`];
    return defaults.trim() !== '' && actual.trim() === '' ? [`${path} is empty, and what reads it needs a value (the default is ${JSON.stringify(defaults)})`] : [];
  }
  if (typeof defaults === 'number') return typeof actual === 'number' && Number.isFinite(actual) ? [] : [`${path}: ${JSON.stringify(actual)} is not a finite number`];
  if (Array.isArray(defaults)) {
    if (!Array.isArray(actual)) return [`${path} is not a list`];
    if (defaults.length > 0 && actual.length === 0) return [`${path} is empty, and what reads it needs at least one entry`];
    return defaults.length === 0 ? [] : actual.flatMap((v, i) => configProblems(v, defaults[Math.min(i, defaults.length - 1)], `${path}[${i}]`));
  }
  if (defaults && typeof defaults === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path} is missing`];
    return Object.entries(defaults).flatMap(([k, v]) => configProblems((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
  }
  return [];
}
