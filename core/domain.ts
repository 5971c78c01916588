// What a domain provides (dns, authentik, mail, …): its typed config with defaults, its alerts and recording
// rules, the inhibit relations between them, the Kubernetes manifests of the programs that produce its
// metrics, and its Grafana dashboards. The one list of domains is domains.ts at the repository root; core/
// knows none of them.
import type { Catalogue, Heartbeat } from '../metrics/types.ts';
import type { GlobalConfig } from './config.ts';
import type { ManifestFile } from './emit/kubernetes.ts';
import type { DashboardDef } from './grafana/dashboard.ts';
import type { RuleGroup } from './rules.ts';

export interface DomainContext<C> {
  readonly global: GlobalConfig;
  readonly config: C;
}

/** An Alertmanager inhibit rule: while an alert matching `source` fires, alerts matching `target` with equal `equal` labels are muted. */
export interface InhibitRule {
  readonly source_matchers: readonly string[];
  readonly target_matchers: readonly string[];
  readonly equal: readonly string[];
}

/**
 * A file a domain's programs need that is not a manifest for the namespace, e.g. a value to paste into another
 * system's own config. Written to generated/<path>; the path must start with the domain's id and a slash.
 */
export interface ConfigFile {
  readonly path: string;
  readonly content: string;
}

export interface Domain<C extends object = object> {
  /** Lower-case kebab-case; names the domain's files (alerts/<id>/, rules-test/cases/<id>.ts, …). */
  readonly id: string;
  readonly title: string;
  readonly defaults: C;
  readonly ruleGroups: (ctx: DomainContext<C>) => RuleGroup[];
  readonly inhibitRules?: (ctx: DomainContext<C>) => InhibitRule[];
  readonly manifests?: (ctx: DomainContext<C>) => ManifestFile[];
  /** Heartbeats of the producers this domain deploys or configures, by producer id (their names come from its config). */
  readonly heartbeats?: (ctx: DomainContext<C>) => Readonly<Record<string, Heartbeat>>;
  readonly configFiles?: (ctx: DomainContext<C>) => ConfigFile[];
  /**
   * The domain's dashboards (dashboards/<domain>.ts). They read the domain's config and queries, so they join
   * the domain in domains.ts (withDashboards): alerts/<domain>/ importing dashboards/ would be a folder cycle.
   */
  readonly dashboards?: (ctx: DomainContext<C>) => DashboardDef[];
}

export function defineDomain<C extends object>(d: Domain<C>): Domain<C> {
  return d;
}

/** The domain with its dashboards. */
export function withDashboards<C extends object>(d: Domain<C>, dashboards: (ctx: DomainContext<C>) => DashboardDef[]): Domain<C> {
  return { ...d, dashboards };
}

/** What a package-level dashboard is built from: every domain's rule groups, and the catalogue. */
export interface PackageContext {
  readonly global: GlobalConfig;
  readonly groups: readonly RuleGroup[];
  readonly catalogue: Catalogue;
}

/**
 * A dashboard of the whole package rather than of one domain (the alerts overview, dashboards/overview.ts):
 * listed in domains.ts beside the domains, and built after them from what they all provide.
 */
export type PackageDashboard = (ctx: PackageContext) => DashboardDef;

/** A domain with the config it is built with (its defaults unless a caller overrides them). */
export interface DomainInstance<C extends object = object> {
  readonly domain: Domain<C>;
  readonly config: C;
}

export function withDefaults<C extends object>(domain: Domain<C>): DomainInstance<C> {
  return { domain, config: domain.defaults };
}

export function context<C extends object>(global: GlobalConfig, d: DomainInstance<C>): DomainContext<C> {
  return { global, config: d.config };
}
