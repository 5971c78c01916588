import { tableTest } from '../testing.ts';
import { check } from './syntax.ts';

tableTest(check, [
  { name: 'accepts a valid expression', rule: { expr: 'technitium_up == 0' }, findings: 0 },
  { name: 'refuses an unclosed brace, with its column', rule: { expr: 'technitium_up{server="a" == 0' }, findings: 1 },
  { name: 'names the line of an error in a multi-line expression', rule: { expr: 'technitium_up == 0\nor\nsum(technitium_up by) > 1' }, findings: 1 },
  { name: 'refuses an empty expression', rule: { expr: '  ' }, findings: 1 },
]);
