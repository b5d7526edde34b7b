#!/usr/bin/env bash
# Installs what the tests need (Debian: chromium, zbar-tools, python3-aiosmtpd, postgresql, litmus, rclone, cadaver, npm, dnsmasq-base,
# LibreOffice, poppler-utils, tesseract-ocr, tzdata, slapd, ldap-utils; npm: axe-core, s3rver, oidc-provider), starts a throwaway PostgreSQL server and an
# S3-protocol server (the PostgreSQL pass keeps its files in S3 buckets), builds once, runs every test project (the integration tests once per database provider), stops the server even
# on failure, and ends with one line "N passed, N failed". Exit status is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; } || need+=(python3-aiosmtpd)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# WebDAV clients (issue 10): the litmus conformance suite, rclone and cadaver.
for tool in litmus rclone cadaver; do command -v $tool >/dev/null 2>&1 || need+=($tool); done
command -v npm >/dev/null 2>&1 || need+=(npm)
# Document previews (issue 25): LibreOffice and poppler render, tesseract reads the rendered pages back.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
# Time zones for mails (issue 28): a minimal Debian image has no tz database, and then knows only UTC.
[ -f /usr/share/zoneinfo/Europe/Warsaw ] || need+=(tzdata)
# A DNS server for custom-domain verification (TXT records).
[ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
# An LDAP server and its tools for the directory sync (issue 29.2); the tests start slapd in a temporary directory.
[ -x /usr/sbin/slapd ] || need+=(slapd)
command -v ldapmodify >/dev/null 2>&1 || need+=(ldap-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing ${need[*]} ..."
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "Could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

# axe-core for the accessibility test (issue 12), from npm into an ignored folder of the browser tests.
axe=tests/TeamShare.BrowserTests/axe
if [ ! -f "$axe/node_modules/axe-core/axe.min.js" ]; then
  mkdir -p "$axe" && echo '{ "private": true }' > "$axe/package.json" && (cd "$axe" && npm install --no-audit --no-fund --silent axe-core@4.14.1 >/dev/null) \
    || { echo "Could not install axe-core from npm"; echo "0 passed, 1 failed"; exit 1; }
fi

# s3rver, an S3-protocol server, for the object store (issue 26.3), from npm into an ignored folder.
s3=tests/TeamShare.IntegrationTests/s3rver
if [ ! -x "$s3/node_modules/.bin/s3rver" ]; then
  mkdir -p "$s3" && echo '{ "private": true }' > "$s3/package.json" && (cd "$s3" && npm install --no-audit --no-fund --silent s3rver@3.7.1 >/dev/null) \
    || { echo "Could not install s3rver from npm"; echo "0 passed, 1 failed"; exit 1; }
fi

# oidc-provider, a certified OpenID provider, for single sign-on (issue 29.1); the tests start tests/oidc/provider.mjs.
oidc=tests/oidc
if [ ! -f "$oidc/node_modules/oidc-provider/package.json" ]; then
  echo '{ "private": true }' > "$oidc/package.json" && (cd "$oidc" && npm install --no-audit --no-fund --silent oidc-provider@9.13.3 >/dev/null) \
    || { echo "Could not install oidc-provider from npm"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Issue 26.5: the suite runs many short-lived processes (test hosts, a TeamShare host per browser class); dynamic PGO's
# instrumentation costs them more than its optimisations win back before they exit (browser pass 6 min 53 s → 5 min 55 s on
# the 2-core machine). It changes how code is compiled, not what it does; the service itself keeps the runtime's default.
export DOTNET_TieredPGO=0
# One C# compiler server for the whole build, whatever the environment says (CI's sets UseSharedCompilation=false, which
# starts a compiler process and compiles Roslyn itself anew for each of the ~25 projects): a clean clone's build took
# 58-59 s against 79-80 s. The server is shut down right after, so nothing outlives the build.
build_status=0
UseSharedCompilation=true dotnet build TeamShare.sln -c Release -nologo -clp:ErrorsOnly || build_status=1
dotnet build-server shutdown >/dev/null 2>&1 || true
if [ $build_status -ne 0 ]; then
  echo "Build failed."; echo "0 passed, 1 failed"; exit 1
fi

pgdir=$(mktemp -d /tmp/teamshare-pg.XXXXXX)
s3dir=$(mktemp -d /tmp/teamshare-s3.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir"; scripts/s3.sh stop "$s3dir"' EXIT
if ! TEAMSHARE_TEST_POSTGRES=$(scripts/postgres.sh start "$pgdir"); then
  echo "Could not start PostgreSQL."; echo "0 passed, 1 failed"; exit 1
fi
if ! TEAMSHARE_TEST_S3=$(scripts/s3.sh start "$s3dir"); then
  echo "Could not start s3rver."; echo "0 passed, 1 failed"; exit 1
fi
export TEAMSHARE_TEST_POSTGRES TEAMSHARE_TEST_S3 TEAMSHARE_TEST_S3_DIRECTORY="$s3dir/data"

results=$(mktemp -d)
status=0
# One after another: on two cores the passes run at once took longer in all (16 min against 11) and starved the browser
# tests' hosts past their start-up limit.
run() { # name project [VAR=value ...]
  local name=$1 project=$2; shift 2
  echo "== $name"
  env "$@" dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    || status=1
  [ -f "$results/$name.trx" ] || { echo "$name produced no results"; status=1; }
}
SECONDS=0
run UnitTests tests/TeamShare.UnitTests
run ArchitectureTests tests/TeamShare.ArchitectureTests
run IntegrationTests.Sqlite tests/TeamShare.IntegrationTests TEAMSHARE_TEST_PROVIDER=sqlite
run IntegrationTests.Postgres tests/TeamShare.IntegrationTests TEAMSHARE_TEST_PROVIDER=postgres
run BrowserTests tests/TeamShare.BrowserTests
echo "Tests took ${SECONDS} s."

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ $status -ne 0 ] && [ $failed -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ $status -eq 0 ] && [ $failed -eq 0 ]
