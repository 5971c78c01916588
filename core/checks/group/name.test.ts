import { fileOf, tableTest } from '../testing.ts';
import { check } from './name.ts';

tableTest(check, [
  { name: 'accepts a kebab-case group', file: fileOf([{ name: 'technitium-zone-sync', rules: [{}] }]), findings: 0 },
  { name: 'refuses a group name that is not kebab-case in this package', file: fileOf([{ name: 'DNS Alerts', rules: [{}] }]), findings: 1 },
  { name: 'accepts any unique name in an external file', file: fileOf([{ name: 'DNS Alerts', rules: [{}] }]), ctx: { mode: 'external' }, findings: 0 },
  { name: 'refuses two groups of one name', file: fileOf([{ name: 'dns', rules: [{}] }, { name: 'dns', rules: [{ name: 'Other' }] }]), findings: 1 },
  { name: 'refuses an interval that is not a duration', file: fileOf([{ name: 'dns', interval: '1.5m', rules: [{}] }]), findings: 1 },
  { name: 'warns about an empty group', file: fileOf([{ name: 'dns', rules: [] }]), findings: 1 },
]);
