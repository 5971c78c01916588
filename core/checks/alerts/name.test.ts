import { fileOf, tableTest } from '../testing.ts';
import { check } from './name.ts';

tableTest(check, [
  { name: 'accepts a CamelCase name', rule: {}, findings: 0 },
  { name: 'refuses a snake_case name', rule: { name: 'example_down' }, findings: 1 },
  { name: 'refuses the same alert name in two groups', file: fileOf([{ name: 'one', rules: [{}] }, { name: 'two', rules: [{}] }]), findings: 1 },
]);
