#!/usr/bin/env bash
# Brings up what `npm test` needs and says what it does: Debian packages when missing (as root),
# dockerd when no daemon answers, and the local FROM-scratch promtool image when absent.
# Safe to run again: every step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "ensure-test-env: $*"; }

# binary -> Debian package that ships it (DESIGN.md, "Real components")
declare -A need=(
  [promtool]=prometheus
  [prometheus]=prometheus
  [prometheus-pushgateway]=prometheus-pushgateway
  [prometheus-alertmanager]=prometheus-alertmanager
  [dockerd]=docker.io
  [jsonnet]=jsonnet
)
missing=()
for bin in "${!need[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || missing+=("${need[$bin]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: $pkgs"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
  else
    say "missing Debian packages: $pkgs (not root, so not installing; tests that need them will say so)"
  fi
else
  say "Debian packages present (prometheus, prometheus-pushgateway, prometheus-alertmanager, docker.io, jsonnet)"
fi

# Docker daemon: the rule tests run promtool in a container.
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  say "docker daemon is running"
elif [ "$(id -u)" = 0 ] && command -v dockerd >/dev/null 2>&1; then
  log=${TMPDIR:-/tmp}/homelab-observability-dockerd.log
  say "starting dockerd (log: $log)"
  nohup dockerd >"$log" 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  if docker info >/dev/null 2>&1; then say "dockerd is up"; else say "dockerd did not come up; see $log (rule tests fall back to the local promtool binary)"; fi
else
  say "no docker daemon and cannot start one (rule tests fall back to the local promtool binary)"
fi

# The promtool image, built locally FROM scratch (no registry is reachable here).
if docker info >/dev/null 2>&1 && [ -x scripts/build-promtool-image.sh ]; then
  bash scripts/build-promtool-image.sh
fi
