#!/usr/bin/env bash
# `npm test`: the one gate. Type and Svelte checks (warnings are errors), unit tests, production
# build, then the browser tests (accessibility crawl and journeys, JavaScript on and off) against
# the built server.
#
#   npm test                          # embedded PGlite
#   DATABASE_URL=postgres://… npm test  # the same against PostgreSQL: unit tests make their own
#                                       # databases there; the browser tests get a fresh one too
#   npm test -- --project=js tests/e2e  # arguments go to `playwright test`
#   REUSE_BUILD=1 DATABASE_URL=… npm test  # CI's second pass: the type checks and the build do not depend
#                                       # on the database, so it reuses the first pass's build/ and
#                                       # runs the unit and browser tests only
#
# Every step runs even if an earlier one failed (except the browser tests after a failed build),
# so one run shows everything that is wrong; the exit status is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's headless shell (package chromium-headless-shell: Chromium's "old" headless mode, the browser
# Playwright itself uses for headless runs). It opens a context in a fraction of the time the full browser
# takes, with the same Blink, fonts and layout. CHROMIUM_PATH may name another Chromium or Chrome.
chromium="${CHROMIUM_PATH:-/usr/lib/chromium/chromium-headless-shell}"
if [[ ! -x "$chromium" ]]; then
	if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
		echo "Chromium's headless shell is missing ($chromium): installing Debian's chromium-headless-shell and Japanese fonts."
		apt-get update && apt-get install -y chromium-headless-shell fonts-noto-cjk
	fi
	if [[ ! -x "$chromium" ]]; then
		echo "Chromium is missing: $chromium" >&2
		echo "Playwright cannot download its own browsers here. Install Debian's, as root:" >&2
		echo "  apt-get update && apt-get install -y chromium-headless-shell fonts-noto-cjk" >&2
		echo "or set CHROMIUM_PATH to an installed Chromium or Chrome (e.g. /usr/bin/chromium)." >&2
		exit 1
	fi
fi
export CHROMIUM_PATH="$chromium"

results="$(mktemp -d)"
e2e_db_url=""

drop_e2e_database() {
	[[ -n "$e2e_db_url" ]] || return 0
	E2E_DB_URL="$e2e_db_url" node --input-type=module -e '
		import pg from "pg";
		const url = new URL(process.env.DATABASE_URL);
		const name = new URL(process.env.E2E_DB_URL).pathname.slice(1);
		const client = new pg.Client({ connectionString: url.toString() });
		await client.connect();
		await client.query(`drop database if exists "${name}" with (force)`);
		await client.end();
		console.log(`dropped database ${name}`);
	' || echo "could not drop the browser-test database ($e2e_db_url)" >&2
}
cleanup() {
	drop_e2e_database
	rm -rf "$results"
}
trap cleanup EXIT

failed_steps=()
# step NAME COMMAND…: runs a step, times it, and remembers a failure without stopping the script.
step() {
	local name="$1" started=$SECONDS
	shift
	echo
	echo "━━ $name"
	if "$@"; then
		echo "━━ $name: ok ($((SECONDS - started)) s)"
	else
		echo "━━ $name: FAILED ($((SECONDS - started)) s)"
		failed_steps+=("$name")
		return 1
	fi
}

# A fresh database on the same server for the browser tests' web server, named after the given
# one (e.g. portal_ci_ab12_e2e_x9y8z7). The demo data is seeded into it on the server's first start.
create_e2e_database() {
	e2e_db_url="$(node --input-type=module -e '
		import pg from "pg";
		import { randomBytes } from "node:crypto";
		const url = new URL(process.env.DATABASE_URL);
		const base = (url.pathname.slice(1) || "portal").toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40);
		const name = `${base}_e2e_${randomBytes(4).toString("hex")}`;
		const client = new pg.Client({ connectionString: url.toString() });
		await client.connect();
		await client.query(`create database "${name}"`);
		await client.end();
		url.pathname = `/${name}`;
		console.log(url.toString());
	')"
	echo "browser tests use the fresh database ${e2e_db_url##*/}"
}

started=$SECONDS

reuse_build="${REUSE_BUILD:-}"
if [[ -n "$reuse_build" && ! -f build/index.js ]]; then
	echo "REUSE_BUILD is set but there is no build/ to reuse: building."
	reuse_build=""
fi

if [[ -z "$reuse_build" ]]; then
	step "svelte-check" npm run check || true
fi
step "unit tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || true

built=true
if [[ -n "$reuse_build" ]]; then
	echo
	echo "━━ svelte-check and build: reusing the build of the first pass (REUSE_BUILD)"
else
	step "build" npm run build || built=false
fi
if $built; then
	e2e_env=(PLAYWRIGHT_JSON_OUTPUT_FILE="$results/playwright.json")
	if [[ -n "${DATABASE_URL:-}" ]]; then
		create_e2e_database
		e2e_env+=(DATABASE_URL="$e2e_db_url")
	fi
	step "browser tests (playwright)" env "${e2e_env[@]}" npx playwright test "$@" || true
else
	echo "The build failed: browser tests not run."
fi

# The summary: counts from both runners' JSON reports (missing reports count as nothing run).
summary="$(VITEST_JSON="$results/vitest.json" PLAYWRIGHT_JSON="$results/playwright.json" node --input-type=module -e '
	import { existsSync, readFileSync } from "node:fs";
	const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
	const v = read(process.env.VITEST_JSON);
	const p = read(process.env.PLAYWRIGHT_JSON);
	const unit = { passed: v?.numPassedTests ?? 0, failed: v?.numFailedTests ?? 0, skipped: (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) };
	const e2e = { passed: (p?.stats.expected ?? 0) + (p?.stats.flaky ?? 0), flaky: p?.stats.flaky ?? 0, failed: p?.stats.unexpected ?? 0, skipped: p?.stats.skipped ?? 0 };
	console.log(`unit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped; browser: ${e2e.passed} passed (${e2e.flaky} only on a retry), ${e2e.failed} failed, ${e2e.skipped} skipped`);
	console.log(`${unit.passed + e2e.passed} passed, ${unit.failed + e2e.failed} failed`);
')"

echo
echo "━━ total $((SECONDS - started)) s"
if ((${#failed_steps[@]} > 0)); then
	echo "failed steps: ${failed_steps[*]}"
fi
echo "$summary"
((${#failed_steps[@]} == 0))
