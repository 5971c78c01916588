// PrometheusRule CRDs (one per group) for prometheus-operator users, validated against the operator's
// CRD schema, plus the kustomization.yaml that lists every manifest the build writes.
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { GlobalConfig } from '../config.ts';
import type { RuleGroup } from '../rules.ts';
import { groupToPlain } from './prometheus.ts';
import { generatedHeader, toYaml, toYamlStream } from './yaml.ts';

export const kubernetesDir = 'kubernetes/monitoring';

export function prometheusRuleName(g: RuleGroup): string {
  return `homelab-${g.name}`;
}

export function prometheusRule(g: RuleGroup, cfg: GlobalConfig): PrometheusRule {
  const rule = new PrometheusRule({
    metadata: {
      name: prometheusRuleName(g),
      namespace: cfg.namespace,
      labels: { ...cfg.prometheusRuleLabels },
    },
    spec: { groups: [groupToPlain(g) as never] },
  });
  rule.validate(); // throws with the schema path when the object does not fit the CRD
  return rule;
}

export interface ManifestFile {
  /** File name inside generated/kubernetes/monitoring/. */
  readonly file: string;
  readonly objects: readonly object[];
}

export function ruleManifests(groups: readonly RuleGroup[], cfg: GlobalConfig): ManifestFile[] {
  return groups.map((g) => ({ file: `prometheusrule-${g.name}.yaml`, objects: [prometheusRule(g, cfg).toJSON() as object] }));
}

export function renderManifest(m: ManifestFile): string {
  return generatedHeader + toYamlStream(m.objects);
}

export function kustomization(files: readonly ManifestFile[], cfg: GlobalConfig): string {
  return generatedHeader + toYaml({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: cfg.namespace,
    resources: files.map((f) => f.file).sort(),
  });
}
