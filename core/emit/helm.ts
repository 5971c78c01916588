// generated/prometheus/helm-values.yaml: the package's rules for a Prometheus deployed with the plain
// prometheus Helm chart, as a values file to pass AFTER the cluster's own (Helm merges maps and replaces
// lists): the rules go under their own serverFiles key, which the chart mounts as a file of its own, and
// prometheus.yml's rule_files lists it next to the chart's defaults. The cluster's alerting_rules.yml is
// never touched (docs/deploy.md).
import type { GlobalConfig } from '../config.ts';
import type { RuleGroup } from '../rules.ts';
import { groupToPlain } from './prometheus.ts';
import { generatedHeader, toYaml } from './yaml.ts';

export function helmValuesFile(groups: readonly RuleGroup[], global: GlobalConfig): string {
  const chart = global.prometheusChart;
  return (
    generatedHeader +
    '# Values for the prometheus Helm chart: pass this file after the cluster\'s own values (helm -f theirs.yaml -f this.yaml,\n' +
    '# or a second entry of the Terraform helm_release\'s `values`). It adds a rule file and lists it; it replaces nothing else.\n' +
    toYaml({
      serverFiles: {
        'prometheus.yml': { rule_files: [...chart.defaultRuleFiles, `${chart.configDir}/${chart.rulesFile}`] },
        [chart.rulesFile]: { groups: groups.map(groupToPlain) },
      },
    })
  );
}
