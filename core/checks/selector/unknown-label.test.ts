import { tableTest } from '../testing.ts';
import { check } from './unknown-label.ts';

tableTest(check, [
  { name: 'accepts a label the metric carries', rule: { expr: 'technitium_up{server="primary"} == 0' }, findings: 0 },
  { name: 'accepts a target label its producer adds', rule: { expr: 'technitium_up{namespace="monitoring"} == 0' }, findings: 0 },
  { name: 'refuses a label the metric never carries', rule: { expr: 'technitium_up{instance_name="x"} == 0' }, findings: 1 },
  { name: 'accepts matching the absence of a label', rule: { expr: 'technitium_up{pod=""} == 0' }, findings: 0 },
  { name: 'accepts a negative matcher on an absent label', rule: { expr: 'technitium_up{pod!="x"} == 0' }, findings: 0 },
]);
