#!/usr/bin/env bash
# A private KVM/qemu host for the real-VM tier and the demo: a network namespace with a bridge, a private
# virtlogd + libvirtd (own config, state and socket under DIR; the machine's /etc/libvirt is never touched)
# running inside that namespace so the guests' taps land there, and N guests booted from scripts/guest-image.sh.
#   ./scripts/kvm-host.sh start DIR [--guests N] [--memory MIB]   boot; prints the libvirt URI on stdout
#   ./scripts/kvm-host.sh stop DIR                                  tear down guests, daemons, netns (also after a failure)
#   ./scripts/kvm-host.sh status DIR                                show daemons and guests
#   ./scripts/kvm-host.sh --help
# Guests: vmig-<tag>-<i> (tag from DIR), uuid stable per name, 10.77.<net>.1<i>/24 on bridge vmigbr0 (host side
# 10.77.<net>.1), MAC 52:54:00:77:<net>:1<i>; DIR/host.env lists URI, NETNS, TAG, IMAGE and per guest NAME/UUID/IP/MAC.
# Guests run under TCG (<domain type='qemu'>); /dev/kvm is not used.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
log() { printf '[kvm-host] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

[[ "${1:-}" == "-h" || "${1:-}" == "--help" || $# -lt 2 ]] && { usage; [[ $# -ge 1 && "$1" == -* ]] && exit 0; exit 2; }
CMD=$1; DIR=$2; shift 2
GUESTS=1; MEMORY=192
while (($#)); do
  case "$1" in
    --guests) GUESTS=$2; shift 2 ;;
    --memory) MEMORY=$2; shift 2 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$GUESTS" =~ ^[1-8]$ ]] || die "--guests must be 1..8, got '$GUESTS'"
((MEMORY >= 128)) || die "--memory must be >= 128 MiB (the Debian kernel does not boot below ~96), got $MEMORY"
[[ $(id -u) -eq 0 ]] || die "needs root (a privileged libvirtd, network namespaces)"

mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)
TAG=$(printf '%s' "$DIR" | sha256sum | cut -c1-6)
NET=$(( 0x$(printf '%s' "$DIR" | sha256sum | cut -c7-8) % 200 + 20 ))
NETNS=vmig-kvm-$TAG
BRIDGE=vmigbr0
SOCK=$DIR/run/libvirt/libvirt-sock
URI="qemu+unix:///system?socket=$SOCK"
VIRSH=(virsh -q -c "$URI")

guest_name() { echo "vmig-$TAG-$1"; }
guest_uuid() { local h; h=$(printf 'vmigrains-guest:%s' "$1" | sha256sum); echo "${h:0:8}-${h:8:4}-4${h:13:3}-8${h:17:3}-${h:20:12}"; }
guest_ip() { echo "10.77.$NET.1$1"; }
guest_mac() { printf '52:54:00:77:%02x:1%d' "$NET" "$1"; }

# Runs a command in the private mount namespace of the daemons, inside the network namespace.
in_host() { nsenter --net="/run/netns/$NETNS" --mount="/proc/$(cat "$DIR/libvirtd.pid")/ns/mnt" "$@"; }

start_daemons() {
  local priv=$DIR/private
  rm -rf "$priv" "$DIR/run"; mkdir -p "$priv"/{etc,lib,cache,log/qemu} "$DIR/run/libvirt" "$DIR/guests"
  cp -a /etc/libvirt/. "$priv/etc/"
  rm -f "$priv/etc/qemu/networks/autostart/"*.xml
  # Short keepalive: a client that does not answer it (no running event loop) loses its connection after
  # ~6 s of idling instead of 30 s, so the tests notice such a client at once.
  printf '\n# vmigrains private host\nkeepalive_interval = 2\nkeepalive_count = 2\n' >>"$priv/etc/libvirtd.conf"
  cat >>"$priv/etc/qemu.conf" <<'EOF'

# vmigrains private host (scripts/kvm-host.sh)
security_driver = "none"
user = "root"
group = "root"
EOF
  # virtlogd/libvirtd daemonize; the mount namespace lives as long as they do. /sys stays the host's so the
  # cgroup hierarchies are the real ones (tests read qemu's cgroup files from outside).
  nsenter --net="/run/netns/$NETNS" unshare -m --propagation private /bin/sh -ec "
    mount --bind '$priv/etc' /etc/libvirt
    mkdir -p /var/lib/libvirt /var/cache/libvirt /var/log/libvirt /run/libvirt
    mount --bind '$priv/lib' /var/lib/libvirt
    mount --bind '$priv/cache' /var/cache/libvirt
    mount --bind '$priv/log' /var/log/libvirt
    mount --bind '$DIR/run/libvirt' /run/libvirt
    virtlogd -d -p '$DIR/virtlogd.pid'
    libvirtd -d -p '$DIR/libvirtd.pid'
  "
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -S "$SOCK" ]] && "${VIRSH[@]}" version >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "libvirtd did not answer on $SOCK within 10 s; see $priv/log"
}

