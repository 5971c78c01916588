// The data flow in one place: definitions -> validation -> rendered files (in memory) -> one atomic
// write of generated/ and the generated docs. Nothing is written unless every check passes.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from './config.ts';
import type { RuleGroup } from './rules.ts';
import { validate, ValidationError } from './validate.ts';
import { prometheusRuleFile } from './emit/prometheus.ts';
import { kubernetesDir, kustomization, renderManifest, ruleManifests, type ManifestFile } from './emit/kubernetes.ts';
import { alertsMarkdown } from './emit/docs.ts';
import { metricsMarkdown } from './emit/metrics-docs.ts';
import { keepListsFile } from './emit/keep-lists.ts';

export interface BuildInput {
  readonly cfg: Config;
  readonly groups: readonly RuleGroup[];
  /** Kubernetes manifests contributed by other parts (exporters), written beside the rules. */
  readonly extraManifests?: readonly ManifestFile[];
  /** Where docs/runbooks/ is looked up. */
  readonly runbookRoot: string;
}

export interface Rendered {
  /** Paths relative to generated/. */
  readonly generated: ReadonlyMap<string, string>;
  /** Paths relative to the repository root (generated docs). */
  readonly docs: ReadonlyMap<string, string>;
}

/** Validates and renders everything in memory; throws ValidationError naming every problem. */
export function render(input: BuildInput): Rendered {
  const problems = validate(input.groups, input.cfg, { root: input.runbookRoot });
  if (problems.length) throw new ValidationError(problems);

  const manifests = [...ruleManifests(input.groups, input.cfg), ...(input.extraManifests ?? [])];
  const generated = new Map<string, string>();
  generated.set('prometheus/alerting_rules.yml', prometheusRuleFile(input.groups));
  generated.set('prometheus/scrape-keep-lists.yml', keepListsFile(input.groups));
  for (const m of manifests) generated.set(`${kubernetesDir}/${m.file}`, renderManifest(m));
  generated.set(`${kubernetesDir}/kustomization.yaml`, kustomization(manifests, input.cfg));

  const docs = new Map<string, string>([
    ['docs/alerts.md', alertsMarkdown(input.groups)],
    ['docs/metrics.md', metricsMarkdown()],
  ]);
  return { generated: sortMap(generated), docs };
}

/**
 * Replaces <root>/generated with exactly the rendered files: written to a staging folder first and
 * swapped in with renames, so a failure midway leaves the previous generated/ in place.
 */
export function write(root: string, out: Rendered): void {
  const final = join(root, 'generated');
  const staging = join(root, `.build-tmp-${process.pid}`);
  const old = join(root, `.build-old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  for (const [rel, content] of out.generated) writeFile(join(staging, rel), content);
  for (const [rel, content] of out.docs) {
    const tmp = join(root, `${rel}.tmp-${process.pid}`);
    writeFile(tmp, content);
    renameSync(tmp, join(root, rel));
  }
  if (existsSync(final)) renameSync(final, old);
  renameSync(staging, final);
  rmSync(old, { recursive: true, force: true });
}

export function build(root: string, input: BuildInput): Rendered {
  const out = render(input);
  write(root, out);
  return out;
}

function writeFile(path: string, content: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function sortMap(m: Map<string, string>): Map<string, string> {
  return new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
