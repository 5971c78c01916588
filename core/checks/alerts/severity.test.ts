import { tableTest } from '../testing.ts';
import { check } from './severity.ts';

tableTest(check, [
  { name: 'accepts warning', rule: {}, findings: 0 },
  { name: 'refuses a severity outside critical, warning, info', rule: { labels: { severity: 'page' } }, findings: 1 },
  { name: 'refuses an alert without severity', rule: { labels: {} }, findings: 1 },
]);
