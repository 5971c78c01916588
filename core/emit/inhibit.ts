// generated/alertmanager/inhibit-rules.yml: the inhibit relations the domains declare, as Alertmanager's
// `inhibit_rules:` list, to merge into the Alertmanager config.
import type { InhibitRule } from '../domain.ts';
import { generatedHeader, toYaml } from './yaml.ts';

export function inhibitRulesFile(rules: readonly InhibitRule[]): string {
  return (
    generatedHeader +
    '# Alertmanager inhibit_rules: while a source alert fires, matching target alerts with the same `equal` labels are muted.\n' +
    toYaml({ inhibit_rules: rules.map((r) => ({ source_matchers: [...r.source_matchers], target_matchers: [...r.target_matchers], equal: [...r.equal] })) })
  );
}
