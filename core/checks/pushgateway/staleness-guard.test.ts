import { tableTest } from '../testing.ts';
import { check } from './staleness-guard.ts';

tableTest(check, [
  { name: 'refuses a pushed metric read alone', rule: { expr: 'technitium_zone_sync_status == 1' }, findings: 1 },
  { name: 'accepts it with a push_time_seconds guard', rule: { expr: 'technitium_zone_sync_status == 1 and on(job) (time() - push_time_seconds) < 4500' }, findings: 0 },
  { name: 'accepts a *_timestamp_seconds metric as its own guard', rule: { expr: 'time() - technitium_zone_sync_last_success_timestamp_seconds > 4500' }, findings: 0 },
  { name: 'accepts a pushed metric read only inside absent()', rule: { expr: 'absent(technitium_zone_sync_status)' }, findings: 0 },
  { name: 'leaves scraped metrics alone', rule: { expr: 'technitium_up == 0' }, findings: 0 },
]);
