// `npm run schemas:grafana`: compiles core/grafana/schemas/*.jsonschema.json into validators.gen.js (and its
// .d.ts) beside them. Run it after replacing a schema; the build loads the compiled file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/paths.ts';
import { validatorsSource } from '../core/grafana/schemas/compile.ts';

const dir = join(repoRoot, 'core', 'grafana', 'schemas');
const { js, dts } = validatorsSource();
writeFileSync(join(dir, 'validators.gen.js'), js);
writeFileSync(join(dir, 'validators.gen.d.ts'), dts);
console.log(`schemas:grafana: wrote ${join(dir, 'validators.gen.js')} (${js.length} bytes) and its .d.ts`);
