#!/usr/bin/env bash
# Moves the audit trail's page data (who did what, named, scoped to a supervisor's units) from app/audit to
# app/supervision (issue 16): app/audit then only records, and imports neither users nor supervision, which
# both import it. Idempotent: re-run it after merging other branches to fix their imports.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

if [ -f app/audit/trail.server.ts ]; then git mv app/audit/trail.server.ts app/supervision/audit-trail.server.ts; fi

# Inside the moved file: its neighbours changed.
sed -i -E 's#from "\.\./supervision/#from "./#; s#from "\./format"#from "../audit/format"#' app/supervision/audit-trail.server.ts

{ git grep -l -E 'audit/trail\.server' -- app tests scripts bench prisma server '*.js' '*.mjs' ':!app/db/generated' ':!scripts/moves' || true; } \
  | xargs -r sed -i -E 's#\.\./audit/trail\.server#../supervision/audit-trail.server#g; s#audit/trail\.server#supervision/audit-trail.server#g'
