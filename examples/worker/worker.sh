#!/usr/bin/env bash
# A background worker for jpm's examples: does a unit of "work" every few seconds and logs it.
# Exits cleanly on SIGINT/SIGTERM, which is what jpm sends first when it stops an app.
trap 'echo "worker ${NODE_APP_INSTANCE:-0} stopping"; exit 0' INT TERM
echo "worker ${NODE_APP_INSTANCE:-0} started (queue: ${QUEUE:-default})"
n=0
while true; do
  n=$((n + 1))
  echo "worker ${NODE_APP_INSTANCE:-0}: job $n done"
  sleep "${INTERVAL_SECONDS:-5}" & wait $!
done
