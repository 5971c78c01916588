import { tableTest } from '../testing.ts';
import { check } from './regex.ts';

tableTest(check, [
  { name: 'accepts alternatives', rule: { expr: 'technitium_dns_responses_total{rcode=~"SERVFAIL|REFUSED"} > 0' }, findings: 0 },
  { name: 'refuses a look-ahead (valid in JavaScript, not in RE2)', rule: { expr: 'technitium_dns_responses_total{rcode=~"(?!NOERROR).*"} > 0' }, findings: 1 },
  { name: 'refuses a backreference', rule: { expr: 'technitium_up{server=~"(a)\\\\1"} == 0' }, findings: 1 },
  { name: 'checks negative regex matchers too', rule: { expr: 'technitium_up{server!~"(?<=x)y"} == 0' }, findings: 1 },
]);
