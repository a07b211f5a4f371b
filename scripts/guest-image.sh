#!/usr/bin/env bash
# Builds the tiny Linux guest the real-VM tier boots: a Debian cloud kernel and an initramfs assembled
# from Debian packages only (apt-get download + dpkg-deb -x; shared libraries found with ldd).
# Cached: rebuilt only when this script or a package version changes. Prints the image directory.
#   ./scripts/guest-image.sh              build (or reuse) into $VMIGRAINS_GUEST_CACHE (default /var/cache/vmigrains/guest)
#   ./scripts/guest-image.sh --force      rebuild even when the cache is current
#   ./scripts/guest-image.sh --help
# The image directory holds vmlinuz, initrd.img, disk.qcow2 (a 16 MiB blank template) and key (the cache key).
# Inside the guest: busybox init, qemu-ga on org.qemu.guest_agent.0, coreutils nice/timeout, iproute2 tc
# with sch_netem/sch_htb/sch_tbf, nftables' nft with the nf_tables modules per-app rules use (ct, socket
# cgroupv2, reject), cgroup v2 on /sys/fs/cgroup, eth0 addressed from the kernel cmdline (vmig.ip=ADDR/PREFIX),
# /usr/bin/burn (CPU), /usr/bin/memtouch MIB (holds MIB of tmpfs), and long-running stand-ins
# named blender, sshd and updatedb (started by init, each in its app cgroup vmigrains-app-NAME) for
# application priorities and per-app network rules; procps pgrep, util-linux renice; strace.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

log() { printf '[guest-image] %s\n' "$*" >&2; }

CACHE=${VMIGRAINS_GUEST_CACHE:-/var/cache/vmigrains/guest}
KERNEL_PKG=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}')
[[ -n "$KERNEL_PKG" ]] || { log "cannot resolve linux-image-cloud-amd64 (run apt-get update)"; exit 1; }
PACKAGES=("$KERNEL_PKG" busybox-static qemu-guest-agent iproute2 coreutils procps bsdutils nftables strace)
MODULES=(virtio_pci virtio_net virtio_blk virtio_console virtio_balloon virtio_rng sch_netem sch_htb sch_tbf
  nf_tables nft_ct nft_socket nft_reject_inet)

# One builder at a time per cache (test runs of several worktrees may share it).
mkdir -p "$CACHE"
exec 9>"$CACHE.lock"
flock 9

versions=$(for p in "${PACKAGES[@]}"; do printf '%s=%s\n' "$p" "$(apt-cache policy "$p" | awk '/Candidate:/ {print $2}')"; done)
KEY=$( { sha256sum "$0" | cut -d' ' -f1; echo "$versions"; } | sha256sum | cut -d' ' -f1)
if [[ $FORCE -eq 0 && -f "$CACHE/key" && "$(cat "$CACHE/key")" == "$KEY" && -f "$CACHE/initrd.img" && -f "$CACHE/vmlinuz" && -f "$CACHE/disk.qcow2" ]]; then
  log "up to date: $CACHE"
  echo "$CACHE"
  exit 0
fi

WORK=$(mktemp -d /tmp/vmigrains-guest-build.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
log "building in $WORK (${PACKAGES[*]})"
chmod 0755 "$WORK"
mkdir -p "$WORK/debs" "$WORK/x" "$WORK/root"
chmod 0777 "$WORK/debs" # apt-get download drops privileges to _apt when it can
(cd "$WORK/debs" && apt-get download -qq "${PACKAGES[@]}" >/dev/null)
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/x"; done

R=$WORK/root
X=$WORK/x
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,run,tmp,var/run,root,lib/modules}
cp "$X/bin/busybox" "$R/bin/busybox"
for applet in $("$R/bin/busybox" --list); do
  [[ -e "$R/bin/$applet" ]] || ln -s busybox "$R/bin/$applet"
done
# The product calls /usr/bin/{pgrep,renice,nice,timeout}: coreutils for nice/timeout (busybox-static has
# no nice, and its timeout lacks --kill-after), procps pgrep (busybox-static has none) and util-linux
# renice (busybox's -n is relative; the product sets an absolute nice).

