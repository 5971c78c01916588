import { check } from './queries.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

const expr = (e: string) => () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.targets[0].expr = e))];

dashboardTableTest(check, [
  { name: 'accepts queries of catalogue metrics, labels and values', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'refuses a query that does not parse [promql/syntax]', dashboards: expr('sum by (server) (rate(technitium_dns_queries_total[10m])'), findings: 1 },
  { name: 'refuses rate() of an instant vector [promql/types]', dashboards: expr('sum by (server) (rate(technitium_dns_queries_total))'), findings: 1 },
  { name: 'refuses a regex RE2 does not compile [promql/regex]', dashboards: expr('sum by (server) (technitium_up{server=~"(?!primary).*"})'), findings: 1 },
  { name: 'refuses a range under two scrapes [promql/range-too-short]', dashboards: expr('sum by (server) (rate(technitium_dns_queries_total[3m]))'), findings: 1 },
  { name: 'refuses a metric no producer emits [selector/unknown-metric]', dashboards: expr('sum by (server) (rate(technitium_dns_query_total[10m]))'), findings: 1 },
  { name: 'refuses a label the metric never carries [selector/unknown-label]', dashboards: expr('sum by (server) (rate(technitium_dns_queries_total{zone="home.lan"}[10m]))'), findings: 1 },
  { name: 'refuses a value the label never takes [selector/unknown-value]', dashboards: expr('sum by (server) (rate(technitium_dns_responses_total{rcode="SERVERFAIL"}[10m]))'), findings: 1 },
  { name: 'refuses a legend naming a label the query aggregates away [alerts/template-labels]', dashboards: expr('sum(rate(technitium_dns_queries_total[10m]))'), findings: 1 },
  { name: 'refuses a Grafana variable the checks cannot read', dashboards: expr('sum by (server) (rate(technitium_dns_queries_total[$__rate_interval]))'), findings: 1 },
  { name: "accepts label_replace's capture references ($1, ${1}), which no variable of the dashboard is named", dashboards: expr('label_replace(label_replace(technitium_up, "a", "$1", "server", "(.+)"), "b", "${1}", "role", "(.+)")'), findings: 0 },
  { name: 'refuses a variable next to a capture reference', dashboards: expr('label_replace(sum by (server) (rate(technitium_dns_queries_total[$__rate_interval])), "a", "$1", "server", "(.+)")'), findings: 1 },
  {
    name: 'refuses a capture reference the dashboard defines as a variable',
    dashboards: () => [withJson(exampleDashboard(), (j) => {
      j.panels[1]!.targets[0].expr = 'label_replace(technitium_up, "a", "$1", "server", "(.+)")';
      j.templating.list.push({ type: 'constant', name: '1', query: 'x' });
    })],
    findings: 1,
  },
]);
