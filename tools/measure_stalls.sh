#!/bin/bash
# Runs the window N times on each of the two classroom cases (the default comparison, started 3 s
# after launch, and lesson 2's 24 runs) under a virtual display and prints, per run, the GUI
# event loop's longest stall, the GUI thread's longest busy stretch (its own CPU time between two
# ticks of the 5 ms timer) and the idle control thread's longest gap (what the machine itself
# stalled). Each run starts from a fresh HOME, so stored settings do not carry over.
# With CYCLE_TABS=S in the environment the window also switches to the next tab every S seconds
# (a teacher clicking through the tabs while it trains).
#   [CYCLE_TABS=S] tools/measure_stalls.sh [N=5] [SECONDS=30] [BUILD=build]
set -euo pipefail
runs=${1:-5} seconds=${2:-30} build=${3:-build}
app="$build/app/normlab"
[ -x "$app" ] || { echo "no $app: build first" >&2; exit 1; }
measure() {  # label, extra environment, arguments
  local label=$1 env=$2 args=$3 home out
  for i in $(seq "$runs"); do
    home=$(mktemp -d)
    out=$(env HOME="$home" $env ${CYCLE_TABS:+NORMLAB_CYCLE_TABS=$CYCLE_TABS} NORMLAB_STALL_REPORT=1 NORMLAB_QUIT_AFTER="$seconds" \
      timeout $((seconds + 60)) xvfb-run -a -s "-screen 0 1600x900x24" "$app" $args 2>&1 || true)
    rm -rf "$home"
    local stall busy gap
    stall=$(sed -n 's/.*longest GUI event-loop stall \([0-9.]*\) ms.*/\1/p' <<<"$out")
    busy=$(sed -n 's/.*its longest busy stretch \([0-9.]*\) ms.*/\1/p' <<<"$out")
    gap=$(sed -n 's/.*control thread.s longest wake-up gap \([0-9.]*\) ms.*/\1/p' <<<"$out")
    printf '%-28s run %d: stall %6s ms   busy %6s ms   control-thread gap %6s ms\n' "$label" "$i" "$stall" "$busy" "$gap"
  done
}
measure "default comparison" "NORMLAB_AUTOSTART=1 NORMLAB_AUTOSTART_DELAY=3" ""
measure "lesson 2 (24 runs)" "" "--lesson 2"