copy_with_libs() { # source-file dest-path
  install -D -m 0755 "$1" "$R$2"
  if ldd "$1" | grep -q 'not found'; then log "$1 needs libraries this machine lacks: $(ldd "$1" | grep 'not found' | tr -s ' \n' ' ')"; exit 1; fi
  ldd "$1" 2>/dev/null | awk '/=>/ {print $3} /^\s*\/lib/ {print $1}' | while read -r lib; do
    [[ -n "$lib" && -e "$lib" ]] || continue
    real=$(readlink -f "$lib")
    install -D -m 0755 "$real" "$R$lib"
  done
}
copy_with_libs "$X/usr/sbin/qemu-ga" /usr/sbin/qemu-ga
copy_with_libs "$X/sbin/tc" /sbin/tc
copy_with_libs "$X/usr/bin/nice" /usr/bin/nice
copy_with_libs "$X/usr/bin/timeout" /usr/bin/timeout
copy_with_libs "$X/usr/bin/pgrep" /usr/bin/pgrep
copy_with_libs "$X/usr/bin/renice" /usr/bin/renice
# nft for the per-app rules (GuestAppFirewallCompiler): its libnftables/libnftnl/libmnl/... come from this
# machine's copies through ldd (bootstrap.sh installs nftables here too).
copy_with_libs "$X/usr/sbin/nft" /usr/sbin/nft
# strace for the syscalls observer (SyscallTracing), attached to the observed applications' processes;
# its libunwind comes from this machine's copy through ldd (bootstrap.sh installs strace here too).
copy_with_libs "$X/usr/bin/strace" /usr/bin/strace
# The dynamic loader itself (ldd lists it by its absolute path).
install -D -m 0755 "$(readlink -f /lib64/ld-linux-x86-64.so.2)" "$R/lib64/ld-linux-x86-64.so.2"

