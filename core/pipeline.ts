// The data flow in one place: domains (with their configs) -> rule groups, manifests and dashboards (the
// alerts a panel shows get a dashboard_url to it) -> the checks of core/checks (rules, and dashboards with
// their panel queries) -> rendered files, in memory -> `promtool check rules` when promtool is installed ->
// one write of generated/ and the generated docs that lands whole or not at all. Nothing is written unless
// every step before the write passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Catalogue } from '../metrics/types.ts';
import { formatFinding, runChecks } from './checks/index.ts';
import type { Finding } from './checks/model.ts';
import { formatDashboardFinding, runDashboardChecks } from './checks/dashboard/index.ts';
import { allPanels, type DashboardFinding } from './checks/dashboard/model.ts';
import type { GlobalConfig } from './config.ts';
import { configProblems } from './config-check.ts';
import { context, type ConfigFile, type DomainInstance, type InhibitRule, type PackageDashboard } from './domain.ts';
import { globalDefaults } from './config.ts';
import { seconds } from './duration.ts';
import { alertsMarkdown } from './emit/docs.ts';
import { helmValuesFile } from './emit/helm.ts';
import { configMapBytes, dashboardJson, dashboardManifest, dashboardsDir } from './emit/grafana.ts';
import { mixinFiles } from './emit/jsonnet.ts';
import { inhibitRulesFile } from './emit/inhibit.ts';
import { relabelConfigsFile, type ClusterRelabelling } from './emit/relabel.ts';
import { kubernetesDir, kustomization, renderManifest, ruleManifests, type ManifestFile } from './emit/kubernetes.ts';
import { metricsMarkdown } from './emit/metrics-docs.ts';
import { prometheusRuleFile } from './emit/prometheus.ts';
import { generatedReadme } from './emit/yaml.ts';
import { heartbeatGroup, heartbeatInhibits, planHeartbeats, type HeartbeatPlan } from './heartbeats.ts';
import type { Heartbeat } from '../metrics/types.ts';
import type { DashboardDef } from './grafana/dashboard.ts';
import { linkAlerts } from './grafana/links.ts';
import { toRuleFileModel } from './model.ts';
import { readRunbookQueries } from './runbooks.ts';
import type { RuleGroup } from './rules.ts';

export interface BuildInput {
  readonly global: GlobalConfig;
  // Each domain brings its own config type; the list holds them side by side.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly domains: readonly DomainInstance<any>[];
  /** Dashboards of the package as a whole (the alerts overview), built after the domains from their rule groups. */
  readonly packageDashboards?: readonly PackageDashboard[];
  readonly catalogue: Catalogue;
  /** Scrape jobs whose series are pushed (pushgateway/staleness-guard). */
  readonly pushedJobs: ReadonlySet<string>;
  /** Where docs/runbooks/ is looked up. */
  readonly runbookRoot: string;
  /** promtool binary for the last check; undefined: `promtool` when it is on the PATH; false: skip. */
  readonly promtool?: string | false;
  /** The cluster's current metric_relabel_configs by scrape job, which the generated ones extend. */
  readonly clusterRelabelling?: ClusterRelabelling;
}

export interface Rendered {
  /** Paths relative to generated/. */
  readonly generated: ReadonlyMap<string, string>;
  /** Paths relative to the repository root (generated docs). */
  readonly docs: ReadonlyMap<string, string>;
}

