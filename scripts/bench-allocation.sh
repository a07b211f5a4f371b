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
- **Under contention unmet demand no worse than the best other policy on every scenario — MET on
  noisy-neighbour (27.91 = mom-like's 27.91) and big-transfer (5.85 = 5.85); GAP on bursty (45.31 vs
  mom-like's 45.05), diurnal (3.94 vs 3.08) and memory-leak (0.01 vs 0.00).** The link is capped only
  where its own max-min split would give a VMI more than its weighted fair share, and then at that
  share; every other VMI keeps the whole link, so the link stays work-conserving among them (before
  this rule every VMI was capped at its weighted share of the *measured* use: 48.43, 5.68, 31.83,
  7.94, 0.13). mom-like is the bound on the network: it never caps, so the link serves
  min(demand, link) in every interval and no policy of per-VMI caps can serve more. What remains is
  the price of enforcing weights with rates set once per plan: a cap set from the last interval
  binds in this one while a neighbour it was taken for has stopped sending (bursty: bursts of 5–20
  intervals start and end about every 10; diurnal: the capped light VMIs follow the heavy ones'
  falling use one plan late). On diurnal most of the gap is memory (unmet 6.2 vs 2.5 of 17.4 vs 22.3
  units; network 16.1 vs 14.9): mom-like's balloons over-subscribe the host under pressure (each
  shrinks 5 % per cycle and grows back as soon as use dips under 90 %), and the simulator shares an
  over-subscribed host max-min for free — it does not model the swapping that over-subscription costs
  a real host. The work-conserving balloons stay within the host under pressure (zero-sum, reserving
  used + floor first), so a VMI whose use jumps more than its margin in one interval waits a plan.
  memory-leak: each balloon under pressure keeps 10 % above use (the damping's relative threshold:
  a smaller margin let ±10 % noise outrun the balloon, 0.13 %); the 0.01 % left is noise above that.
  Closing the rest would need caps that borrow inside an interval — one htb tree over all taps (a
  shared ifb, rate = weighted share, ceil = link) instead of one rate per tap — which the host's
  enforcement does not have today (libvirt `domiftune` or a tbf per tap, one rate per VMI).
  In exchange the weights decide: fairness 0.968 vs mom-like's 0.942 (bursty), 0.987 vs 0.978
  (diurnal), and 37.4 / 16.1 knob changes per VMI per hour against 135.3 / 73.6 before.
- **Strictly better than static shares on bursty and noisy-neighbour — MET** (bursty 45.31 vs 57.57
  / 57.62; noisy-neighbour 27.91 vs 35.13 / 37.81), and fairer than static ones while doing it.
- **A newly busy VMI reaches its fair share within 3 intervals — MET** (bursty: median 0.0 — the
  link's split serves most bursts their fair share at once, and a VMI the split holds back is capped
  for in the next plan; big-transfer: 0.0 — the transfer starts on an uncontended host, where its
  limit is already the link).
- **Knob changes per VMI per hour under ±10 % noise ≤ 2 — MET** (steady: 0.0). Under real
  contention the policy does move knobs: 0.0 (noisy-neighbour and big-transfer: the link's own split
  is already weighted-fair there, nothing is capped), 16.1 (diurnal), 22.5 (memory-leak: 5 % balloon
  steps, against MoM's 47.1) and 37.4 (bursty: each start and end of a burst can move a cap).
  The change budget (4 VMIs or 25 % per plan) and the 10 s dwell bound the rate per plan, not per hour.
- **IDLE CAPS of the new policy are not zero on bursty (2), diurnal (240) and memory-leak (542):**
  the hysteresis keeps a resource contended until demand falls below 80 %, and balloons return over
  the following plans; the simulator counts "uncontended" from 90 %. Both by design; lowering
  `Hysteresis` trades these for more knob changes.
- **Re-plan cost** (above): it runs on every claim group and every `RebalanceInterval` (10 s).

On the recorded traces the new policy leaves as little unmet as mom-like (7.29 %) and as fair (0.985:
the link's own split; no VMI there is over-served enough against its weight to be worth a cap), and
caps nothing while the link is idle; the old policy caps the idle link all the time.

The simulator's enforcement is the host's: a cap is one rate per VMI (KnobMapper's bandwidth
average = share × link, applied by libvirt `domiftune` or a tbf on the tap, changed once per plan),
an uncapped VMI's limit is the link itself, and what the VMIs send within their limits shares the
link max-min with equal weights, as the simulator did before this policy changed.

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
