# Shared by the benchmark scripts: a work directory cleaned up on exit, a server started and
# stopped on port 18080, and output teed into bench/results/. Source it from the project root.
set -euo pipefail
./scripts/setup --bench
./scripts/build >/dev/null

work=$(mktemp -d /tmp/formlympics-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill -INT "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    ./scripts/services stop "$work" || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-${bench_name:-bench}.txt"
exec > >(tee "$out") 2>&1
echo "# $(date -u)  $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(uname -r)"

export FORMLYMPICS_JWT_SECRET="bench-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port=18080

# start_server DATABASE_URL [extra server flags...]; runs $server_binary when set (bench/compare)
start_server() {
    local url=$1
    shift
    "${server_binary:-./build/formlympics}" --listen "127.0.0.1:$port" --database-url "$url" \
        --log-level warn "$@" \
        >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$port/api/v1/forms?limit=1" >/dev/null && return 0
        sleep 0.1
    done
    cat "$work/server.log"
    return 1
}

stop_server() {
    kill -INT "$server_pid"
    wait "$server_pid" || true
    server_pid=""
}

# The port of a postgresql:// URL.
pg_port_of() {
    local p=${1##*:}
    echo "${p%%/*}"
}
