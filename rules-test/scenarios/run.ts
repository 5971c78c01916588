// `npm run scenarios`: replays every incident against our rules and the legacy rules, prints the
// time-to-detect table and writes docs/incident-replays.md (deterministic: same rules, same file).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../builder.ts';
import { markdown, replay, table } from './replay.ts';

const { results, run } = await replay();
console.log(table(results));
console.log(`\n(promtool ${run.mode}: ${run.tool}, ${run.wallMs} ms)`);
const out = join(repoRoot, 'docs', 'incident-replays.md');
writeFileSync(out, markdown(results));
console.log(`wrote ${out}`);
