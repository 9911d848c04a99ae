# One-line targets that call cargo. `make demo` and `make test` are all a new machine needs.
.PHONY: demo test test-sqlite bench build fmt lint

build:
	cargo build --workspace

demo:
	cargo run --quiet -p cli --bin scoreboard -- demo --out out

# The database tests run on SQLite always, and on PostgreSQL too when
# SCOREBOARD_TEST_POSTGRES_URL is set (.ci/run sets it).
test:
	@if command -v cargo-nextest >/dev/null 2>&1; then \
		cargo nextest run --workspace --no-fail-fast; \
	else \
		cargo test --workspace --no-fail-fast; \
	fi
	cargo test --workspace --doc --quiet

bench:
	cargo run --release --quiet -p tests --bin bench

fmt:
	cargo fmt --all

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
