#!/usr/bin/env node
// `npx homelab-observability <command> ...` from a checkout (package.json "bin"): runs the TypeScript entry point
// of the command through tsx, as the npm scripts do. Commands: lint (cli/lint.ts).
import { register } from 'tsx/esm/api';

const commands = { lint: './lint.ts' };
const [command, ...args] = process.argv.slice(2);
if (!Object.hasOwn(commands, command ?? '')) {
  process.stderr.write(`usage: homelab-observability <command> [args]\ncommands: ${Object.keys(commands).join(', ')}\n`);
  process.exit(2);
}
register();
const { main } = await import(new URL(commands[command], import.meta.url).href);
main(args);
