#!/usr/bin/env bash
# Installs what ProbeSim's build and tests need on a fresh machine (idempotent).
# - the .NET 10 SDK must already be there (dotnet on PATH);
# - Debian's device-tree-compiler (dtc 1.6.1, fdtoverlay) and cpp, used only by comparison tests and the benchmark;
# - Debian's zstd, used only to make a compressed kernel module in the importer's tests (xz and gzip are always there);
# - Debian's graphviz (dot), used only to check that probesim boot --dot writes a graph Graphviz accepts;
# - the HTML report's JavaScript (cytoscape, through npm ci in src/ProbeSim.Reports/Html/web), which the build embeds;
# - Debian's chromium, which the HTML report's browser test drives headless (skip with PROBESIM_NO_BROWSER=1).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK (dotnet) is required" >&2
  exit 1
fi

need=()
command -v dtc >/dev/null 2>&1 || need+=(device-tree-compiler)
command -v fdtoverlay >/dev/null 2>&1 || need+=(device-tree-compiler)
command -v cpp >/dev/null 2>&1 || need+=(cpp)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v zstd >/dev/null 2>&1 || need+=(zstd)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || echo "setup: could not install ${need[*]}; comparison tests will say so" >&2
  else
    echo "setup: ${need[*]} missing (needs root and apt-get); comparison tests will say so" >&2
  fi
fi

# Debian's chromium for the HTML report's browser test (tests/ProbeSim.Reports.Tests/Html/Browser), which fails without it.
if [ -z "${PROBESIM_NO_BROWSER:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium (for the HTML report's browser test)" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
      || echo "setup: could not install chromium; the browser test will fail and say so" >&2
  else
    echo "setup: /usr/bin/chromium missing (installing it needs root and apt-get); the browser test will fail and say so" >&2
  fi
fi

# The HTML report's vendored JavaScript: npm ci when node_modules does not match package-lock.json.
web=src/ProbeSim.Reports/Html/web
if ! cmp -s "$web/package-lock.json" "$web/node_modules/.probesim-lock.json" 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    if (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
      cp "$web/package-lock.json" "$web/node_modules/.probesim-lock.json"
    else
      echo "setup: 'npm ci' failed in $web; the build cannot embed the HTML report's JavaScript (run it there to see why)" >&2
    fi
  else
    echo "setup: npm (Node.js) is missing; the build needs it once to vendor the HTML report's JavaScript into $web/node_modules" >&2
  fi
fi

dotnet restore ProbeSim.sln --verbosity quiet >/dev/null
