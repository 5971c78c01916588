import { exampleAlert, tableTest } from '../testing.ts';
import { check } from './annotations.ts';

const a = exampleAlert.annotations;

tableTest(check, [
  { name: 'accepts a summary and a description', rule: {}, findings: 0 },
  { name: 'refuses a missing summary and description', rule: { annotations: { ...a, summary: '', description: ' ' } }, findings: 2 },
  { name: 'accepts a templated summary naming the object', rule: { annotations: { ...a, summary: 'Technitium {{ $labels.server }}: API not answering' } }, findings: 0 },
  { name: 'refuses a summary longer than a Slack line', rule: { annotations: { ...a, summary: `Technitium {{ $labels.server }}: ${'x'.repeat(120)}` } }, findings: 1 },
  { name: 'refuses a summary of two lines', rule: { annotations: { ...a, summary: 'Down.\nReally.' } }, findings: 1 },
  { name: 'is a convention of this package: external files are not held to it', rule: { annotations: { ...a, summary: '' } }, ctx: { mode: 'external' }, findings: 0 },
]);
