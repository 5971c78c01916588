// `npm run build`: writes generated/ and the generated docs from the typed definitions.
// On any problem it prints each one (group, rule, field, fix), exits 1 and leaves generated/ as it was.
//   --out DIR       write DIR/generated and DIR/docs instead of the repository's (for trying changes)
//   --runbooks DIR  look for DIR/docs/runbooks/<AlertName>.md instead of the repository's
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultConfig } from './config.ts';
import { build } from './pipeline.ts';
import { ValidationError } from './validate.ts';
import { ruleGroups } from '../alerts/index.ts';
import { exporterManifests } from '../exporters/manifests.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const { values } = parseArgs({ options: { out: { type: 'string' }, runbooks: { type: 'string' } } });
  const cfg = defaultConfig;
  const root = resolve(values.out ?? repo);
  const out = build(root, {
    cfg,
    groups: ruleGroups(cfg),
    extraManifests: exporterManifests(cfg),
    runbookRoot: resolve(values.runbooks ?? repo),
  });
  console.log(`build: wrote ${out.generated.size} files to ${resolve(root, 'generated')} and ${[...out.docs.keys()].join(', ')}`);
} catch (e) {
  const detail = e instanceof ValidationError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
  console.error(`build failed; generated/ left unchanged.\n${detail}`);
  process.exit(1);
}
