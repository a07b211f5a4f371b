#!/usr/bin/env bash
# Runs every benchmark project under bench/ (BenchmarkDotNet, Release) and writes
# docs/benchmarks.md with the machine, the date, and each project's results.
#   ./scripts/bench.sh                 all benchmarks
#   ./scripts/bench.sh Rules           only bench/VmiGrains.Rules.Benchmarks
#   FLEET_RUNS="10000:5 100000:5:defer" FLEET_PER_HOST=100 FLEET_REPEAT=3 ./scripts/bench.sh Grains
#                                      one-silo fleet sizes (VMIS:SECONDS[:defer]), each the median of FLEET_REPEAT runs
#   ./scripts/bench.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
log() { printf '[bench] %s\n' "$*" >&2; }
ONLY=${1:-}
[[ "${FLEET_REPEAT:-3}" =~ ^[1-9][0-9]*$ ]] || { log "FLEET_REPEAT: '${FLEET_REPEAT}' is not a number of runs (1 or more; default 3)"; exit 2; }

./scripts/bootstrap.sh
OUT=docs/benchmarks.md
ARTIFACTS=$(mktemp -d)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release), $(uname -r), .NET $(dotnet --version)."
  echo "BenchmarkDotNet reports the median of its iterations; this machine is noisy, so compare medians, not means."
  echo "Goals stand beside each figure in the notes of each section (docs/benchmarks/*.md)."
  echo
} >"$OUT.tmp"

