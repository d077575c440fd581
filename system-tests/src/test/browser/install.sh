#!/usr/bin/env bash
# Prepares the browser journeys: Debian's chromium (when missing) and the npm packages of package-lock.json.
# playwright-core downloads no browser; the journeys launch /usr/bin/chromium. Run by Maven (system-tests,
# pre-integration-test) and runnable by hand.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "browser journeys: Node.js 20+ and npm are needed (the machine's own)" >&2
    exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "browser journeys: installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
