#!/usr/bin/env bash
# Installs everything VmiGrains needs on a Debian 12 machine, idempotently.
# Safe to run many times: each step checks before it installs.
#   ./scripts/bootstrap.sh            all system packages, azurite, dotnet restore
#   ./scripts/bootstrap.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

log() { printf '[bootstrap] %s\n' "$*" >&2; }

# Debian packages: name=command-or-file that proves it is installed.
APT_PACKAGES=(
  "libvirt0:/usr/lib/x86_64-linux-gnu/libvirt.so.0"
  "libvirt-dev:/usr/include/libvirt/libvirt.h"
  "redis-server:/usr/bin/redis-server"
  # ClockSkewTests run a silo with its clock set back (LD_PRELOAD libfaketime).
  "faketime:/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
  "qemu-guest-agent:/usr/sbin/qemu-ga"
  "nftables:/usr/sbin/nft"
  "iproute2:/usr/sbin/ip"
  "libxml2-utils:/usr/bin/xmllint"
  "strace:/usr/bin/strace"
  # The guests' shell and tools (scripts/guest-image.sh takes busybox-static): the Domain tests run the observers'
  # guest scripts under it on the host too, where busybox differs from dash and GNU grep (grep -F and NULs).
  "busybox-static:/bin/busybox"
  "procps:/usr/bin/pgrep"
  "iputils-ping:/usr/bin/ping"
  "netcat-openbsd:/bin/nc.openbsd"
  "chromium:/usr/bin/chromium"
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
  "zsh:/usr/bin/zsh"      # the tests run vmi completion scripts in each shell
  "fish:/usr/bin/fish"
  "shellcheck:/usr/bin/shellcheck"   # test.sh lints every script before it builds
  # Real-VM tier (scripts/kvm-host.sh): a private libvirtd with the qemu driver, guests under TCG.
  # Name the -sysv variant: without it apt picks -systemd and upgrades systemd (PID 1 is not systemd).
  "libvirt-daemon-system:/etc/libvirt/libvirtd.conf"
  "libvirt-daemon-system-sysv:/etc/init.d/libvirtd"
  "libvirt-daemon-driver-qemu:/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so"
  "libvirt-clients:/usr/bin/virsh"
  "qemu-system-x86:/usr/bin/qemu-system-x86_64"
  "qemu-utils:/usr/bin/qemu-img"
  # libvirt's nwfilter (VmiGrains:Network:PolicyBackend=nwfilter) runs /usr/sbin/ebtables and iptables. The
  # iptables package brings their nf_tables flavours (ebtables-nft, iptables-nft: Debian's default
  # alternatives); this kernel has no legacy ebtables, which is what the ebtables package itself adds.
  "ebtables:/usr/sbin/ebtables"
  "iptables:/usr/sbin/iptables-nft"
  "util-linux:/usr/bin/nsenter"
)

missing=()
for entry in "${APT_PACKAGES[@]}"; do
  pkg=${entry%%:*}; probe=${entry#*:}
  [[ -e "$probe" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing packages: ${missing[*]} — run this script as root (or install them yourself)"; exit 1
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # redis-server's package starts a system instance; our scripts run their own on free ports.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
  pkill -f '^/usr/bin/redis-server 127.0.0.1:6379' 2>/dev/null || true
else
  log "system packages present"
fi

# promtool lints /metrics and deploy/prometheus in the tests. Debian ships it only in the prometheus
# package, whose postinst starts the Prometheus server (invoke-rc.d); a policy-rc.d that forbids
# service starts (exit 101) keeps it from starting, and it is stopped and disabled in case another
# policy let it through: our tests need the tool, not a server on port 9090.
install_promtool() {
  local policy=/usr/sbin/policy-rc.d ours=0 rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# scripts/bootstrap.sh: no service starts while prometheus is installed\nexit 101\n' >"$policy"
    chmod 0755 "$policy"; ours=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null || rc=$?
  if ((ours)); then rm -f "$policy"; fi
  ((rc == 0)) || return "$rc"
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
  update-rc.d prometheus disable >/dev/null 2>&1 || true
  if pgrep -x prometheus >/dev/null; then /etc/init.d/prometheus stop >/dev/null 2>&1 || true; fi
}
if [[ -x /usr/bin/promtool ]]; then
  log "promtool present"
elif [[ $(id -u) -ne 0 ]]; then
  log "missing promtool (Debian package prometheus) — run this script as root (or install it yourself)"; exit 1
else
  log "installing promtool (package prometheus; its server is not started)"
  apt-get update -qq
  install_promtool
fi

# nwfilter needs the nf_tables flavours: legacy ebtables does not exist in this kernel.
for tool in ebtables iptables; do
  current=$(update-alternatives --query "$tool" 2>/dev/null | awk '/^Value:/ {print $2}')
  if [[ -n "$current" && "$current" != *-nft ]]; then
    log "warning: $tool points to $current; libvirt's nwfilter needs /usr/sbin/$tool-nft here (update-alternatives --set $tool /usr/sbin/$tool-nft)"
  fi
done

# Azurite (Azure Storage emulator) from npm, for the Azure Table persistence tests.
if ! command -v azurite >/dev/null 2>&1; then
  log "installing azurite (npm)"
  npm install -g --no-audit --no-fund --loglevel=error azurite@3 >/dev/null 2>&1
else
  log "azurite present"
fi

# Redocly CLI, pinned, for the OpenAPI lint test (tests/VmiGrains.Silo.Tests/Api/OpenApiLintTests.cs, config redocly.yaml).
REDOCLY_VERSION=2.77.0
REDOCLY_DIR=/var/cache/vmigrains/redocly
if [[ "$("$REDOCLY_DIR/node_modules/.bin/redocly" --version 2>/dev/null)" != "$REDOCLY_VERSION" ]]; then
  log "installing @redocly/cli@$REDOCLY_VERSION (npm, into $REDOCLY_DIR)"
  mkdir -p "$REDOCLY_DIR"
  npm install --prefix "$REDOCLY_DIR" --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >/dev/null
else
  log "redocly present"
fi

# The guest image the real-VM tier boots (cached; rebuilt only when its script or a package changes).
if [[ $(id -u) -eq 0 ]]; then
  ./scripts/guest-image.sh >/dev/null
else
  log "not root: skipping the guest image (scripts/guest-image.sh); the real-VM tier needs root"
fi

log "dotnet restore"
dotnet restore VmiGrains.sln --nologo -v q
log "done"
