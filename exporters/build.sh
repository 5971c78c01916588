#!/bin/sh
# Bundles each exporter into one ESM file runnable with plain `node` (no node_modules needed at runtime).
# Used by the Dockerfile and by exporters/build.test.ts. Usage: sh exporters/build.sh <outdir>
set -eu
out="${1:?usage: build.sh <outdir>}"
here="$(cd "$(dirname "$0")" && pwd)"
esbuild="$here/../node_modules/.bin/esbuild"
# prom-client is CommonJS and requires node built-ins; an ESM bundle needs a real `require` for them.
banner="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
for prog in technitium-exporter technitium-zone-sync tmpfs-exporter; do
  "$esbuild" "$here/$prog/main.ts" --bundle --platform=node --target=node20 --format=esm \
    --banner:js="$banner" --legal-comments=none --log-level=warning --outfile="$out/$prog.mjs"
done
