#!/usr/bin/env bash
# The main job: a working VmiGrains cluster with the demo fleet.
#   ./scripts/run.sh            bootstrap, build, start two silos on the demo hosts, load and attach
#                               the example profiles, replay demo telemetry; Ctrl+C stops everything
#   ./scripts/run.sh --kvm      the same demo on real qemu guests (root): a private libvirtd boots two
#                               TCG guests (~1-2 min), one silo manages them with live libvirt stats,
#                               and a CPU burn inside a guest drives its rules
#   ./scripts/run.sh --detach   (with or without --kvm) leave the cluster running in the background
#   ./scripts/run.sh --stop     stop a detached cluster, its guests, daemon and network namespace
#   ./scripts/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE=$ROOT/.run
log() { printf '[run] %s\n' "$*" >&2; }

DETACH=""; KVM=""
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --stop)
      if [[ -f $STATE/pids ]]; then xargs -r kill <"$STATE/pids" 2>/dev/null || true; rm -f "$STATE/pids"; log "stopped"; else log "no detached cluster"; fi
      if [[ -d $STATE/kvm ]]; then ./scripts/kvm-host.sh stop "$STATE/kvm" && rm -rf "$STATE/kvm" && log "guests, libvirtd and netns removed"; fi
      exit 0 ;;
    --detach) DETACH=--detach ;;
    --kvm) KVM=--kvm ;;
    *) echo "run.sh: unknown option '$arg'; see ./scripts/run.sh --help" >&2; exit 2 ;;
  esac
done

./scripts/bootstrap.sh
log "build (Release)"
dotnet build VmiGrains.sln -c Release --nologo -v q
SILO=(dotnet "$ROOT/src/VmiGrains.Silo/bin/Release/net10.0/vmi-silo.dll")
VMI=(dotnet "$ROOT/src/VmiGrains.Cli/bin/Release/net10.0/vmi.dll")

log "validate the example profiles"
"${VMI[@]}" profile validate examples/profiles/*.json >/dev/null

if [[ -f $STATE/pids ]]; then xargs -r kill <"$STATE/pids" 2>/dev/null || true; rm -f "$STATE/pids"; sleep 1; fi
for port in 11111 11112 30000 30001 8080 8081; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run.sh: port $port is in use; stop whatever listens there (./scripts/run.sh --stop if it is an earlier demo)" >&2; exit 1
  fi
done
mkdir -p "$STATE/logs"
: >"$STATE/pids"
# The test driver's statistics are synthetic, so the demo turns host polling off and lets the
# replayed telemetry drive the rules (on a real host leave VmiGrains:Host:StatsInterval at 5 s).
start_silo() { # name host silo-port gateway-port http-port [primary-port]
  local args=(--VmiGrains:Host:Name="$2" --VmiGrains:Hypervisor:Uri="test://$ROOT/tests/fixtures/hosts/$2.xml"
    --VmiGrains:Host:StatsInterval=00:00:00
    --VmiGrains:Cluster:SiloPort="$3" --VmiGrains:Cluster:GatewayPort="$4" --VmiGrains:Cluster:HttpUrl="http://127.0.0.1:$5")
  [[ -n "${6:-}" ]] && args+=(--VmiGrains:Cluster:PrimarySiloPort="$6")
  "${SILO[@]}" "${args[@]}" >"$STATE/logs/$1.log" 2>&1 &
  echo $! >>"$STATE/pids"
  log "silo $1 (host $2) pid $! — log $STATE/logs/$1.log"
}
stop_all() {
  xargs -r kill <"$STATE/pids" 2>/dev/null || true; rm -f "$STATE/pids"
  if [[ -d $STATE/kvm ]]; then ./scripts/kvm-host.sh stop "$STATE/kvm" >/dev/null 2>&1 || true; rm -rf "$STATE/kvm"; fi
}
[[ "$DETACH" == "--detach" ]] || trap 'log "stopping"; stop_all' EXIT INT TERM

if [[ "$KVM" == "--kvm" ]]; then
  source ./scripts/lib/run-kvm.sh
  run_kvm_demo
  exit 0
fi

start_silo silo-a demo-host-a 11111 30000 8080
sleep 2
start_silo silo-b demo-host-b 11112 30001 8081 11111

log "waiting for both hosts to report their VMIs"
for _ in $(seq 1 120); do
  count=$("${VMI[@]}" -o json vm list 2>/dev/null | grep -c '"vmi_id"' || true)
  [[ "$count" -ge 9 ]] && break
  if ! xargs -r ps -p <"$STATE/pids" >/dev/null; then echo "run.sh: a silo exited; see $STATE/logs/" >&2; tail -20 "$STATE"/logs/*.log >&2; exit 1; fi
  sleep 1
done
[[ "${count:-0}" -ge 9 ]] || { echo "run.sh: the demo hosts did not come up in 2 minutes; see $STATE/logs/" >&2; exit 1; }

log "load the example profiles and attach them"
"${VMI[@]}" profile apply -f examples/profiles/*.json
while read -r vm profile; do
  "${VMI[@]}" vm attach "$vm" "$profile"
done <<'ATTACH'
web-01 ux-personalization
web-02 ux-personalization
render-01 high-performance-rendering
db-01 minimal-footprint
ci-runner-01 minimal-footprint
ml-train-01 ml-training
ml-train-02 ml-training
db-02 video-encoding
ci-runner-02 degraded-network
ATTACH

log "replaying demo telemetry: a render burst on web-01, a suspicious login on web-02"
"${VMI[@]}" vm replay web-01 examples/telemetry/render-burst.jsonl --speed 4 >"$STATE/logs/replay-web-01.log" 2>&1 &
"${VMI[@]}" vm replay web-02 examples/telemetry/suspicious-login.jsonl --speed 4 >"$STATE/logs/replay-web-02.log" 2>&1 &

cat <<MSG

VmiGrains is running: two silos on the demo hosts demo-host-a and demo-host-b (libvirt test driver).
  fleet      http://127.0.0.1:8080/fleet/        (Orleans dashboard: http://127.0.0.1:8080/dashboard/)
  API        http://127.0.0.1:8080/api/v1/openapi.json   metrics: http://127.0.0.1:8080/metrics
  health     http://127.0.0.1:8080/healthz (liveness), http://127.0.0.1:8080/readyz (membership, storage, hypervisor)
  gateways   127.0.0.1:30000 (demo-host-a), 127.0.0.1:30001 (demo-host-b)
  logs       $STATE/logs/

Try (vmi = dotnet src/VmiGrains.Cli/bin/Release/net10.0/vmi.dll):
  vmi vm list
  vmi vm show web-01            # in ~10 s the render burst switches it to high-performance-rendering
  vmi vm decisions web-02       # the suspicious login moved it into security-audit

MSG
if [[ "$DETACH" == "--detach" ]]; then
  log "detached; stop with ./scripts/run.sh --stop"
  exit 0
fi
log "Ctrl+C stops the cluster"
wait
