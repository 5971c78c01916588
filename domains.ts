// The one list of the package's domains. A domain brings its config, alerts, inhibit relations and the
// manifests of its programs (alerts/<domain>/), its rule tests (rules-test/cases/<domain>.ts) and its
// runbooks (docs/runbooks/); adding one is its own files and a line here.
import { globalDefaults, type GlobalConfig } from './core/config.ts';
import { withDefaults, type DomainInstance } from './core/domain.ts';
import type { BuildInput } from './core/pipeline.ts';
import { repoRoot } from './core/paths.ts';
import { catalogue, pushedScrapeJobs } from './metrics/catalogue.ts';
import { dns } from './alerts/dns/index.ts';
import { authentik } from './alerts/authentik/index.ts';

export const domains = [dns, authentik] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function domainInstances(): DomainInstance<any>[] {
  return domains.map((d) => withDefaults(d as DomainInstance<any>['domain']));
}

/** What `npm run build` builds: every domain with its defaults, checked against the package's catalogue. */
export function packageInput(overrides: Partial<BuildInput> & { global?: GlobalConfig } = {}): BuildInput {
  return {
    global: globalDefaults,
    domains: domainInstances(),
    catalogue,
    pushedJobs: pushedScrapeJobs,
    runbookRoot: repoRoot,
    ...overrides,
  };
}

/** The package's rule groups, as the build emits them (the rule tests run these very objects). */
export function packageRuleGroups(input: BuildInput = packageInput()) {
  return input.domains.flatMap((d) => d.domain.ruleGroups({ global: input.global, config: d.config }));
}
