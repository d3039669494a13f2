#!/bin/sh
# Prints what Python's json.dumps writes for nan, inf and -inf (#13 item 16): the token is $1.
echo "{\"step\": 1, \"value\": NaN}"
echo "{\"step\": 2, \"value\": -Infinity}"
echo "{\"value\": $1}"