for project in bench/*/; do
  compgen -G "$project*.csproj" >/dev/null || continue # bench/Shared: code linked into projects
  name=$(basename "$project")
  short=${name#VmiGrains.}; short=${short%.Benchmarks}
  [[ -n "$ONLY" && "${short,,}" != "${ONLY,,}" ]] && continue
  log "$name"
  if grep -q 'Include="BenchmarkDotNet"' "$project"/*.csproj; then
    dotnet run -c Release --project "$project" -- --filter '*' --exporters github --join --job short --launchCount 3 \
      --artifacts "$ARTIFACTS/$name" >"$ARTIFACTS/$name.log" 2>&1 || { log "$name failed; see $ARTIFACTS/$name.log"; tail -20 "$ARTIFACTS/$name.log" >&2; exit 1; }
  else
    # A macro benchmark (load driver against real silos): it writes its own markdown report.
    VMIGRAINS_BENCH_REPORT="$ARTIFACTS/$name-macro.md" dotnet run -c Release --project "$project" \
      >"$ARTIFACTS/$name.log" 2>&1 || { log "$name failed; see $ARTIFACTS/$name.log"; tail -20 "$ARTIFACTS/$name.log" >&2; exit 1; }
  fi
  if [[ "$name" == VmiGrains.Grains.Benchmarks ]]; then
    # Fleet size on one silo: FLEET_REPEAT runs per size and interval, each in a fresh process with its own silo.
    {
      echo
      echo "### Fleet on one silo (hosts of ${FLEET_PER_HOST:-100} VMIs on the libvirt test driver, median of ${FLEET_REPEAT:-3} runs)"
      echo
      echo "Attach and apply loop: 64 concurrent calls through the client API (the apply loop is how \`vmi rollout\` worked before"
      echo "rollouts were a grain). Rollout: a server-side rollout (canary 1, 10 %, ×2; soak 0) from start to completed, and its rollback. Memory: managed heap"
      echo "added by the attached VMIs per VMI, and the whole managed heap after a full GC. CPU: cores the silo used (2 here)."
      echo "Every figure is the median of the runs (each run a fresh process); drift p99 and rollout also list each run."
      echo
      echo "| VMIs | hosts × VMIs | interval | runs | attach (rate) | heap per VMI | heap total | working set | ticks/s of expected | tick drift p50 | tick drift p99 | CPU steady | apply loop (rate) | CPU apply loop | rollout (rate) | CPU rollout | rollback | host notices |"
      echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    } >>"$ARTIFACTS/$name-macro.md"
    for run in ${FLEET_RUNS:-10000:5 100000:5 100000:5:defer 10000:1 20000:1 40000:1 60000:1}; do
      IFS=: read -r size interval mode <<<"$run"
      [[ "$size" =~ ^[0-9]+$ && "$interval" =~ ^[0-9]+$ && "${mode:-}" =~ ^(|defer)$ ]] \
        || { log "FLEET_RUNS: '$run' is not VMIS:SECONDS[:defer] (e.g. 10000:5 or 100000:5:defer)"; exit 2; }
      log "fleet of $size VMIs, ${interval} s ${mode:+(host notices deferred)}"
      dotnet run -c Release --no-build --project "$project" -- --fleet "$size" --per-host "${FLEET_PER_HOST:-100}" --interval "$interval" --steady 20 --runs "${FLEET_REPEAT:-3}" \
        ${mode:+--defer-host-notices} 2>>"$ARTIFACTS/$name.log" \
        | grep '^|' >>"$ARTIFACTS/$name-macro.md" || { log "fleet $size failed; see $ARTIFACTS/$name.log"; exit 1; }
    done
    echo >>"$ARTIFACTS/$name-macro.md"
  fi
  area=${name#VmiGrains.}; area=${area%.Benchmarks}; area=${area,,}
  echo "## $name" >>"$OUT.tmp"
  echo >>"$OUT.tmp"
  [[ -f "docs/benchmarks/$area.md" ]] && { cat "docs/benchmarks/$area.md"; echo; } >>"$OUT.tmp"
  for report in "$ARTIFACTS/$name"/results/*-report-github.md "$ARTIFACTS/$name-macro.md"; do
    [[ -f "$report" ]] && { cat "$report"; echo; } >>"$OUT.tmp"
  done
done
# The allocation simulator (issue 16) writes its own fragment, docs/benchmarks/allocation.md.
if [[ -z "$ONLY" || "${ONLY,,}" == allocation ]]; then
  log "allocation simulator"
  ./scripts/bench-allocation.sh || { log "allocation simulator failed"; exit 1; }
fi
# Measurements without a bench project of their own (e.g. docs/benchmarks/network.md), always re-rendered from their fragments.
if true; then
  for fragment in docs/benchmarks/*.md; do
    area=$(basename "$fragment" .md)
    shopt -s nocaseglob nullglob
    project=(bench/VmiGrains."$area".Benchmark[s]/)
    shopt -u nocaseglob nullglob
    ((${#project[@]})) && continue
    how="measured by hand; see the fragment"
    head -1 "$fragment" | grep -q '^<!-- written by scripts/' && how="written by $(head -1 "$fragment" | sed 's/^<!-- written by \([^;]*\);.*/\1/')"
    { echo "## $area ($how)"; echo; cat "$fragment"; echo; } >>"$OUT.tmp"
  done
fi
if [[ -n "$ONLY" && -f "$OUT" ]]; then
  # One project re-run: its section (and the fragments' sections) replace theirs in the existing report; the others stay.
  python3 - "$OUT" "$OUT.tmp" "$ONLY" <<'PY'
import re, sys
out, tmp, only = sys.argv[1:]
top = re.compile(r"^## (VmiGrains\.\S+\.Benchmarks|\S+ \((measured by hand|written by)[^\n]*)$", re.M)
def split(text):
    marks = list(top.finditer(text))
    head = text[:marks[0].start()] if marks else text
    return head, {m.group(0): text[m.start():(marks[i + 1].start() if i + 1 < len(marks) else len(text))] for i, m in enumerate(marks)}
old_head, old = split(open(out).read())
new_head, new = split(open(tmp).read())
stamp = re.search(r"on (\d{4}-\d\d-\d\d \d\d:\d\d UTC)", new_head)
note = f"The {only} section was re-run on {stamp.group(1) if stamp else 'a later date'}; the others are from the date above.\n"
head = old_head.rstrip("\n") + "\n" + ("" if note in old_head else note) + "\n"
open(out, "w").write(head + "".join({**old, **new}[k] for k in list(old) + [k for k in new if k not in old]))
PY
  rm -f "$OUT.tmp"
else
  mv "$OUT.tmp" "$OUT"
fi
log "wrote $OUT"
