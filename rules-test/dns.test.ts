// DNS alerts (alerts/dns.ts) under promtool: the cases are in cases/dns.ts, one promtool run for all of them.
import { registerSuite } from './harness.ts';
import { suite } from './cases/dns.ts';

registerSuite(suite);
