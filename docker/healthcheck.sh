#!/usr/bin/env bash
# Container health check that needs neither curl nor wget: an HTTP/1.0 GET over bash's /dev/tcp.
# Healthy when the actuator answers 200 (it answers 503 while DOWN or OUT_OF_SERVICE).
# usage: healthcheck.sh [PATH]   (default /actuator/health/readiness; port from $SERVER_PORT)
set -euo pipefail
path="${1:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:?SERVER_PORT is not set}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 5 _ status _ <&3
[[ "$status" == 200 ]]
