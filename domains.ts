// The one list of the package's domains. A domain brings its config, alerts, inhibit relations and the
// manifests of its programs (alerts/<domain>/), its dashboards (dashboards/<domain>.ts, joined here), its rule
// tests (rules-test/cases/<domain>.ts) and its runbooks (docs/runbooks/); adding one is its own files and a
// line here. Dashboards of the whole package (the alerts overview) are listed below the domains.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { globalDefaults, type GlobalConfig } from './core/config.ts';
import type { ClusterRelabelling, RelabelConfig } from './core/emit/relabel.ts';
import { withDashboards, withDefaults, type DomainInstance, type PackageDashboard } from './core/domain.ts';
import { assemble, type BuildInput } from './core/pipeline.ts';
import { repoRoot } from './core/paths.ts';
import { catalogue, pushedScrapeJobs } from './metrics/catalogue.ts';
import { dns as dnsAlerts } from './alerts/dns/index.ts';
import { authentik as authentikAlerts } from './alerts/authentik/index.ts';
import { authentikDashboards } from './dashboards/authentik.ts';
import { dnsDashboards } from './dashboards/dns.ts';
import { alertsOverview } from './dashboards/overview.ts';

export const dns = withDashboards(dnsAlerts, dnsDashboards);
export const authentik = withDashboards(authentikAlerts, authentikDashboards);

export const domains = [dns, authentik] as const;

/** Dashboards of the package as a whole, built after the domains from all their rule groups. */
export const packageDashboards: readonly PackageDashboard[] = [alertsOverview];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function domainInstances(): DomainInstance<any>[] {
  return domains.map((d) => withDefaults(d as DomainInstance<any>['domain']));
}

/** The cluster's current metric_relabel_configs by job (cluster/: copies of its scrape configs). */
export function clusterRelabelling(): ClusterRelabelling {
  const read = (f: string) => parse(readFileSync(join(repoRoot, 'cluster', f), 'utf8')) as unknown;
  const jobs = [...((read('scrape-configs.yml') as { scrape_configs: unknown[] }).scrape_configs), ...(read('extra-scrape-configs.yml') as unknown[])] as {
    job_name: string;
    metric_relabel_configs?: RelabelConfig[];
  }[];
  return new Map(jobs.map((j) => [j.job_name, j.metric_relabel_configs ?? []]));
}

/** What `npm run build` builds: every domain with its defaults, checked against the package's catalogue. */
export function packageInput(overrides: Partial<BuildInput> & { global?: GlobalConfig } = {}): BuildInput {
  return {
    global: globalDefaults,
    domains: domainInstances(),
    packageDashboards,
    catalogue,
    pushedJobs: pushedScrapeJobs,
    runbookRoot: repoRoot,
    clusterRelabelling: clusterRelabelling(),
    ...overrides,
  };
}

/**
 * The package's rule groups, as the build emits them (the rule tests run these very objects): with the
 * dashboard_url annotation the build adds to every alert a panel shows.
 */
export function packageRuleGroups(input: BuildInput = packageInput()) {
  return [...assemble(input).groups];
}
