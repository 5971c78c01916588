// `npm run lint -- [options] FILE...` (or `npx homelab-observability lint ...`): finds the alert and recording
// rules in any rule file that can never fire, offline, from what each producer emits (metrics/inventories/) and,
// with --scrape-config, from what the scrape jobs let through. Exit code 0: no errors or warnings (notes are
// allowed); 1: findings; 2: it could not run (an unreadable file, bad YAML, a file that holds no rules), with why.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { failing, findingJson, formatText, lint } from '../lint/lint.ts';
import { InputError } from '../lint/yaml.ts';

export const usage = `usage: lint [options] FILE...
  FILE                     a rule file (groups:), PrometheusRule manifests, or chart values with serverFiles."<name>.yml"
  --scrape-config FILE     a Prometheus config, chart values (serverFiles."prometheus.yml", extraScrapeConfigs)
                           or a list of scrape jobs; reports rules whose series a job's metric_relabel_configs remove
                           (repeatable: the jobs of every file count)
  --inventory FILE         a producer inventory (metrics/inventories/*.yml format): your own producers, or another
                           version of a shipped one (repeatable)
  --scrape-interval DUR    the scrape interval to judge ranges and 'for' against (default: the scrape config's
                           global scrape_interval, else 1m)
  --strict                 a metric no inventory knows is an error, not a note
  --format text|json       output (default text)
exit: 0 no errors or warnings, 1 findings, 2 could not run`;

export interface CliResult {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(argv: readonly string[]): CliResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'scrape-config': { type: 'string', multiple: true },
        inventory: { type: 'string', multiple: true },
        'scrape-interval': { type: 'string' },
        strict: { type: 'boolean' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return { code: 2, stdout: '', stderr: `lint: ${(e as Error).message}\n${usage}\n` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { code: 0, stdout: `${usage}\n`, stderr: '' };
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return { code: 2, stdout: '', stderr: `lint: --format must be text or json, not "${format}"\n` };
  if (positionals.length === 0) return { code: 2, stdout: '', stderr: `lint: no rule files given\n${usage}\n` };
  try {
    const result = lint({
      files: positionals,
      scrapeConfigs: values['scrape-config'] ?? [],
      inventories: values.inventory ?? [],
      strict: values.strict ?? false,
      ...(values['scrape-interval'] !== undefined ? { scrapeInterval: values['scrape-interval'] } : {}),
    });
    const stdout = format === 'json' ? `${JSON.stringify(result.findings.map(findingJson), null, 2)}\n` : formatText(result);
    return { code: result.findings.some(failing) ? 1 : 0, stdout, stderr: '' };
  } catch (e) {
    if (e instanceof InputError) return { code: 2, stdout: '', stderr: `lint: could not run: ${e.message}\n` };
    throw e;
  }
}

export function main(argv: readonly string[]): void {
  let r: CliResult;
  try {
    r = run(argv);
  } catch (e) {
    // a fault of the linter itself: it could not run either
    r = { code: 2, stdout: '', stderr: `lint: could not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n` };
  }
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
