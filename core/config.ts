// The package-wide config: what every domain shares (namespace, runbook links, Prometheus's intervals).
// Each domain has its own typed config with defaults beside its alerts (alerts/<domain>/config.ts).
// Defaults describe this cluster (docs/design/cluster.md says where each fact comes from).
import type { Duration } from './duration.ts';

export interface GlobalConfig {
  /** Namespace everything generated is applied into. */
  readonly namespace: string;
  /** Base of every alert's runbook_url; `<AlertName>.md` is appended. */
  readonly runbookBaseUrl: string;
  /** Labels put on every PrometheusRule so an operator's ruleSelector picks them up. */
  readonly prometheusRuleLabels: Readonly<Record<string, string>>;
  /** Prometheus scrape interval: `for` and rate windows are checked against it. */
  readonly scrapeInterval: Duration;
  readonly evaluationInterval: Duration;
  /** A producer's heartbeat alert fires after this many scrape intervals without its heartbeat. */
  readonly heartbeatScrapes: number;
  /**
   * The cluster's own alerts that mean "a node is being drained, rebooted or is gone" (kured reboots,
   * maintenance): alerts a node disruption explains are inhibited while one of these fires.
   */
  readonly nodeDisruptionAlerts: readonly string[];
  /**
   * How the rules reach a Prometheus deployed with the plain prometheus Helm chart: as their own file next to
   * the cluster's, never in place of them (generated/prometheus/helm-values.yaml).
   */
  readonly prometheusChart: {
    /** The serverFiles key, which the chart mounts as <configDir>/<key>. */
    readonly rulesFile: string;
    readonly configDir: string;
    /**
     * The chart's default rule_files (values.yaml of the chart version the cluster runs: cluster/). Setting
     * rule_files replaces the list, so the snippet repeats them and adds its own file.
     */
    readonly defaultRuleFiles: readonly string[];
  };
  /** Grafana's root URL (its GF_SERVER_ROOT_URL): alerts shown on a dashboard panel link to `<it>/d/<uid>?viewPanel=<id>`. */
  readonly grafanaBaseUrl: string;
  /**
   * The Grafana folder of the package's dashboards (the sidecar's `grafana_folder` annotation). One flat folder
   * title: not "General" (Grafana's built-in folder, which the sidecar cannot create), no "/".
   */
  readonly grafanaFolder: string;
  /** Tag on every dashboard of the package; each dashboard's link menu lists the dashboards that carry it. */
  readonly grafanaTag: string;
}

export const globalDefaults: GlobalConfig = {
  namespace: 'monitoring',
  runbookBaseUrl: 'https://github.com/ViktorBarzin/homelab-observability/blob/main/docs/runbooks',
  prometheusRuleLabels: { 'app.kubernetes.io/part-of': 'homelab-observability', role: 'alert-rules' },
  scrapeInterval: '2m',
  evaluationInterval: '1m',
  heartbeatScrapes: 5,
  nodeDisruptionAlerts: ['NodeDown', 'NodeMaintenanceInProgress'],
  prometheusChart: {
    rulesFile: 'homelab_observability_rules.yml',
    configDir: '/etc/config',
    defaultRuleFiles: ['/etc/config/recording_rules.yml', '/etc/config/alerting_rules.yml', '/etc/config/rules', '/etc/config/alerts'],
  },
  grafanaBaseUrl: 'https://grafana.viktorbarzin.me',
  grafanaFolder: 'Homelab observability',
  grafanaTag: 'homelab-observability',
};
