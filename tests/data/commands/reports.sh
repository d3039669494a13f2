#!/bin/sh
# Reports three steps, a line of noise, then the result; echoes its params.
echo "starting with $TW_PARAMS trial=$TW_TRIAL_ID study=$TW_STUDY"
for s in 1 2 3; do
  echo "{\"step\": $s, \"value\": 0.$s}"
done
echo "not json at all"
echo '{"value": 0.25}'
echo '{"value": 0.5, "note": "last one wins"}'
echo "args: $*" >&2
