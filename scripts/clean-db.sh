#!/usr/bin/env bash
# The part of `make clean` that deletes .pgdata/, the local database with everything
# written in this copy of the site. It asks first (FORCE=1 skips the question), and
# without a terminal to ask on it keeps the database and fails.
set -euo pipefail

cd "$(dirname "$0")/.."
[ -e .pgdata ] || [ -L .pgdata ] || exit 0

if [ "${FORCE:-}" != 1 ]; then
  echo ".pgdata/ holds the local database: every article, question and term written here."
  echo "To keep a copy, run 'make backup' first. make clean never removes backups/ or media/."
  if [ ! -t 0 ]; then
    echo "Not deleting .pgdata/: there is no terminal to ask on. To delete it: make clean FORCE=1" >&2
    exit 1
  fi
  read -r -p "Delete .pgdata/ and the database in it? Type 'yes' to delete: " answer
  if [ "$answer" != yes ]; then
    echo "Kept .pgdata/."
    exit 0
  fi
fi
# scripts/db.sh may keep the cluster in /tmp and link it here: delete that too.
target=$(readlink -f .pgdata)
case "$target" in /tmp/hemed-pgdata.*) rm -rf "$target" ;; esac
rm -rf .pgdata
echo "Deleted .pgdata/."
