#!/usr/bin/env bash
# TeamShare against bare baselines (issue 15): installs wrk (and the SMTP server the mail scenario uses) when missing,
# builds Release, runs scripts/bench.py and rewrites docs/benchmarks.md. Options: --label NAME (default "now"; "before"
# is kept and shown beside later runs), --rounds N, --seconds S, --big-mb M, --previews (only B11, issue 25). Raw results go to bench-results/ (ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
# B11 (--previews) renders documents: LibreOffice and poppler.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; } || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build host/TeamShare.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build tests/TeamShare.Baseline -c Release -nologo -clp:ErrorsOnly >/dev/null
# The server as an operator deploys it (docs/operations.md): published for this platform, its code compiled ahead of time.
rm -rf bench-results/publish
dotnet publish host/TeamShare.Host -c Release -r "linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')" -o bench-results/publish \
  -nologo -clp:ErrorsOnly >/dev/null
exec /usr/bin/python3 scripts/bench.py "$@"
