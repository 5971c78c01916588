import { tableTest } from '../testing.ts';
import { check } from './for-too-short.ts';

tableTest(check, [
  { name: 'accepts a for of several scrapes', rule: { for: '5m' }, findings: 0 },
  { name: 'accepts no wait at all', rule: { for: '0s' }, findings: 0 },
  { name: 'refuses a for shorter than one scrape', rule: { for: '1m' }, findings: 1 },
  { name: 'refuses a fractional duration (never NaN)', rule: { for: '1.5h' }, findings: 1 },
]);
