#!/usr/bin/env node
// `npx homelab-observability <command> ...` from a checkout (package.json "bin"; `npm run lint` runs it too).
// Runs the command's TypeScript entry point as one JavaScript bundle that esbuild writes to
// node_modules/.cache/homelab-observability/ and rebuilds when any file it was built from changed: starting a
// command through tsx's loader costs more than the whole lint (bench/lint.bench.ts). Files of this repository
// keep what import.meta says about them, so paths relative to them (the inventories, the repository root) and
// their require() of CommonJS packages resolve as when run from source.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// sourceMaps: stack traces name the .ts files and lines (the build records where each rule is defined).
const commands = { build: { entry: 'cli/build.ts', sourceMaps: true }, lint: { entry: 'cli/lint.ts', sourceMaps: false } };
const [command, ...args] = process.argv.slice(2);
if (!Object.hasOwn(commands, command ?? '')) {
  process.stderr.write(`usage: homelab-observability <command> [args]\ncommands: ${Object.keys(commands).join(', ')}\n`);
  process.exit(2);
}

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(repo, 'node_modules', '.cache', 'homelab-observability');
const bundle = join(cache, `${command}.mjs`);
const stamp = join(cache, `${command}.inputs.json`);

/** Size and modification time of every file the bundle was built from, and of the lock file (package versions). */
function fingerprint(inputs) {
  return [...inputs, 'package-lock.json', 'cli/homelab-observability.mjs'].map((f) => {
    try {
      const s = statSync(join(repo, f));
      return `${f}:${s.size}:${s.mtimeMs}`;
    } catch {
      return `${f}:gone`;
    }
  });
}

function fresh() {
  try {
    const { inputs, prints } = JSON.parse(readFileSync(stamp, 'utf8'));
    return JSON.stringify(fingerprint(inputs)) === JSON.stringify(prints);
  } catch {
    return false;
  }
}

async function rebuild() {
  const { build } = await import('esbuild');
  const own = (path) => path.startsWith(`${repo}/`) && !path.startsWith(join(repo, 'node_modules'));
  mkdirSync(cache, { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: repo,
    entryPoints: [commands[command].entry],
    ...(commands[command].sourceMaps ? { sourcemap: 'inline', sourcesContent: false } : {}),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    metafile: true,
    logLevel: 'error',
    // re2-wasm (the CRD schema's regexes) finds its .wasm beside its own file: load it from node_modules
    external: ['re2-wasm'],
    // bundled CommonJS packages call require()
    banner: { js: "import { createRequire as __homelabRequire } from 'node:module'; const require = __homelabRequire(import.meta.url);" },
    plugins: [{
      name: 'own-import-meta',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, (a) => {
          if (!own(a.path)) return undefined;
          const src = readFileSync(a.path, 'utf8')
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href))
            .replaceAll('import.meta.dirname', JSON.stringify(dirname(a.path)));
          return { contents: src, loader: 'ts' };
        });
      },
    }],
  });
  const inputs = Object.keys(result.metafile.inputs);
  // rename: a process starting meanwhile sees the old bundle or the new one, never half of one
  renameSync(tmp, bundle);
  writeFileSync(`${stamp}.${process.pid}.tmp`, JSON.stringify({ inputs, prints: fingerprint(inputs) }));
  renameSync(`${stamp}.${process.pid}.tmp`, stamp);
}

if (!fresh()) {
  try {
    await rebuild();
  } catch (e) {
    process.stderr.write(`homelab-observability: could not build ${commands[command].entry}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
if (commands[command].sourceMaps) process.setSourceMapsEnabled(true);
const { main } = await import(pathToFileURL(bundle).href);
main(args);
