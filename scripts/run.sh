#!/usr/bin/env bash
# Runs TeamShare on embedded SQLite with a data directory and the demo teams (api.md), on http://127.0.0.1:5080.
set -euo pipefail
cd "$(dirname "$0")/.."
export TeamShare__SeedDemo="${TeamShare__SeedDemo:-true}"
# The demo's server operator (the job dashboard at /admin/jobs); a real deployment names its own.
export TeamShare__Operators__0="${TeamShare__Operators__0:-olivia@acme.test}"
export TeamShare__DataDirectory="${TeamShare__DataDirectory:-$PWD/data}"
url="${TEAMSHARE_URL:-http://127.0.0.1:5080}"
echo "TeamShare: open $url and sign in as mia@acme.test with password demo-Password1 (data in $TeamShare__DataDirectory)"
exec dotnet run --project host/TeamShare.Host -c Release --no-launch-profile -- --urls "$url"
