#!/bin/sh
# Starts a child, records its pid, then hangs: pruning must stop the whole group.
sleep 600 &
echo $! > "$1"
echo '{"step": 1, "value": 0.5}'
echo '{"step": 2, "value": 0.4}'
wait
