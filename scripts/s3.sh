#!/usr/bin/env bash
# A throwaway S3-protocol server for the tests (s3rver, installed by scripts/test.sh, started by scripts/s3rver.js): `s3.sh start DIR` starts it on a free
# loopback port with its objects in DIR/data and prints its address; `s3.sh stop DIR` stops it and removes DIR.
set -euo pipefail
action=$1; dir=$2
here="$(cd "$(dirname "$0")" && pwd)"
package="$here/../tests/TeamShare.IntegrationTests/s3rver"

case $action in
  start)
    [ -d "$package/node_modules/s3rver" ] || { echo "s3rver not installed (scripts/test.sh installs it)" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    mkdir -p "$dir/data"
    # Through s3rver.js, which leaves out one race of s3rver's own (see there).
    nohup node "$here/s3rver.js" "$package" "$dir/data" "$port" >"$dir/server.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 100); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "http://127.0.0.1:$port"; exit 0; }
      sleep 0.1
    done
    cat "$dir/server.log" >&2; exit 1
    ;;
  stop)
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
    rm -rf "$dir"
    ;;
esac
