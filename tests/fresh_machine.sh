#!/usr/bin/env bash
# The README's promise on a machine without Odoo, from a clean clone.
#
#   tests/fresh_machine.sh            (not in CI: 809 s on a shared 2-core machine)
#
# An interpreter that cannot import Odoo (a fresh venv without system site
# packages) is given as PYTHON, ODOO_SRC points to an Odoo 18.0 source tree
# (default /opt/odoo18) or archive. `make test` must set everything up and end
# with "N passed, 0 failed, N skipped"; then `make run` must answer a JSON-RPC
# login of a demo user, and stop on Ctrl-C (SIGINT).
# Ports: SC_PG_PORT, SC_TEST_HTTP_PORT, SC_HTTP_PORT as for make. KEEP=1 keeps
# the scratch directory (it is kept anyway when a step fails).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
export ODOO_SRC=${ODOO_SRC:-/opt/odoo18}
export SC_HTTP_PORT=${SC_HTTP_PORT:-8069}
work=$(mktemp -d /tmp/sc-fresh-machine.XXXXXX)
# The PostgreSQL cluster of the clone runs as the postgres user when we are root.
chmod 755 "$work"
started=$(date +%s)
say() { echo "[fresh-machine $(($(date +%s) - started))s] $*"; }

say "clean clone of $branch into $work/clone"
git clone -q --branch "$branch" "$repo" "$work/clone"
python3 -m venv "$work/bare"
bare="$work/bare/bin/python"
if "$bare" -c 'import odoo.release' 2>/dev/null; then
    say "FAIL: $bare imports Odoo already; the check would prove nothing"
    exit 1
fi
cd "$work/clone"

say "make test PYTHON=$bare ODOO_SRC=$ODOO_SRC"
make test PYTHON="$bare" 2>&1 | tee "$work/make-test.log"
last=$(tail -n 1 "$work/make-test.log")
if ! [[ $last =~ ^[0-9]+\ passed,\ 0\ failed,\ [0-9]+\ skipped$ ]]; then
    say "FAIL: make test ended with: $last (log: $work/make-test.log)"
    exit 1
fi
[ -x .venv/bin/python ] || { say "FAIL: no .venv was made"; exit 1; }
say "make test: $last"

say "make run PYTHON=$bare on port $SC_HTTP_PORT"
setsid make run PYTHON="$bare" >"$work/make-run.log" 2>&1 &
run_pid=$!
login=$(.venv/bin/python - "$SC_HTTP_PORT" <<'EOF'
import json, sys, time, urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}"
payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
    "db": "servicecenter", "login": "agent", "password": "agent"}}
deadline = time.monotonic() + 1800
while time.monotonic() < deadline:
    try:
        request = urllib.request.Request(
            f"{url}/web/session/authenticate", json.dumps(payload).encode(),
            {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        print(answer.get("result", {}).get("uid") or answer)
        break
    except OSError:
        time.sleep(5)
else:
    print("no answer within 30 minutes")
EOF
)
kill -INT -- "-$run_pid" 2>/dev/null || true
wait "$run_pid" || true
for _ in $(seq 60); do  # the harness stops its PostgreSQL cluster after Odoo
    [ -e .run/pgdata/postmaster.pid ] || break
    sleep 1
done
if ! [[ $login =~ ^[0-9]+$ ]]; then
    say "FAIL: make run gave no JSON-RPC login: $login (log: $work/make-run.log)"
    exit 1
fi
say "make run: agent logged in over JSON-RPC (uid $login), stopped with SIGINT"

cd /
if [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$work"
fi
say "PASS in $(($(date +%s) - started)) s"
