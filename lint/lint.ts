// The rule-file linter: reads rule files, producer inventories and (optionally) scrape configs, and runs the
// check registry of core/checks/ on every alert and recording rule, in external mode: the same checks the build
// runs on this package's own rules, minus its conventions. Nothing here knows a rule or metric by name; what
// exists comes from the inventories, what reaches the rules from the scrape config.
import { checks, formatFinding, runChecks } from '../core/checks/index.ts';
import type { CheckContext, Finding, RuleFileModel } from '../core/checks/model.ts';
import { parseDuration } from '../core/duration.ts';
import { catalogue as packageCatalogue } from '../metrics/catalogue.ts';
import { buildCatalogue, type LintCatalogue } from './catalogue.ts';
import { builtinInventories, catalogueInventories, readInventory, InventoryError, type Inventory } from './inventory.ts';
import { readRuleFile } from './rules.ts';
import { mergeScrapeConfigs, readScrapeConfig, type ScrapeConfig } from './scrape.ts';
import { InputError } from './yaml.ts';

/** Prometheus's default scrape_interval, used when no scrape config or --scrape-interval says. */
export const defaultScrapeIntervalSeconds = 60;

export interface LintOptions {
  readonly files: readonly string[];
  readonly scrapeConfigs?: readonly string[];
  /** Extra inventory files; one for a producer the shipped inventories describe replaces it. */
  readonly inventories?: readonly string[];
  readonly strict?: boolean;
  /** Overrides the scrape config's global scrape_interval, e.g. `2m`. */
  readonly scrapeInterval?: string;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  readonly files: readonly RuleFileModel[];
  readonly rules: number;
}

/** Findings that fail a lint run (exit code 1): errors and warnings; notes (info) do not. */
export const failing = (f: Finding) => f.severity !== 'info';

/** The shipped inventories plus the catalogue's own producers they do not describe, plus the user's. */
export function loadInventories(extra: readonly string[] = []): Inventory[] {
  const shipped = builtinInventories();
  const described = new Set(shipped.map((i) => i.producer));
  const users = extra.map((f) => {
    try {
      return readInventory(f);
    } catch (e) {
      if (e instanceof InventoryError) throw new InputError(e.file, e.line, `not a usable inventory: ${e.reason}`);
      if ((e as NodeJS.ErrnoException).code) throw new InputError(f, undefined, `cannot read the file: ${(e as NodeJS.ErrnoException).code}`);
      throw e;
    }
  });
  return [...shipped, ...catalogueInventories(packageCatalogue, described), ...users];
}

export function lintContext(lc: LintCatalogue, recorded: ReadonlySet<string>, scrapeIntervalSeconds: number, strict: boolean, scrape?: ScrapeConfig): CheckContext {
  return {
    mode: 'external',
    catalogue: lc.catalogue,
    scrapeIntervalSeconds,
    pushedJobs: lc.pushedJobs,
    recorded,
    strict,
    ...(lc.scrapeJobs ? { scrapeJobs: lc.scrapeJobs } : {}),
    ...(scrape ? { allScrapeJobs: scrape.jobs } : {}),
  };
}

/** Lints the files; throws InputError when an input cannot be read (the CLI's exit code 2). */
export function lint(opts: LintOptions): LintResult {
  const inventories = loadInventories(opts.inventories);
  const scrape = opts.scrapeConfigs?.length ? mergeScrapeConfigs(opts.scrapeConfigs.map(readScrapeConfig)) : undefined;
  let lc: LintCatalogue;
  try {
    lc = buildCatalogue(inventories, scrape);
  } catch (e) {
    if (e instanceof InventoryError) throw new InputError(e.file, e.line, e.reason);
    throw e;
  }
  const files = opts.files.map(readRuleFile);
  const recorded = new Set(files.flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r) => r.kind === 'record').map((r) => r.name))));
  let interval = scrape?.scrapeIntervalSeconds ?? defaultScrapeIntervalSeconds;
  if (opts.scrapeInterval !== undefined) {
    const s = parseDuration(opts.scrapeInterval);
    if (!s) throw new InputError('--scrape-interval', undefined, `"${opts.scrapeInterval}" is not a Prometheus duration (e.g. 1m, 30s)`);
    interval = s;
  }
  const ctx = lintContext(lc, recorded, interval, opts.strict ?? false, scrape);
  const findings = files.flatMap((f) => runChecks(f, ctx, checks));
  return { findings, files, rules: files.reduce((n, f) => n + f.groups.reduce((m, g) => m + g.rules.length, 0), 0) };
}

/** The JSON form of a finding: file, line, group, alert or record, check, message (and severity, field, fix). */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    file: f.file,
    line: f.line ?? null,
    group: f.group,
    ...(f.rule ? { [f.rule.kind]: f.rule.name } : {}),
    check: f.check,
    severity: f.severity,
    field: f.field,
    message: f.message,
    fix: f.fix,
  };
}

export function formatText(result: LintResult): string {
  const count = (s: Finding['severity']) => result.findings.filter((f) => f.severity === s).length;
  const summary = `${result.rules} rules in ${result.files.length} file${result.files.length === 1 ? '' : 's'}: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`;
  return [...result.findings.map(formatFinding), summary].join('\n') + '\n';
}
