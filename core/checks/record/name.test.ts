import { tableTest } from '../testing.ts';
import { check } from './name.ts';

const record = (name: string) => ({ kind: 'record' as const, name, expr: 'sum(technitium_up)', annotations: {}, labels: {} });

tableTest(check, [
  { name: 'accepts level:metric:operations', rule: record('job:technitium_up:sum'), findings: 0 },
  { name: 'refuses an invalid metric name', rule: record('technitium-up'), findings: 1 },
  { name: 'refuses a name without levels in this package', rule: record('technitium_up_sum'), findings: 1 },
  { name: 'accepts a plain metric name in an external file', rule: record('technitium_up_sum'), ctx: { mode: 'external' }, findings: 0 },
]);
