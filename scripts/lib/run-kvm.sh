# shellcheck shell=bash
# The demo on real qemu guests, sourced by scripts/run.sh --kvm (after bootstrap and build).
# A private libvirtd in its own network namespace boots two TCG guests (scripts/kvm-host.sh); one silo
# manages that host with libvirt statistics polled every second and network enforcement on (nft/tc run inside
# that namespace, on the guests' taps); the guests get the example profiles,
# and a CPU burn started inside the first guest through the agent drives its render-burst rule.

run_kvm_demo() {
  [[ $(id -u) -eq 0 ]] || { echo "run.sh --kvm: needs root (a privileged libvirtd and a network namespace)" >&2; exit 1; }
  local kvm=$STATE/kvm uri gw=127.0.0.1:30000
  log "booting two qemu guests under a private libvirtd (TCG; about 1-2 minutes on 2 cores)"
  uri=$(./scripts/kvm-host.sh start "$kvm" --guests 2) || { echo "run.sh --kvm: the guests did not boot; see $kvm/guests/*.console.log" >&2; exit 1; }
  # shellcheck disable=SC1091
  source "$kvm/host.env"

  "${SILO[@]}" --VmiGrains:Host:Name=kvm-host --VmiGrains:Hypervisor:Uri="$uri" \
    --VmiGrains:Host:StatsInterval=00:00:01 \
    --VmiGrains:Network:Enabled=true --VmiGrains:Network:NetworkNamespace="$NETNS" \
    --VmiGrains:Cluster:SiloPort=11111 --VmiGrains:Cluster:GatewayPort=30000 --VmiGrains:Cluster:HttpUrl=http://127.0.0.1:8080 \
    >"$STATE/logs/silo-kvm.log" 2>&1 &
  echo $! >>"$STATE/pids"
  log "silo (host kvm-host, $uri) pid $! — log $STATE/logs/silo-kvm.log"

  log "waiting for the silo to discover both guests"
  local count=0
  for _ in $(seq 1 120); do
    count=$("${VMI[@]}" --gateway "$gw" -o json vm list 2>/dev/null | grep -c '"vmi_id"' || true)
    [[ "$count" -ge 2 ]] && break
    if ! xargs -r ps -p <"$STATE/pids" >/dev/null; then echo "run.sh: the silo exited; see $STATE/logs/silo-kvm.log" >&2; tail -20 "$STATE/logs/silo-kvm.log" >&2; exit 1; fi
    sleep 1
  done
  [[ "$count" -ge 2 ]] || { echo "run.sh --kvm: the guests were not discovered in 2 minutes; see $STATE/logs/silo-kvm.log" >&2; exit 1; }

  log "load the example profiles; $GUEST0_NAME and $GUEST1_NAME get ux-personalization and minimal-footprint"
  "${VMI[@]}" --gateway "$gw" profile apply -f examples/profiles/*.json >/dev/null
  "${VMI[@]}" --gateway "$gw" vm attach "$GUEST0_NAME" ux-personalization
  "${VMI[@]}" --gateway "$gw" vm attach "$GUEST1_NAME" minimal-footprint

  log "a 90 s CPU burn inside $GUEST0_NAME: its render_burst rule will switch it to high-performance-rendering"
  "${VMI[@]}" --gateway "$gw" exec "$GUEST0_NAME" --detach --timeout 120 -- /usr/bin/burn 90 >"$STATE/logs/burn.log" 2>&1 || true

  cat <<MSG

VmiGrains is running on real qemu guests: one silo manages the private libvirtd at
  $uri
  guests     $GUEST0_NAME ($GUEST0_IP), $GUEST1_NAME ($GUEST1_IP) — network namespace $NETNS
  fleet      http://127.0.0.1:8080/fleet/        (Orleans dashboard: http://127.0.0.1:8080/dashboard/)
  API        http://127.0.0.1:8080/api/v1/openapi.json   metrics: http://127.0.0.1:8080/metrics
  gateway    $gw
  logs       $STATE/logs/

Try (vmi = dotnet src/VmiGrains.Cli/bin/Release/net10.0/vmi.dll):
  vmi vm show $GUEST0_NAME        # live CPU from libvirt; within ~10 s of the burn it is on high-performance-rendering
  vmi vm decisions $GUEST0_NAME   # the rule, the switch, the new cpu_shares
  cat /sys/fs/cgroup/cpu/machine/qemu-*-$GUEST0_NAME.libvirt-qemu/cpu.shares   # the weight, as the kernel has it
  ip netns exec $NETNS ping -c 3 $GUEST0_IP

MSG
  if [[ "$DETACH" == "--detach" ]]; then
    log "detached; stop with ./scripts/run.sh --stop (also removes the guests, libvirtd and the netns)"
    return 0
  fi
  log "Ctrl+C stops the cluster and the guests"
  wait
}
