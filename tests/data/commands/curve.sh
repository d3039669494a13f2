#!/bin/sh
# The objective contract's command (#18): reports steps 1..$2 of a falling curve around
# x = $1, one every 20 ms, then the value x^2.
x=$1
n=$2
s=1
while [ "$s" -le "$n" ]; do
  echo "{\"step\": $s, \"value\": $(awk -v x="$x" -v s="$s" 'BEGIN { print x * x + 1 / s }')}"
  sleep 0.02
  s=$((s + 1))
done
echo "{\"value\": $(awk -v x="$x" 'BEGIN { print x * x }')}"
