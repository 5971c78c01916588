// `npm run build`: writes generated/ and the generated docs from the typed definitions.
// On any problem it prints each one (group, rule, field, fix), exits 1 and leaves generated/ as it was.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from './config.ts';
import { build } from './pipeline.ts';
import { ValidationError } from './validate.ts';
import { ruleGroups } from '../alerts/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const cfg = defaultConfig;
  const out = build(root, { cfg, groups: ruleGroups(cfg), runbookRoot: root });
  console.log(`build: wrote ${out.generated.size} files to generated/ and ${[...out.docs.keys()].join(', ')}`);
} catch (e) {
  if (e instanceof ValidationError) {
    console.error(`build failed; generated/ left unchanged.\n${e.message}`);
  } else {
    console.error(`build failed; generated/ left unchanged.\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  process.exit(1);
}
