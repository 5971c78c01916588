// Every rule group of the package, in output order. Add a domain file here and nowhere else.
import type { Config } from '../core/config.ts';
import type { RuleGroup } from '../core/rules.ts';
import { dnsRuleGroups } from './dns.ts';

export function ruleGroups(cfg: Config): RuleGroup[] {
  return [...dnsRuleGroups(cfg)];
}
