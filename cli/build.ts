// `npm run build`: writes generated/ and the generated docs from the domains listed in domains.ts.
// On any problem it prints each one (file:line, group, rule, field, fix), exits 1 and leaves generated/ and
// the docs as they were.
//   --out DIR       write DIR/generated and DIR/docs instead of the repository's (for trying changes)
//   --runbooks DIR  look for DIR/docs/runbooks/<AlertName>.md instead of the repository's
// `npm run build` runs it as a bundle through cli/homelab-observability.mjs; `npx tsx cli/build.ts` from source.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BuildError, build } from '../core/pipeline.ts';
import { repoRoot } from '../core/paths.ts';
import { packageInput } from '../domains.ts';

export function main(args: string[]): void {
  try {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, runbooks: { type: 'string' } } });
    const root = resolve(values.out ?? repoRoot);
    const out = build(root, packageInput({ runbookRoot: resolve(values.runbooks ?? repoRoot) }));
    console.log(`build: wrote ${out.generated.size} files to ${resolve(root, 'generated')} and ${[...out.docs.keys()].join(', ')}`);
  } catch (e) {
    const detail = e instanceof BuildError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`build failed; generated/ and the docs left unchanged.\n${detail}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
