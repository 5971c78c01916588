import { tableTest } from '../testing.ts';
import { check } from './comparison.ts';

tableTest(check, [
  { name: 'accepts a comparison', rule: { expr: 'technitium_up == 0' }, findings: 0 },
  { name: 'refuses a bare selector', rule: { expr: 'technitium_up' }, findings: 1 },
  { name: 'refuses a bool comparison (it returns every series)', rule: { expr: 'technitium_up > bool 0' }, findings: 1 },
  { name: 'refuses an or whose right branch does not filter', rule: { expr: 'technitium_up == 0 or technitium_up' }, findings: 1 },
  { name: 'refuses an or with vector(1)', rule: { expr: '(technitium_up > 0) or vector(1)' }, findings: 1 },
  { name: 'refuses a comparison between constants', rule: { expr: 'technitium_up and on() (vector(1) > 0)' }, findings: 1 },
  { name: 'accepts an intended absent()', rule: { expr: 'absent(technitium_up{server="primary"})' }, findings: 0 },
  { name: 'accepts an or of a comparison and an absent()', rule: { expr: 'technitium_up == 0 or absent(technitium_up)' }, findings: 0 },
  { name: 'accepts a guard on the right of and', rule: { expr: 'technitium_zones and on(server) technitium_up == 0' }, findings: 0 },
  { name: 'leaves recording rules alone', rule: { kind: 'record', name: 'job:technitium_up:sum', expr: 'sum(technitium_up)' }, findings: 0 },
]);
