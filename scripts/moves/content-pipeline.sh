#!/usr/bin/env bash
# Splits app/content into its two layers (issue 16): app/content stays the base the domains use (issues, limits,
# YAML source, cache, hashes, paths); the pipeline that calls the domains (the content check and the start-up
# warm-up) moves to app/content-pipeline. Idempotent: re-run it after merging other branches to fix their imports.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

mkdir -p app/content-pipeline
for name in check.server.ts warm.server.ts; do
  if [ -f "app/content/$name" ]; then git mv "app/content/$name" "app/content-pipeline/$name"; fi
done

# Inside the moved files, "./x" meant the content base.
sed -i -E 's#from "\./#from "../content/#' app/content-pipeline/check.server.ts app/content-pipeline/warm.server.ts

# Everyone else's imports (and mentions) of the moved files.
{ git grep -l -E 'content/(check|warm)\.server' -- app tests scripts bench prisma server '*.js' '*.mjs' ':!app/db/generated' ':!scripts/moves' || true; } \
  | xargs -r sed -i -E 's#content/(check|warm)\.server#content-pipeline/\1.server#g'
