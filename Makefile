# One-line targets that call cargo. `make demo` and `make test` are all a new machine needs.
.PHONY: demo test test-sqlite bench build fmt lint fuzz

build:
	cargo build --workspace

# The build first, with cargo's progress (a first build takes minutes), then the demo's own output.
demo:
	cargo build -p cli --bin scoreboard
	cargo run --quiet -p cli --bin scoreboard -- demo --out out

# The database tests run on SQLite always, and on PostgreSQL too when
# SCOREBOARD_TEST_POSTGRES_URL is set (.ci/run sets it). Then the sign-in through an identity
# provider (the `oidc` feature, off in the default build): only tests/web_oidc.rs is built with it.
OIDC_TESTS = -p tests --features oidc --test web_oidc
test:
	@if command -v cargo-nextest >/dev/null 2>&1; then \
		cargo nextest run --workspace --no-fail-fast && \
		cargo nextest run $(OIDC_TESTS) --no-fail-fast; \
	else \
		cargo test --workspace --no-fail-fast && \
		cargo test $(OIDC_TESTS) --no-fail-fast; \
	fi
	cargo test --workspace --doc --quiet

# The parsers' property tests (crates/domain/tests/fuzz.rs, crates/importer/tests/fuzz.rs), which
# `make test` runs with 64 cases from a fixed seed, here in rounds of FUZZ_CASES cases a property
# from random seeds until FUZZ_SECONDS have passed (the round running then is stopped: time is up,
# not a failure). A failure stops the rounds: commit crates/*/proptest-regressions/fuzz.txt, which
# every `cargo test` then replays first (PROPTEST_DISABLE_FAILURE_PERSISTENCE=1 looks past known
# failures), and turn the importer's failing input, target/tmp/fuzz/<parser>.failed, into a
# fixture of tests/fixtures/broken. Each importer call runs in a child process whose memory is
# capped (FUZZ_MEMORY_KB), so that an abort or a huge allocation fails one case, not the machine.
FUZZ_SECONDS ?= 600
FUZZ_CASES ?= 5000
FUZZ_MEMORY_KB ?= 4000000
fuzz:
	cargo test --release -p domain -p importer --test fuzz --no-run
	@end=$$(( $$(date +%s) + $(FUZZ_SECONDS) )); round=0; \
	while [ $$(date +%s) -lt $$end ]; do \
		round=$$((round + 1)); echo "fuzz: round $$round, $(FUZZ_CASES) cases a property"; \
		PROPTEST_CASES=$(FUZZ_CASES) FUZZ_MEMORY_KB=$(FUZZ_MEMORY_KB) timeout $$(( end - $$(date +%s) )) \
			cargo test --release --quiet --no-fail-fast -p domain -p importer --test fuzz; \
		status=$$?; \
		if [ $$status -eq 124 ]; then echo "fuzz: time is up during round $$round"; break; fi; \
		if [ $$status -ne 0 ]; then exit $$status; fi; \
	done

bench:
	cargo run --release --quiet -p tests --bin bench

fmt:
	cargo fmt --all

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p web -p cli -p tests --all-targets --features web/oidc,cli/oidc,tests/oidc -- -D warnings
