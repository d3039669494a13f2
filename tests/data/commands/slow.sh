#!/bin/sh
# A slow objective for crash tests: reports two steps, then x squared.
sleep 0.15
echo "{\"step\": 0, \"value\": $1}"
sleep 0.15
echo "{\"value\": $1}"
