#!/usr/bin/env bash
# Runs every test of the solution (set-up included), as CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build ProbeSim.sln -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet test ProbeSim.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" "$@"
