#!/usr/bin/env bash
# Builds the local promtool image the rule tests run in on machines that cannot reach a container
# registry: FROM scratch, holding Debian's /usr/bin/promtool and the two libc files it links against.
# Idempotent: does nothing when the image already exists (pass --force to rebuild).
# Usage: scripts/build-promtool-image.sh [--force]      env: PROMTOOL_LOCAL_IMAGE, PROMTOOL_BIN
set -euo pipefail

image="${PROMTOOL_LOCAL_IMAGE:-homelab-observability/promtool:local}"
bin="${PROMTOOL_BIN:-/usr/bin/promtool}"
force=false
[ "${1:-}" = "--force" ] && force=true

if ! docker info >/dev/null 2>&1; then
  echo "build-promtool-image: no Docker daemon reachable; nothing built" >&2
  exit 1
fi
if ! $force && docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-promtool-image: $image already present ($(docker image inspect -f '{{.Id}}' "$image" | cut -c1-19)); nothing to do"
  exit 0
fi
[ -x "$bin" ] || { echo "build-promtool-image: $bin not found (Debian package 'prometheus')" >&2; exit 1; }

# Every shared object promtool needs (libc.so.6 and the loader on Debian amd64), resolved by ldd.
mapfile -t libs < <(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
[ "${#libs[@]}" -gt 0 ] || { echo "build-promtool-image: ldd found no libraries for $bin" >&2; exit 1; }

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/bin" "$ctx/tmp"
cp "$bin" "$ctx/bin/promtool"
# promtool test rules opens its test storage under $TMPDIR (/tmp): scratch has none, so ship an empty one.
touch "$ctx/tmp/.keep"
chmod 1777 "$ctx/tmp"
{
  echo "FROM scratch"
  echo "COPY bin/promtool /bin/promtool"
  echo "COPY tmp /tmp"
  for lib in "${libs[@]}"; do
    mkdir -p "$ctx/root$(dirname "$lib")"
    cp -L "$lib" "$ctx/root$lib"
    echo "COPY root$lib $lib"
  done
  echo "ENTRYPOINT [\"/bin/promtool\"]"
} >"$ctx/Dockerfile"

echo "build-promtool-image: building $image from $bin ($("$bin" --version 2>&1 | head -n1))"
echo "build-promtool-image: with ${libs[*]}"
DOCKER_BUILDKIT=0 docker build --quiet -t "$image" "$ctx"
docker run --rm "$image" --version 2>&1 | head -n1 | sed 's/^/build-promtool-image: image says: /'
