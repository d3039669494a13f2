#!/usr/bin/env bash
# Many worker processes on one study: counts lock errors, lost and duplicated trials.
#   bench/workers.sh sqlite 8 2000          (8 processes, one SQLite file, 2000 trials)
#   bench/workers.sh postgresql 4 2000 URL  (4 processes on a PostgreSQL database)
# Uses a random-sampler grid-free function study, so the storage is what is measured.
set -euo pipefail
kind=${1:-sqlite}; workers=${2:-8}; trials=${3:-2000}; pgurl=${4:-${TW_PG_URL:-}}
cli=${TW_CLI:-$(dirname "$0")/../build/release/bin/tunewright-cli}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
name="workers-$$"
cat > "$dir/spec.json" <<JSON
{"version": 1, "name": "$name", "direction": "minimize",
 "objective": {"type": "function", "name": "hartmann6"},
 "search_space": {}, "sampler": {"type": "random", "seed": 1},
 "budget": {"trials": $trials, "parallel": 1}}
JSON
if [ "$kind" = sqlite ]; then url="sqlite:///$dir/study.twx"; else url="$pgurl"; fi
"$cli" run "$dir/spec.json" --storage "$url" --create-only >/dev/null 2>&1
start=$(date +%s.%N)
for i in $(seq "$workers"); do
  "$cli" worker --storage "$url" --study "$name" > "$dir/w$i.out" 2> "$dir/w$i.err" &
done
wait
end=$(date +%s.%N)
"$cli" trials --storage "$url" --study "$name" --format json > "$dir/trials.json"
locked=$(cat "$dir"/w*.err | grep -ci "locked" || true)
python3 - "$dir/trials.json" "$trials" "$locked" "$start" "$end" "$workers" "$kind" <<'PY'
import json, sys
trials = json.load(open(sys.argv[1])); budget = int(sys.argv[2]); locked = int(sys.argv[3])
start, end, workers, kind = float(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7]
numbers = [t["number"] for t in trials]
states = {}
for t in trials: states[t["state"]] = states.get(t["state"], 0) + 1
configs = [json.dumps(t["params"], sort_keys=True) for t in trials]
print(f"{kind}: {workers} workers, {len(trials)} trials of a budget of {budget} in {end-start:.1f} s "
      f"({(end-start)/max(1,len(trials))*1000:.2f} ms per trial overall)")
print(f"  states {states}; lock errors {locked}; duplicated numbers {len(numbers)-len(set(numbers))}; "
      f"missing numbers {max(numbers)+1-len(set(numbers)) if numbers else 0}; duplicated configs {len(configs)-len(set(configs))}")
ok = len(trials) == budget and states.get("complete", 0) == budget and locked == 0 and len(set(numbers)) == len(numbers)
sys.exit(0 if ok else 1)
PY
