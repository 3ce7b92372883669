#!/usr/bin/env bash
# Installs what ProbeSim's build and tests need on a fresh machine (idempotent).
# - the .NET 10 SDK must already be there (dotnet on PATH);
# - Debian's device-tree-compiler (dtc 1.6.1, fdtoverlay) and cpp, used only by comparison tests and the benchmark;
# - Debian's graphviz (dot), used only to check that probesim boot --dot writes a graph Graphviz accepts.
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
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || echo "setup: could not install ${need[*]}; comparison tests will say so" >&2
  else
    echo "setup: ${need[*]} missing (needs root and apt-get); comparison tests will say so" >&2
  fi
fi

dotnet restore ProbeSim.sln --verbosity quiet >/dev/null
