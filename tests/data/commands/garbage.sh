#!/bin/sh
printf '\x00\x01binary\xff\xfe garbage\n{not json}\n{"value": "abc"}\n[1,2,3]\n'
printf '{"value": 1.5}'