domain_xml() { # index image
  local i=$1 img=$2 name; name=$(guest_name "$i")
  cat <<EOF
<domain type='qemu'>
  <name>$name</name>
  <uuid>$(guest_uuid "$name")</uuid>
  <memory unit='MiB'>$MEMORY</memory>
  <currentMemory unit='MiB'>$MEMORY</currentMemory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$img/vmlinuz</kernel>
    <initrd>$img/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet panic=-1 vmig.name=$name vmig.ip=$(guest_ip "$i")/24</cmdline>
  </os>
  <features><acpi/><tcg><tb-cache unit='MiB'>32</tb-cache></tcg></features>
  <on_reboot>destroy</on_reboot>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none'/>
      <source file='$DIR/guests/$name.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='bridge'>
      <source bridge='$BRIDGE'/>
      <mac address='$(guest_mac "$i")'/>
      <model type='virtio'/>
    </interface>
    <serial type='file'><source path='$DIR/guests/$name.console.log'/><target port='0'/></serial>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <memballoon model='virtio'><stats period='2'/></memballoon>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
  </devices>
</domain>
EOF
}

wait_agent() { # name deadline-seconds
  local start=$SECONDS
  while ((SECONDS - start < $2)); do
    "${VIRSH[@]}" qemu-agent-command "$1" '{"execute":"guest-ping"}' --timeout 2 >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

cmd_start() {
  for tool in libvirtd virtlogd virsh qemu-system-x86_64 qemu-img nsenter unshare ip; do
    command -v "$tool" >/dev/null || die "$tool is missing: run ./scripts/bootstrap.sh"
  done
  if [[ -f "$DIR/libvirtd.pid" ]] || ip netns list 2>/dev/null | grep -qw "$NETNS"; then
    log "a host (or its netns) from an earlier run of $DIR is still there; stopping it first"; cmd_stop
  fi
  local img; img=$("$ROOT/scripts/guest-image.sh")
  local t0=$SECONDS
  trap 'log "start failed; tearing down"; cmd_stop' ERR
  ip netns add "$NETNS"
  ip -n "$NETNS" link set lo up
  ip -n "$NETNS" link add "$BRIDGE" type bridge
  ip -n "$NETNS" addr add "10.77.$NET.1/24" dev "$BRIDGE"
  ip -n "$NETNS" link set "$BRIDGE" up
  start_daemons
  local i name
  {
    echo "URI=$URI"; echo "NETNS=$NETNS"; echo "BRIDGE=$BRIDGE"; echo "HOST_IP=10.77.$NET.1"; echo "GUESTS=$GUESTS"
    echo "TAG=$TAG"; echo "IMAGE=$img"
  } >"$DIR/host.env"
  for ((i = 0; i < GUESTS; i++)); do
    name=$(guest_name "$i")
    cp "$img/disk.qcow2" "$DIR/guests/$name.qcow2"
    domain_xml "$i" "$img" >"$DIR/guests/$name.xml"
    "${VIRSH[@]}" define "$DIR/guests/$name.xml" >/dev/null
    "${VIRSH[@]}" start "$name" >/dev/null
    printf 'GUEST%d_NAME=%s\nGUEST%d_UUID=%s\nGUEST%d_IP=%s\nGUEST%d_MAC=%s\n' "$i" "$name" "$i" "$(guest_uuid "$name")" \
      "$i" "$(guest_ip "$i")" "$i" "$(guest_mac "$i")" >>"$DIR/host.env"
  done
  for ((i = 0; i < GUESTS; i++)); do
    name=$(guest_name "$i")
    wait_agent "$name" $((60 + 30 * GUESTS)) || {
      log "guest $name: agent did not answer guest-ping; console:"; tail -n 20 "$DIR/guests/$name.console.log" >&2 || true; false
    }
  done
  trap - ERR
  echo "BOOT_SECONDS=$((SECONDS - t0))" >>"$DIR/host.env"
  log "$GUESTS guest(s) up in $((SECONDS - t0)) s; netns $NETNS; $DIR/host.env"
  echo "$URI"
}

cmd_stop() {
  set +e
  if [[ -S "$SOCK" ]]; then
    local name
    for name in $("${VIRSH[@]}" list --all --name 2>/dev/null); do
      "${VIRSH[@]}" destroy "$name" >/dev/null 2>&1
      "${VIRSH[@]}" undefine "$name" >/dev/null 2>&1
    done
  fi
  local pidfile pid
  # qemu processes libvirtd may have left (e.g. after libvirtd itself died).
  for pidfile in "$DIR"/run/libvirt/qemu/*.pid "$DIR/libvirtd.pid" "$DIR/virtlogd.pid"; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile" 2>/dev/null)
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
  done
  for pidfile in "$DIR"/run/libvirt/qemu/*.pid "$DIR/libvirtd.pid" "$DIR/virtlogd.pid"; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile" 2>/dev/null)
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  # Deleting the namespace removes the bridge, the taps and any qdisc left on them.
  ip netns del "$NETNS" 2>/dev/null
  # Machine cgroups of our guests, if a killed qemu left them.
  local d
  for d in /sys/fs/cgroup/*/machine/qemu-*-vmig-"$TAG"-*.libvirt-qemu; do
    [[ -d "$d" ]] || continue
    find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  rm -f "$DIR/libvirtd.pid" "$DIR/virtlogd.pid" "$DIR/host.env"
  log "stopped ($DIR)"
  return 0
}

cmd_status() {
  local ok=0
  if [[ -f "$DIR/libvirtd.pid" ]] && kill -0 "$(cat "$DIR/libvirtd.pid")" 2>/dev/null; then
    echo "libvirtd: running (pid $(cat "$DIR/libvirtd.pid")), URI $URI"
    "${VIRSH[@]}" list --all
  else
    echo "libvirtd: not running"; ok=1
  fi
  ip netns list 2>/dev/null | grep -qw "$NETNS" && echo "netns: $NETNS" || echo "netns: absent"
  return $ok
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage; exit 2 ;;
esac
