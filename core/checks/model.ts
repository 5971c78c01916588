// The neutral rule model every check runs on: what a rule file says, with where it says it. The build turns
// the package's typed definitions into it (core/model.ts), the linter turns any rule file into it; checks
// never see either source, so both run the same registry (core/checks/index.ts).
import type { Tree } from '@lezer/common';
import type { Catalogue } from '../../metrics/types.ts';
import type { RelabelConfig } from '../relabel.ts';

/** Where something is: a file, and the 1-based line when known. */
export interface Position {
  readonly file: string;
  readonly line?: number;
}

export type RuleField = 'expr' | 'for' | 'labels' | 'annotations' | 'record' | 'alert';

export interface RuleModel {
  readonly kind: 'alert' | 'record';
  /** The alert or record name. */
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Where the rule starts. */
  readonly at: Position;
  /** Where individual fields are, when the source tells (a YAML file does; the builders give the rule's line). */
  readonly fieldAt?: Readonly<Partial<Record<RuleField, Position>>>;
}

export interface GroupModel {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly RuleModel[];
  readonly at: Position;
}

/** One rule file (or the package's rule groups, which render into one). */
export interface RuleFileModel {
  readonly file: string;
  readonly groups: readonly GroupModel[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface CheckContext {
  /** `package`: this package's own definitions, which also follow its conventions; `external`: any rule file. */
  readonly mode: 'package' | 'external';
  readonly catalogue: Catalogue;
  /** Prometheus's scrape interval, seconds: `for` and range windows are judged against it. */
  readonly scrapeIntervalSeconds: number;
  /** Scrape jobs whose series are pushed (held forever) and need a staleness guard. */
  readonly pushedJobs: ReadonlySet<string>;
  /** Set for the package's own rules: whether `docs/runbooks/<alert>.md` exists. */
  readonly runbookExists?: (alert: string) => boolean;
  /** Metrics that rules in the files being checked record themselves (known, whatever the catalogue says). */
  readonly recorded?: ReadonlySet<string>;
  /** External files: a metric no producer is known for is an error, not a note (the linter's `--strict`). */
  readonly strict?: boolean;
  /**
   * Per producer id, the scrape jobs that collect its series and what their metric_relabel_configs do (the
   * linter reads them from a scrape config). Unset when no scrape config was given.
   */
  readonly scrapeJobs?: ReadonlyMap<string, readonly ScrapeJobModel[]>;
  /** Every job of that scrape config: a `job` matcher may name one the producer's jobs do not include. */
  readonly allScrapeJobs?: readonly ScrapeJobModel[];
}

/** A scrape job as a scrape config defines it, with where. */
export interface ScrapeJobModel {
  readonly name: string;
  /** honor_labels: the scraped series keep their own `job` label, so a `job` matcher may not name this job. */
  readonly honorLabels?: boolean;
  readonly metricRelabelConfigs: readonly RelabelConfig[];
  /** Where each metric_relabel_configs rule is written, by index. */
  readonly ruleAt?: readonly Position[];
  readonly at: Position;
}

/** What a check says about one rule: which field, what is wrong, how to fix it. */
export interface Problem {
  readonly field: string;
  readonly message: string;
  readonly fix: string;
  /** Default: error. */
  readonly severity?: Severity;
}

/** A rule with its group and, when the expression parses, its syntax tree. */
export interface RuleSubject {
  readonly rule: RuleModel;
  readonly group: GroupModel;
  readonly tree: Tree | undefined;
}

export interface Check {
  /** Stable ID, `area/name`, also the path of its file under core/checks/. */
  readonly id: string;
  /** One line: what the check refuses and why. */
  readonly summary: string;
  /** A convention of this package (names, annotations, runbooks), not a Prometheus rule: skipped for external files. */
  readonly packageOnly?: boolean;
  /** Per rule (both kinds unless it filters). */
  readonly rule?: (s: RuleSubject, ctx: CheckContext) => Problem[];
  /** Per file, for what spans rules (unique names, group names). */
  readonly file?: (f: RuleFileModel, ctx: CheckContext) => { group: GroupModel; rule?: RuleModel; problem: Problem }[];
}

export interface Finding extends Problem {
  readonly check: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line?: number;
  readonly group: string;
  readonly rule?: { readonly kind: 'alert' | 'record'; readonly name: string };
}
