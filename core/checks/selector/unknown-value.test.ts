import { tableTest } from '../testing.ts';
import { check } from './unknown-value.ts';

tableTest(check, [
  { name: 'accepts a value the producer emits', rule: { expr: 'technitium_dns_responses_total{rcode="SERVFAIL"} > 0' }, findings: 0 },
  { name: 'refuses a misspelt value', rule: { expr: 'technitium_dns_responses_total{rcode="SERVERFAIL"} > 0' }, findings: 1 },
  { name: 'accepts a regex that matches an emitted value', rule: { expr: 'technitium_dns_responses_total{rcode=~"SERV.*"} > 0' }, findings: 0 },
  { name: 'refuses a regex that matches none', rule: { expr: 'technitium_dns_responses_total{rcode=~"FOO|BAR"} > 0' }, findings: 1 },
  { name: 'leaves unbounded labels alone', rule: { expr: 'technitium_up{server="anything"} == 0' }, findings: 0 },
]);
