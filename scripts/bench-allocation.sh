#!/usr/bin/env bash
# Issue 16: the host simulator's comparison of five allocation policies and the cost of one re-plan,
# written to docs/benchmarks/allocation.md (machine, date, table, plan cost as the median of SIM_RUNS runs).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[bench-allocation] %s\n' "$*" >&2; }
RUNS=${SIM_RUNS:-5}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { log "SIM_RUNS: '$RUNS' is not a number of runs (1 or more; default 5)"; exit 2; }
OUT=docs/benchmarks/allocation.md
dotnet build -c Release src/VmiGrains.Cli -warnaserror >/dev/null
VMI=(dotnet src/VmiGrains.Cli/bin/Release/net10.0/vmi.dll host simulate)
costs=$(mktemp)
for _ in $(seq "$RUNS"); do
  "${VMI[@]}" --plan-cost --scenario steady --steps 10 | sed -n 's/^re-plan of \([0-9]*\) VMIs: \([0-9.]*\) ms.*/\1 \2/p' >>"$costs"
done
# The reading notes printed under the table.
notes() {
  cat <<'NOTES'
How to read it: UNMET is the share of all memory and network demand not served (demand above the
host is unmet whatever the policy, so only the differences between rows mean anything); FAIRNESS is
Jain's index of service / weighted fair share over the intervals whose network demand exceeds the
link; CHANGES/VMI/H counts intervals in which a VMI's memory or network limit moved; TO FAIR is the
median number of intervals a VMI whose traffic jumps from < 0.1 to ≥ 0.3 of the link waits until it
is served 95 % of its fair share (a burst that ends first counts as never); IDLE CAPS counts
VMI-intervals with a limit below the VMI's maximum while demand was below 90 % of the host.

Goals of issue 16 for the work-conserving policy, on this table (seed 1):

- **Uncontended host: zero unmet demand and zero caps below maximum — MET** (steady: 0.00 %, 0).
  Every static policy and the old demand-capped one cap the idle host all the time (2,880 of 2,880
  VMI-intervals); the old policy even leaves demand unmet on an idle host (0.01 %).
- **Under contention unmet demand no worse than the best other policy on every scenario — GAP.**
  mom-like is better on bursty (45.05 vs 48.43), diurnal (3.08 vs 5.68), noisy-neighbour (27.91 vs
  31.83), big-transfer (5.85 vs 7.94) and memory-leak (0.00 vs 0.13). Cause: mom-like does not
  control the network, so under contention the link stays work-conserving (the host splits it
  max-min among whoever sends), while the work-conserving policy caps each VMI at its weighted share
  of the *measured* use: a capped VMI's demand above its cap is seen only at the next plan (probing
  raises it to its fair share in one interval), and a neighbour's unused share is not lent until
  then. The price of enforcing weights with hard caps; closing it would need caps that follow
  demand inside an interval (e.g. tc classes with borrowing — htb ceil — instead of one rate per
  VMI), or not capping VMIs that are below their share. Against the old policy it is better
  everywhere (bursty 72.97 → 48.43, diurnal 8.90 → 5.68, big-transfer 48.32 → 7.94, memory-leak 4.81 → 0.13),
  equal on noisy-neighbour (31.84 → 31.83).
- **Strictly better than static shares on bursty and noisy-neighbour — MET** (bursty 48.43 vs 57.57
  / 57.62; noisy-neighbour 31.83 vs 35.13 / 37.81), and fairer than static ones while doing it.
- **A newly busy VMI reaches its fair share within 3 intervals — MET** (bursty: median 2.0;
  big-transfer: 0.0 — the transfer starts on an uncontended host, where its limit is already the link).
- **Knob changes per VMI per hour under ±10 % noise ≤ 2 — MET** (steady: 0.0). Under real
  contention the policy does move knobs: 5.1 (noisy-neighbour), 3.8 (big-transfer), 46.3
  (memory-leak: 5 % balloon steps, as MoM's 47.1), 73.6 (diurnal) and 135.3 (bursty: bursts of 5–20
  intervals start and end about every 10 intervals per VMI, and each start and end moves caps).
  The change budget (4 VMIs or 25 % per plan) and the 10 s dwell bound the rate per plan, not per hour.
- **IDLE CAPS of the new policy are not zero on bursty (16), diurnal (255) and memory-leak (557):**
  the hysteresis keeps a resource contended until demand falls below 80 %, and balloons return over
  the following plans; the simulator counts "uncontended" from 90 %. Both by design; lowering
  `Hysteresis` trades these for more knob changes.
- **Re-plan cost** (above): it runs on every claim group and every `RebalanceInterval` (10 s).

On the recorded traces the new policy leaves as little unmet as mom-like (7.29 %), is fair (1.000),
and caps nothing while the link is idle; the old policy caps the idle link all the time.

Not simulated: CPU and storage (weights, work-conserving in the kernel; every policy here would give
the same result). Recorded demo runs can be replayed like the example traces (`--trace FILE.jsonl`,
any file `vmi rules test --replay` reads); none is in the repository to replay here.
NOTES
}
median() { awk -v n="$1" '$1 == n { print $2 }' "$costs" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
{
  echo "<!-- written by scripts/bench-allocation.sh; the notes below the table are kept in the script's notes() -->"
  echo "Written on $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release), .NET $(dotnet --version)."
  echo
  echo "\`vmi host simulate --markdown\` (8 VMIs, weights 0.4/0.2 alternating, 1.5× memory overcommit, 360 intervals of 10 s, seed 1;"
  echo "deterministic: the table is the same on every run and machine):"
  echo
  "${VMI[@]}" --markdown
  echo
  echo "The two recorded traces of \`examples/telemetry/\` (render-burst, suspicious-login; one sample a second, replayed one per"
  echo "interval with offsets by 8 VMIs) on a 100 KiB/s link, so that their 10–20 KiB/s of traffic contends:"
  echo
  "${VMI[@]}" --markdown --trace examples/telemetry/render-burst.jsonl --trace examples/telemetry/suspicious-login.jsonl --link-kibps 100
  echo
  echo "Cost of one contended re-plan of \`WorkConservingPolicy\` (every VMI with applied shares; the median of 15 plans per run,"
  echo "then the median of $RUNS runs): **100 VMIs $(median 100) ms, 1,000 VMIs $(median 1000) ms**."
  echo
  notes
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
rm -f "$costs"
log "wrote $OUT"
exit 0