# Kernel and the modules we need, with their dependencies from modules.dep.
KVER=${KERNEL_PKG#linux-image-}
MODDIR=$X/lib/modules/$KVER
BB=$X/bin/busybox
# The package ships no modules.dep (its postinst runs depmod): generate it with busybox.
"$BB" depmod -b "$X" "$KVER"
cp "$X/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
declare -A seen=()
add_module() { # path relative to MODDIR
  [[ -n "${seen[$1]:-}" ]] && return 0
  seen[$1]=1
  local deps
  deps=$(awk -F': *' -v m="$1" '$1 == m {print $2}' "$MODDIR/modules.dep")
  for d in $deps; do add_module "$d"; done
  install -D -m 0644 "$MODDIR/$1" "$R/lib/modules/$KVER/$1"
}
for m in "${MODULES[@]}"; do
  path=$(awk -F: -v m="$m" '{n=$1; sub(/.*\//, "", n); sub(/\.ko(\.[a-z]+)?$/, "", n); gsub(/-/, "_", n); if (n == m) {print $1; exit}}' "$MODDIR/modules.dep")
  if [[ -n "$path" ]]; then add_module "$path"
  elif grep -qw "$m" "$MODDIR/modules.builtin" 2>/dev/null; then :
  else log "module $m is neither a module nor built in"; exit 1
  fi
done
cp "$MODDIR"/modules.{order,builtin} "$R/lib/modules/$KVER/" 2>/dev/null || true
"$BB" depmod -b "$R" "$KVER"

# Load generator and application stand-ins (scripts: their comm is their file name).
cat >"$R/usr/bin/burn" <<'EOF'
#!/bin/sh
# burn [SECONDS]: one busy CPU, forever or for SECONDS.
if [ -n "$1" ]; then end=$(( $(date +%s) + $1 )); while [ "$(date +%s)" -lt "$end" ]; do :; done; else while :; do :; done; fi
EOF
cat >"$R/usr/bin/memtouch" <<'EOF'
#!/bin/sh
# memtouch MIB: holds MIB MiB of touched memory (a tmpfs file) until killed.
mkdir -p /run/memtouch; f=/run/memtouch/$$
dd if=/dev/zero of="$f" bs=1048576 count="${1:-16}" 2>/dev/null
trap 'rm -f "$f"; exit 0' TERM INT
while :; do sleep 1; done
EOF
for app in blender sshd updatedb; do
  printf '#!/bin/sh\n# %s stand-in: a named long-running process for application priorities.\nwhile :; do sleep 3600; done\n' "$app" >"$R/usr/bin/$app"
done
chmod 0755 "$R"/usr/bin/{burn,memtouch,blender,sshd,updatedb}
printf '#!/bin/sh\nexec /bin/poweroff -f\n' >"$R/sbin/shutdown"; chmod 0755 "$R/sbin/shutdown"

cat >"$R/init" <<'EOF'
#!/bin/sh
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts; mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /tmp
for m in virtio_pci virtio_net virtio_blk virtio_console virtio_balloon virtio_rng sch_netem sch_htb sch_tbf nf_tables nft_ct nft_socket nft_reject_inet; do modprobe "$m" 2>/dev/null; done
# cgroup v2: per-app network rules match a socket's cgroup (vmigrains-app-NAME, see AppCgroups).
mount -t cgroup2 cgroup2 /sys/fs/cgroup
hostname "$(sed -n 's/.*vmig.name=\([^ ]*\).*/\1/p' /proc/cmdline)"
ip link set lo up
ip=$(sed -n 's/.*vmig.ip=\([^ ]*\).*/\1/p' /proc/cmdline)
for i in $(seq 50); do [ -e /sys/class/net/eth0 ] && break; sleep 0.1; done
ip link set eth0 up; [ -n "$ip" ] && ip addr add "$ip" dev eth0
mkdir -p /dev/virtio-ports /var/run
for i in $(seq 100); do
  for p in /sys/class/virtio-ports/*; do
    [ -f "$p/name" ] && [ "$(cat "$p/name")" = org.qemu.guest_agent.0 ] && ln -sf "/dev/${p##*/}" /dev/virtio-ports/org.qemu.guest_agent.0
  done
  [ -e /dev/virtio-ports/org.qemu.guest_agent.0 ] && break; sleep 0.1
done
for app in blender sshd updatedb; do
  mkdir -p "/sys/fs/cgroup/vmigrains-app-$app"
  /bin/sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "/sys/fs/cgroup/vmigrains-app-$app" "/usr/bin/$app" </dev/null >/dev/null 2>&1 &
done
echo "vmigrains guest up: $(hostname) $ip"
exec /bin/busybox init
EOF
chmod 0755 "$R/init"
# No getty: the serial console is a log file on the host (a shell reading it would respawn forever).
cat >"$R/etc/inittab" <<'EOF'
::respawn:/usr/sbin/qemu-ga -m virtio-serial -p /dev/virtio-ports/org.qemu.guest_agent.0 -t /run
::ctrlaltdel:/bin/poweroff -f
EOF
printf 'ID=vmigrains-guest\nID_LIKE=debian\nNAME="VmiGrains test guest"\nPRETTY_NAME="VmiGrains test guest (Debian 12 packages)"\nVERSION_ID=1\n' >"$R/etc/os-release"
echo 'root:x:0:0:root:/root:/bin/sh' >"$R/etc/passwd"; echo 'root:x:0:' >"$R/etc/group"

(cd "$R" && find . | "$BB" cpio -o -H newc 2>/dev/null | gzip -1) >"$WORK/initrd.img"
qemu-img create -q -f qcow2 "$WORK/disk.qcow2" 16M

mkdir -p "$CACHE"
for f in vmlinuz initrd.img disk.qcow2; do mv -f "$WORK/$f" "$CACHE/$f"; done
printf '%s\n' "$versions" >"$CACHE/packages"
echo "$KEY" >"$CACHE/key"
log "built $CACHE ($(du -h "$CACHE/initrd.img" | cut -f1) initramfs, kernel $KVER)"
echo "$CACHE"
