#!/usr/bin/env bash
# Runs TeamShare on embedded SQLite with a data directory and the demo teams (api.md), on http://127.0.0.1:5080.
set -euo pipefail
cd "$(dirname "$0")/.."
export TeamShare__SeedDemo="${TeamShare__SeedDemo:-true}"
# The demo's server operator (the job dashboard at /admin/jobs); a real deployment names its own.
export TeamShare__Operators__0="${TeamShare__Operators__0:-olivia@acme.test}"
export TeamShare__DataDirectory="${TeamShare__DataDirectory:-$PWD/data}"
url="${TEAMSHARE_URL:-http://127.0.0.1:5080}"
# Document previews (issue 25): LibreOffice and poppler from Debian when missing. Without them TeamShare still runs, and says
# "preview not available on this server" where a document's pages would be.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing the document renderer (LibreOffice, poppler) ..."
  { $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
      libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui poppler-utils >/dev/null; } \
    || echo "Could not install them: documents will have no preview until they are installed."
fi
# Arguments pass through to the server; --urls chooses the address (default $url).
args=("$@")
case " $* " in *" --urls "*|*" --urls="*) ;; *) args+=(--urls "$url") ;; esac
echo "TeamShare: open $url and sign in as mia@acme.test with password demo-Password1 (data in $TeamShare__DataDirectory)"
exec dotnet run --project host/TeamShare.Host -c Release --no-launch-profile -- "${args[@]}"
