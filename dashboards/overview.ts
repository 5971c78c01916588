// The alerts overview: a dashboard of the whole package rather than of one domain, listed in domains.ts. What is
// firing and pending (Prometheus's ALERTS series) by severity and by our rule groups, how fresh each job's last
// push to the Pushgateway is, and which scrape targets (every exporter) are up. Built from every domain's rule
// groups, so a new group gets its own line without an edit here.
import type { PackageDashboard } from '../core/domain.ts';
import { below, DashboardDraft, query } from '../core/grafana/dashboard.ts';
import { units } from '../core/grafana/sdk.ts';

const alternation = (names: readonly string[]) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

export const alertsOverview: PackageDashboard = ({ global, groups }) => {
  const d = new DashboardDraft(global, {
    uid: 'homelab-alerts',
    title: 'Alerts overview',
    description: 'What is firing and pending, by severity and rule group; Pushgateway job freshness; every scrape target\'s up.',
    tags: ['alerts'],
  });
  const alertsOf = groups.map((g) => ({ group: g.name, alerts: g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : [])) })).filter((g) => g.alerts.length);
  const ours = alertsOf.flatMap((g) => g.alerts);

  d.row('Alerts');
  for (const [state, title] of [['firing', 'Firing now'], ['pending', 'Pending now']] as const) {
    d.stat({
      title,
      description: `Alerts ${state === 'firing' ? 'firing' : 'pending (condition true, waiting for its `for` to pass)'} right now, by severity, from every rule Prometheus evaluates.`,
      unit: units.Short,
      width: 6,
      height: 6,
      queries: [query(`count by (severity) (ALERTS{alertstate="${state}"})`, '{{severity}}')],
      customize: (p) => p.noValue('0'),
    });
  }
  d.table({
    title: 'Alerts now',
    description: 'Every pending or firing alert with its labels.',
    unit: units.NoUnit,
    height: 6,
    queries: [query('ALERTS', '')],
  });
  d.timeseries({
    title: 'Firing and pending by rule group',
    description: `Alerts per rule group of this package (${alertsOf.map((g) => g.group).join(', ')}), by severity and state; alerts of other rules as "other rules".`,
    unit: units.Short,
    width: 24,
    min: 0,
    queries: [
      ...alertsOf.map((g) => query(`count by (severity, alertstate) (ALERTS{alertname=~"${alternation(g.alerts)}"})`, `${g.group}: {{severity}} {{alertstate}}`)),
      query(`count by (severity, alertstate) (ALERTS{alertname!~"${alternation(ours)}"})`, 'other rules: {{severity}} {{alertstate}}'),
    ],
    customize: (p) => p.decimals(0),
  });

  d.row('Pushgateway jobs');
  d.timeseries({
    title: 'Time since each job\'s last push',
    description: 'Seconds since each job last pushed to the Pushgateway (push_time_seconds). A batch job that stopped running stops pushing; its old values stay.',
    unit: units.Seconds,
    width: 24,
    min: 0,
    queries: [query('time() - max by (job) (push_time_seconds)', '{{job}}')],
  });

  d.row('Exporters');
  d.timeseries({
    title: 'Scrape targets up, by job and service',
    description: 'Share of each job\'s (and Service\'s) scrape targets that answered their last scrape.',
    unit: units.PercentUnit,
    min: 0,
    max: 1,
    queries: [query('sum by (job, service) (up) / count by (job, service) (up)', '{{job}} {{service}}')],
    threshold: below(1),
  });
  d.table({
    title: 'Targets down',
    description: 'Scrape targets whose last scrape failed.',
    unit: units.NoUnit,
    queries: [query('up == 0', '')],
  });
  return d.build();
};
