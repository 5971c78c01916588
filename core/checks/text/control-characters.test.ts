import { exampleAlert, tableTest } from '../testing.ts';
import { check } from './control-characters.ts';

tableTest(check, [
  { name: 'accepts tabs and newlines', rule: { annotations: { ...exampleAlert.annotations, description: 'a\n\tb' } }, findings: 0 },
  { name: 'refuses a U+2028 line separator in a description', rule: { annotations: { ...exampleAlert.annotations, description: 'a\u2028b' } }, findings: 1 },
  { name: 'refuses a NUL in a label', rule: { labels: { severity: 'warn\u0000ing' } }, findings: 1 },
  { name: 'refuses a control character in the expression', rule: { expr: 'technitium_up\u0007 == 0' }, findings: 1 },
]);
