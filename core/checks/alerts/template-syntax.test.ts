import { exampleAlert, tableTest } from '../testing.ts';
import { check } from './template-syntax.ts';

const withDescription = (description: string) => ({ annotations: { ...exampleAlert.annotations, description } });

tableTest(check, [
  { name: 'accepts Prometheus functions', rule: withDescription('{{ $value | humanizePercentage }} on {{ $labels.server }}') },
  { name: 'refuses an unknown function', rule: withDescription('{{ $value | humanizePercent }}'), findings: 1 },
  { name: 'refuses a lone {{', rule: withDescription('value {{ $value is high') , findings: 1 },
  { name: 'accepts a literal brace pair written as a string', rule: withDescription('{{ "{{" }} is how') },
  { name: 'refuses an if that is never closed', rule: withDescription('{{ if gt $value 1.0 }}high'), findings: 1 },
  { name: 'refuses an end without its if', rule: withDescription('high{{ end }}'), findings: 1 },
  { name: 'accepts a comment', rule: withDescription('{{/* a note */}}ok') },
  { name: 'checks label templates too', rule: { labels: { severity: 'warning', owner: '{{ $labels.team | lower }}' } }, findings: 1 },
].map((c) => ({ findings: 0, ...c })));
