#!/usr/bin/env bash
# Starts MộtCửa Desk in training mode: a separate workspace (<data>/training) with demo data and exercises,
# never synced to a production server. Same options as motcua.sh.
exec "$(dirname "$0")/motcua.sh" --training "$@"
