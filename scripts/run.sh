#!/usr/bin/env bash
# The main job: a working VmiGrains cluster with the demo fleet and dashboard.
#   ./scripts/run.sh          bootstrap, build, validate the example profiles, start the demo
#   ./scripts/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
log() { printf '[run] %s\n' "$*" >&2; }

./scripts/bootstrap.sh
log "build"
dotnet build VmiGrains.sln -c Release --nologo -v q
VMI=(dotnet src/VmiGrains.Cli/bin/Release/net10.0/vmi.dll)

log "validate the example profiles"
"${VMI[@]}" profile validate examples/profiles/*.json

if [[ ! -x src/VmiGrains.Silo/bin/Release/net10.0/vmi-silo ]] || ! grep -q AddVmiGrains src/VmiGrains.Silo/Program.cs 2>/dev/null; then
  cat >&2 <<'MSG'
[run] The silo is not part of this build yet. When it is, this script starts:
[run]   - one silo on the demo hosts (libvirt test driver, tests/fixtures/hosts/demo-host-*.xml),
[run]     localhost clustering and memory storage, gateway 127.0.0.1:30000, dashboard and REST API on http://127.0.0.1:8080
[run]   - the example profiles loaded and attached to the demo VMs
[run]   - a telemetry driver replaying examples/telemetry/ so rules visibly fire
MSG
  exit 0
fi