/** Everything that stopped the build: config problems, check findings (rules and dashboards), or promtool's verdict. */
export class BuildError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly findings: readonly Finding[] = [],
    readonly dashboardFindings: readonly DashboardFinding[] = [],
  ) {
    const lines = [...problems, ...findings.map(formatFinding), ...dashboardFindings.map(formatDashboardFinding)];
    super(`${lines.length} problem(s):\n${lines.map((l) => `  - ${l}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

export interface Assembled {
  /** Every alert a panel shows carries a dashboard_url annotation to that panel. */
  readonly groups: readonly RuleGroup[];
  /** The producers the alerts read, with their heartbeats (their alerts are in `groups`). */
  readonly heartbeats: readonly HeartbeatPlan[];
  readonly manifests: readonly ManifestFile[];
  readonly inhibitRules: readonly InhibitRule[];
  readonly configFiles: readonly ConfigFile[];
  /** The domains' dashboards, then the package's. */
  readonly dashboards: readonly DashboardDef[];
}

/** Every domain's rule groups, inhibit rules, manifests, config files and dashboards, after checking the configs they are built from. */
export function assemble(input: BuildInput): Assembled {
  const problems = configProblems(input.global, globalDefaults, 'global');
  const ids = new Set<string>();
  for (const d of input.domains) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(d.domain.id)) problems.push(`domain "${d.domain.id}": the id must be lower-case kebab-case (it names the domain's files)`);
    if (ids.has(d.domain.id)) problems.push(`domain "${d.domain.id}" is listed twice in domains.ts`);
    ids.add(d.domain.id);
    problems.push(...configProblems(d.config, d.domain.defaults, d.domain.id).map((p) => `domain config ${p}`));
  }
  if (problems.length) throw new BuildError(problems);
  const groups: RuleGroup[] = [];
  const manifests: ManifestFile[] = [];
  const inhibitRules: InhibitRule[] = [];
  const heartbeats = new Map<string, Heartbeat>();
  const configFiles: ConfigFile[] = [];
  const dashboards: DashboardDef[] = [];
  for (const d of input.domains) {
    const ctx = context(input.global, d);
    try {
      groups.push(...d.domain.ruleGroups(ctx));
      manifests.push(...(d.domain.manifests?.(ctx) ?? []));
      inhibitRules.push(...(d.domain.inhibitRules?.(ctx) ?? []));
      for (const [producer, h] of Object.entries(d.domain.heartbeats?.(ctx) ?? {})) {
        if (heartbeats.has(producer)) problems.push(`domain "${d.domain.id}": the heartbeat of producer ${producer} is declared twice`);
        heartbeats.set(producer, h);
      }
      for (const f of d.domain.configFiles?.(ctx) ?? []) {
        // Under the domain's own folder, so it can never replace a file the build writes or another domain's.
        if (!f.path.startsWith(`${d.domain.id}/`) || f.path.split('/').some((part) => part === '..' || part === '')) {
          problems.push(`domain "${d.domain.id}": config file "${f.path}" must be a path under "${d.domain.id}/"`);
        } else configFiles.push(f);
      }
      dashboards.push(...(d.domain.dashboards?.(ctx) ?? []));
    } catch (e) {
      problems.push(`domain "${d.domain.id}": ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new BuildError(problems);
  // Every producer the alerts read gets a heartbeat alert (core/heartbeats.ts).
  const { plans, problems: missing } = planHeartbeats(groups, input.catalogue, heartbeats);
  if (missing.length) throw new BuildError(missing);
  const hb = heartbeatGroup(input.global, plans);
  if (hb) groups.push(hb);
  inhibitRules.push(...heartbeatInhibits(plans));
  // The package's dashboards (the alerts overview) see every group, the heartbeats' included.
  for (const build of input.packageDashboards ?? []) {
    try {
      dashboards.push(build({ global: input.global, groups, catalogue: input.catalogue }));
    } catch (e) {
      problems.push(`package dashboard ${build.name || '(anonymous)'}: ${(e as Error).message}`);
    }
  }
  problems.push(...inhibitProblems(inhibitRules, groups, input.global));
  if (problems.length) throw new BuildError(problems);
  return { groups: linkAlerts(groups, dashboards, input.global), heartbeats: plans, manifests, inhibitRules, configFiles, dashboards };
}

/**
 * Every alert name an inhibit rule matches must exist (ours, or the cluster's node alerts of the config): an
 * inhibit rule with a misspelt name silently mutes nothing.
 */
function inhibitProblems(rules: readonly InhibitRule[], groups: readonly RuleGroup[], global: GlobalConfig): string[] {
  const known = new Set([...groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : []))), ...global.nodeDisruptionAlerts]);
  const names = (m: string) => {
    const x = /^alertname\s*(=~|=)\s*"?([^"]*)"?$/.exec(m.trim());
    return x ? (x[1] === '=~' ? x[2]!.split('|') : [x[2]!]) : [];
  };
  return rules.flatMap((r, i) =>
    [...r.source_matchers, ...r.target_matchers].flatMap(names).filter((n) => !known.has(n)).map((n) => `inhibit rule ${i + 1} (${r.source_matchers.join(', ')}) names alert "${n}", which no domain defines: fix the name or drop it`),
  );
}

/** The checks of core/checks on the package's rule groups (in package mode: its conventions too). */
export function checkGroups(groups: readonly RuleGroup[], input: BuildInput): Finding[] {
  return runChecks(toRuleFileModel('rules', groups), {
    mode: 'package',
    catalogue: input.catalogue,
    scrapeIntervalSeconds: seconds(input.global.scrapeInterval, 'global.scrapeInterval'),
    pushedJobs: input.pushedJobs,
    runbookExists: (alert) => existsSync(join(input.runbookRoot, 'docs', 'runbooks', `${alert}.md`)),
    recorded: new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'record' ? [r.record] : [])))),
  }).filter((f) => f.severity === 'error');
}

/** The dashboard checks of core/checks/dashboard, panel queries included (through the rule checks). */
export function checkDashboards(dashboards: readonly DashboardDef[], groups: readonly RuleGroup[], input: BuildInput): DashboardFinding[] {
  return runDashboardChecks(dashboards, {
    rules: {
      mode: 'package',
      catalogue: input.catalogue,
      scrapeIntervalSeconds: seconds(input.global.scrapeInterval, 'global.scrapeInterval'),
      pushedJobs: input.pushedJobs,
      recorded: new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'record' ? [r.record] : [])))),
    },
    alerts: new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : [])))),
    configMapBytes: (d) => configMapBytes(d, input.global),
  });
}

/** Validates and renders everything in memory; throws BuildError naming every problem. */
export function render(input: BuildInput): Rendered {
  const { groups, manifests: extra, inhibitRules, configFiles, dashboards } = assemble(input);
  const findings = checkGroups(groups, input);
  const dashboardFindings = checkDashboards(dashboards, groups, input);
  if (findings.length || dashboardFindings.length) throw new BuildError([], findings, dashboardFindings);

  const manifests = [...ruleManifests(groups, input.global), ...extra, ...dashboards.map((d) => dashboardManifest(d, input.global))];
  const generated = new Map<string, string>();
  generated.set('README.md', generatedReadme);
  const rules = prometheusRuleFile(groups);
  generated.set('prometheus/alerting_rules.yml', rules);
  const runbooks = readRunbookQueries(input.runbookRoot, groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : []))));
  if (runbooks.problems.length) throw new BuildError(runbooks.problems);
  generated.set('prometheus/scrape-metric-relabel-configs.yml', relabelConfigsFile([...readExprs(groups, dashboards), ...runbooks.queries.map((q) => q.expr)], input.catalogue, input.clusterRelabelling ?? new Map()));
  generated.set('prometheus/helm-values.yaml', helmValuesFile(groups, input.global));
  for (const d of dashboards) generated.set(`${dashboardsDir}/${d.uid}.json`, dashboardJson(d));
  const domainConfigs = Object.fromEntries(input.domains.map((d) => [d.domain.id, d.config]));
  for (const [path, content] of mixinFiles(groups, dashboards, { global: input.global, domains: domainConfigs })) generated.set(path, content);
  if (inhibitRules.length) generated.set('alertmanager/inhibit-rules.yml', inhibitRulesFile(inhibitRules));
  for (const m of manifests) generated.set(`${kubernetesDir}/${m.file}`, renderManifest(m));
  generated.set(`${kubernetesDir}/kustomization.yaml`, kustomization(manifests, input.global));
  for (const f of configFiles) generated.set(f.path, f.content);

  promtoolCheck(rules, input.promtool);

  const docs = new Map<string, string>([
    ['docs/alerts.md', alertsMarkdown(groups)],
    ['docs/metrics.md', metricsMarkdown(input.catalogue)],
  ]);
  return { generated: sortMap(generated), docs };
}

/**
 * What the build accepts, promtool accepts: when promtool is installed, the rendered rule file goes through
 * `promtool check rules` before anything is written. (The checks above stand on their own: the first
 * command of the README has no promtool.)
 */
function promtoolCheck(rules: string, promtool: string | false | undefined): void {
  if (promtool === false) return;
  const bin = promtool ?? 'promtool';
  const dir = mkdtempSync(join(tmpdir(), 'build-promtool-'));
  try {
    const file = join(dir, 'alerting_rules.yml');
    writeFileSync(file, rules);
    const r = spawnSync(bin, ['check', 'rules', file], { encoding: 'utf8' });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' && promtool === undefined) return;
    if (r.error) throw new BuildError([`promtool (${bin}) could not run: ${r.error.message}`]);
    if (r.status !== 0) {
      throw new BuildError([`promtool check rules refused the rendered rule file (exit ${r.status}):\n${`${r.stdout}${r.stderr}`.replaceAll(file, 'generated/prometheus/alerting_rules.yml').trim()}`]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The write: all or nothing

/** The file operations the write uses; a test swaps in one that fails at a chosen step. */
export interface FsOps {
  mkdir(path: string): void;
  writeFile(path: string, content: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  exists(path: string): boolean;
  read(path: string): string;
}

export const realFs: FsOps = {
  mkdir: (p) => mkdirSync(p, { recursive: true }),
  writeFile: (p, c) => writeFileSync(p, c),
  rename: (a, b) => renameSync(a, b),
  remove: (p) => rmSync(p, { recursive: true, force: true }),
  exists: (p) => existsSync(p),
  read: (p) => readFileSync(p, 'utf8'),
};

/**
 * Replaces <root>/generated and the generated docs with exactly the rendered files, all or nothing: every
 * file is written to a staging folder first, then each target is moved aside and the new one moved in; if
 * any step fails, every move made so far is undone in reverse and the error is rethrown. A generated/ this
 * build did not write (no generated/README.md of ours) is never replaced.
 */
export function write(root: string, out: Rendered, fs: FsOps = realFs): void {
  const final = join(root, 'generated');
  const marker = join(final, 'README.md');
  const staging = join(root, `.build-staging-${process.pid}`);
  const backup = join(root, `.build-backup-${process.pid}`);
  const done: { from: string; to: string }[] = [];
  const move = (from: string, to: string): void => {
    fs.rename(from, to);
    done.push({ from, to });
  };
  try {
    if (fs.exists(final) && !(fs.exists(marker) && fs.read(marker) === generatedReadme)) {
      throw new BuildError([`${final} exists and was not written by this build (no generated/README.md of ours): refusing to replace it; remove it or choose another --out`]);
    }
    fs.remove(staging);
    fs.remove(backup);
    for (const [rel, content] of out.generated) writeIn(fs, join(staging, 'generated', rel), content);
    for (const [rel, content] of out.docs) writeIn(fs, join(staging, rel), content);
    fs.mkdir(backup);
    const targets = ['generated', ...out.docs.keys()];
    for (const rel of targets) {
      const target = join(root, rel);
      if (fs.exists(target)) {
        fs.mkdir(dirname(join(backup, rel)));
        move(target, join(backup, rel));
      }
      fs.mkdir(dirname(target));
      move(join(staging, rel), target);
    }
  } catch (e) {
    for (const { from, to } of done.reverse()) {
      try {
        realFs.rename(to, from);
      } catch {
        // keep undoing the rest; the error below says the write failed
      }
    }
    realFs.remove(staging);
    realFs.remove(backup);
    if (e instanceof BuildError) throw e;
    throw new BuildError([`writing ${root} failed, and every file written so far was put back: ${(e as Error).message}`]);
  }
  realFs.remove(staging);
  realFs.remove(backup);
}

function writeIn(fs: FsOps, path: string, content: string): void {
  fs.mkdir(dirname(path));
  fs.writeFile(path, content);
}

export function build(root: string, input: BuildInput, fs?: FsOps): Rendered {
  const out = render(input);
  write(root, out, fs);
  return out;
}

/** Every PromQL expression the package's rules and dashboard panels read (with the runbooks': what the relabel configs must spare). */
export function readExprs(groups: readonly RuleGroup[], dashboards: readonly DashboardDef[] = []): string[] {
  const panelExprs = dashboards.flatMap((d) => panelQueries(d).map((q) => q.expr));
  return [...groups.flatMap((g) => g.rules.map((r) => r.expr)), ...panelExprs];
}

/** Every query of a dashboard's panels (rows' nested panels included). */
export function panelQueries(d: DashboardDef): { readonly panelId: number | undefined; readonly refId: string; readonly expr: string }[] {
  return allPanels(d.json).flatMap(({ panel }) =>
    ((panel as { targets?: { refId?: string; expr?: unknown }[] }).targets ?? []).flatMap((t) =>
      typeof t.expr === 'string' ? [{ panelId: typeof panel.id === 'number' ? panel.id : undefined, refId: t.refId ?? '', expr: t.expr }] : [],
    ),
  );
}

function sortMap(m: Map<string, string>): Map<string, string> {
  return new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
