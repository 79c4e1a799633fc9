#!/usr/bin/env bash
# HSS benchmarks (recorded in bench/RESULTS.md):
#   1. provisioning 1,000,000 generated subscribers into an empty store (one transaction);
#   2. MAR/s (AKA, one vector each) answered by one ims-hss, load from hss-mar-load on the same
#      machine, median of RUNS runs; resident memory of ims-hss with the million-subscriber store.
# Usage: bench/hss_bench.sh [BIN_DIR] [RUNS] [COUNT] [USERS] [CONCURRENCY]
set -euo pipefail
BIN=${1:-build/hss/bin}; BIN=$(cd "$BIN" && pwd)
RUNS=${2:-5}; COUNT=${3:-100000}; USERS=${4:-10000}; CONC=${5:-64}
REALM=ims.mnc001.mcc001.3gppnetwork.org
DIR=$(mktemp -d /tmp/hss-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap '[[ -n "${HSS_PID:-}" ]] && kill "$HSS_PID" 2>/dev/null; rm -rf "$DIR"' EXIT
cd "$DIR"

cat > million.yaml <<YAML
service_profiles:
  - name: default
    ifcs:
      - priority: 0
        trigger_point: { condition_type_cnf: false, spt: [ { method: REGISTER } ] }
        application_server: { server_name: "sip:as.$REALM:7060" }
generate:
  - count: 1000000
    width: 7
    impi: "user{n}@$REALM"
    impus: [ "sip:user{n}@$REALM", "tel:+1555{n}" ]
    service_profile: default
    aka: { k: 465b5ce8b199b49faa5f0a2ee238a6bc, opc: cd63cb71954a9f4e48a5994e37a02baf, amf: "8000" }
    digest: { password: "pw{n}" }
YAML
echo "== provisioning 1,000,000 subscribers (2 IMPUs, AKA + digest HA1 MD5/SHA-256 each)"
/usr/bin/time -f "wall_s=%e user_s=%U sys_s=%S maxrss_kb=%M" \
    "$BIN/ims-hss" provision --db hss.sqlite --file million.yaml
ls -l hss.sqlite | awk '{print "db_bytes=" $5}'

cat > hss.yaml <<YAML
hss:
  database: ./hss.sqlite
  home_network: $REALM
  control_socket: ./hss.ctl
log: { level: ${HSS_LOG_LEVEL:-warn} }
diameter:
  identity: hss.$REALM
  realm: $REALM
  listen: { address: 127.0.0.1, port: $PORT }
  state_dir: ./state
  threads: ${HSS_THREADS:-2}
YAML
"$BIN/ims-hss" --config hss.yaml > hss.log 2>&1 &
HSS_PID=$!
for _ in $(seq 100); do grep -q "ims-hss ready" hss.log 2>/dev/null && break; sleep 0.1; done
sleep 0.5
echo "== ims-hss idle rss_kb=$(ps -o rss= -p $HSS_PID)"
echo "== MAR load: runs=$RUNS count=$COUNT users=$USERS concurrency=$CONC (AKA, 1 vector)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)
rates=()
for i in $(seq "$RUNS"); do
    before=$(cpu_ticks $HSS_PID)
    out=$(/usr/bin/time -f "%U %S" -o client.time "$BIN/hss-mar-load" --hss 127.0.0.1:$PORT \
          --hss-identity hss.$REALM --realm $REALM --count "$COUNT" --concurrency "$CONC" \
          --users "$USERS" --width 7 --threads 1)
    after=$(cpu_ticks $HSS_PID)
    hss_us=$(python3 -c "print(round(($after-$before)/$TICK/$COUNT*1e6, 1))")
    client_us=$(awk -v n="$COUNT" '{printf "%.1f", ($1+$2)/n*1e6}' client.time)
    echo "run $i: $out hss_cpu_us_per_mar=$hss_us client_cpu_us_per_mar=$client_us load=$(cut -d' ' -f1 /proc/loadavg)"
    rates+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rate_per_s"])' "$out")")
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "== median MAR/s: $median"
echo "== ims-hss rss_kb after load: $(ps -o rss= -p $HSS_PID) cpu_time: $(ps -o time= -p $HSS_PID)"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) nproc: $(nproc)"
