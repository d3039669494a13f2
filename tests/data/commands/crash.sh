#!/bin/sh
echo '{"step": 1, "value": 0.9}'
i=1
while [ $i -le 30 ]; do echo "stderr line $i" >&2; i=$((i+1)); done
echo "Traceback: ValueError: bad learning rate" >&2
exit 3
