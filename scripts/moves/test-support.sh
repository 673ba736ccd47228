#!/usr/bin/env bash
# Gathers the test support into tests/support (issue 16): the security tests' helpers and payloads and the
# end-to-end helpers (sign-in, accessibility scans, own-server) join the integration helpers and factories.
# Idempotent: re-run it after merging other branches to fix their imports.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

move() { if [ -f "$1" ]; then git mv "$1" "$2"; fi; }
move tests/security/support.ts tests/support/security.ts
move tests/security/payloads.ts tests/support/payloads.ts
move tests/e2e/support.ts tests/support/e2e.ts
move tests/e2e/a11y-support.ts tests/support/a11y.ts
move tests/e2e/own-server.ts tests/support/own-server.ts

# Inside the moved files: their neighbours changed.
sed -i -E 's#from "\./support"#from "./e2e"#' tests/support/a11y.ts

# The end-to-end specs and the security tests.
{ git grep -l -E 'from "\./(support|a11y-support|own-server|payloads)"|security/payloads"' -- tests/e2e tests/security || true; } \
  | xargs -r sed -i -E \
    -e 's#from "\.\./security/payloads"#from "../support/payloads"#' \
    -e 's#from "\./a11y-support"#from "../support/a11y"#' \
    -e 's#from "\./own-server"#from "../support/own-server"#' \
    -e 's#from "\./payloads"#from "../support/payloads"#'
{ git grep -l -E 'from "\./support"' -- tests/e2e || true; } | xargs -r sed -i -E 's#from "\./support"#from "../support/e2e"#'
{ git grep -l -E 'from "\./support"' -- tests/security || true; } | xargs -r sed -i -E 's#from "\./support"#from "../support/security"#'
