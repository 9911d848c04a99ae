//! The dependency directions of ARCHITECTURE.md, checked from the Cargo.toml files: a crate that
//! gains a forbidden dependency fails this test.

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
}

/// The dependencies a crate declares: of every kind (normal, dev, build), or only those its
/// library is built with (normal, build) when `with_dev` is false.
fn dependencies_of(manifest: &str, with_dev: bool) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join(manifest))
        .unwrap_or_else(|e| panic!("{manifest}: {e}"));
    let value: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{manifest}: {e}"));
    let kinds: &[&str] = if with_dev {
        &["dependencies", "dev-dependencies", "build-dependencies"]
    } else {
        &["dependencies", "build-dependencies"]
    };
    kinds
        .iter()
        .filter_map(|kind| value.get(*kind).and_then(|d| d.as_table()))
        .flat_map(|t| t.keys().cloned())
        .collect()
}

const OURS: [&str; 8] = [
    "domain",
    "data",
    "importer",
    "report",
    "views",
    "web",
    "cli",
    "migration",
];

/// Crates that do IO (files, network, database) or a clock-driven runtime.
const IO: [&str; 9] = [
    "sea-orm",
    "sea-orm-migration",
    "sqlx",
    "tokio",
    "reqwest",
    "rusqlite",
    "calamine",
    "rust_xlsxwriter",
    "scraper",
];

/// Our crates may not depend on each other against the arrows, not even in their tests; the
/// outside crates a library may not use are checked on what the library is built with (a test
/// may read back an XLSX with calamine, the library may not).
fn check(manifest: &str, allowed_ours: &[&str], forbidden: &[&str]) {
    for dep in dependencies_of(manifest, true) {
        if OURS.contains(&dep.as_str()) {
            assert!(
                allowed_ours.contains(&dep.as_str()),
                "{manifest} depends on `{dep}`, which ARCHITECTURE.md forbids"
            );
        }
    }
    for dep in dependencies_of(manifest, false) {
        assert!(
            !forbidden.contains(&dep.as_str()),
            "{manifest} depends on `{dep}`, which ARCHITECTURE.md forbids"
        );
    }
}

#[test]
fn domain_is_pure() {
    check("crates/domain/Cargo.toml", &[], &IO);
}

#[test]
fn importer_and_report_depend_only_on_domain_and_never_on_the_database() {
    let db = ["sea-orm", "sea-orm-migration", "sqlx", "tokio", "rusqlite"];
    check("crates/importer/Cargo.toml", &["domain"], &db);
    check(
        "crates/report/Cargo.toml",
        &["domain"],
        &[&db[..], &["calamine", "reqwest", "scraper"]].concat(),
    );
}

#[test]
fn data_depends_on_domain_and_migrations_only() {
    check(
        "crates/data/Cargo.toml",
        &["domain", "migration"],
        &["reqwest", "calamine", "rust_xlsxwriter", "scraper", "clap"],
    );
}

/// `views` assembles what the CLI and the web application show from `data` for `report`; `web`
/// sits beside `cli` (pages and API on `data`, `report`, `views`, `domain`), and nothing of ours
/// but the binary and the tests depends on it.
#[test]
fn views_and_web_sit_beside_cli() {
    check(
        "crates/views/Cargo.toml",
        &["domain", "data", "report"],
        &["reqwest", "calamine", "scraper", "clap", "axum"],
    );
    check(
        "crates/web/Cargo.toml",
        &["domain", "data", "report", "views"],
        &["calamine", "scraper", "clap", "sea-orm", "sqlx"],
    );
    web_sends_requests_only_with_oidc("crates/web/Cargo.toml");
    for krate in ["domain", "data", "importer", "report", "views"] {
        let manifest = format!("crates/{krate}/Cargo.toml");
        assert!(
            !dependencies_of(&manifest, true).contains("web"),
            "{manifest} depends on `web`: the web application uses them, never the other way"
        );
    }
}

/// `web` answers requests; it sends some only with its `oidc` feature (to the identity provider,
/// from `oidc.rs`): reqwest is an optional dependency that only `oidc` turns on, off by default,
/// and no other source file of `web` names it.
fn web_sends_requests_only_with_oidc(manifest: &str) {
    let text = std::fs::read_to_string(root().join(manifest)).expect("the manifest");
    let value: toml::Table = toml::from_str(&text).expect("a manifest");
    let reqwest = value.get("dependencies").and_then(|d| d.get("reqwest"));
    if let Some(reqwest) = reqwest {
        assert_eq!(
            reqwest.get("optional").and_then(|o| o.as_bool()),
            Some(true),
            "{manifest}: reqwest must be optional (the `oidc` feature's)"
        );
    }
    let features = value.get("features").and_then(|f| f.as_table());
    for (name, turns_on) in features.into_iter().flatten() {
        let turns_on = turns_on.as_array().expect("a feature's list");
        let sends = turns_on.iter().any(|f| {
            f.as_str()
                .is_some_and(|f| f == "dep:reqwest" || f.starts_with("reqwest"))
        });
        assert!(
            !sends || name == "oidc",
            "{manifest}: feature `{name}` turns on reqwest; only `oidc` may"
        );
        assert!(
            name != "default" || !turns_on.iter().any(|f| f.as_str() == Some("oidc")),
            "{manifest}: the default build is without `oidc`"
        );
    }
    let dir = root()
        .join(manifest)
        .parent()
        .expect("the crate")
        .join("src");
    for path in rust_files(&dir) {
        let text = std::fs::read_to_string(&path).expect("a source file");
        if text.contains("reqwest::") {
            assert!(
                path.ends_with("oidc.rs"),
                "{} uses reqwest: only `oidc.rs` sends requests from `web`",
                path.display()
            );
        }
    }
}

#[test]
fn migrations_import_no_entities() {
    check("migrations/Cargo.toml", &[], &["sea-orm"]);
    for entry in std::fs::read_dir(root().join("migrations/src")).expect("migrations/src") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a migration");
        assert!(
            !text.contains("data::") && !text.contains("entity::"),
            "{} imports entities",
            path.display()
        );
    }
}

#[test]
fn only_cli_reads_files_or_the_network() {
    for krate in ["domain", "data", "importer", "report", "views"] {
        let dir = root().join("crates").join(krate).join("src");
        for path in rust_files(&dir) {
            let text = std::fs::read_to_string(&path).expect("a source file");
            for call in [
                "std::fs::",
                "fs::read",
                "fs::write",
                "File::open",
                "File::create",
                "reqwest::",
            ] {
                assert!(
                    !text.contains(call),
                    "{} uses {call}: only `cli` touches files and the network",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_checks_themselves_can_fail() {
    // A manifest that breaks the rule must be caught by `check` (guards against a vacuous test).
    let deps = dependencies_of("crates/cli/Cargo.toml", true);
    assert!(
        deps.contains("data") && deps.contains("domain"),
        "cli depends on everything: {deps:?}"
    );
    let caught = std::panic::catch_unwind(|| check("crates/cli/Cargo.toml", &["domain"], &[]));
    assert!(
        caught.is_err(),
        "check() did not flag cli -> data as forbidden for a domain-only crate"
    );
    // cli sends requests in every build: as a web crate, it would be caught.
    let caught =
        std::panic::catch_unwind(|| web_sends_requests_only_with_oidc("crates/cli/Cargo.toml"));
    assert!(
        caught.is_err(),
        "the check of web's requests did not flag cli's non-optional reqwest"
    );
}

/// The paths to `cli`'s modules a source names (`crate::demo`, `crate::commands::meetings`): the
/// first segment after `crate::`.
fn cli_modules_named(text: &str) -> BTreeSet<&str> {
    text.split("crate::")
        .skip(1)
        .filter_map(|rest| {
            rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
        })
        .filter(|m| !m.is_empty())
        .collect()
}

/// `demo` runs commands; no command reaches back into `demo` (the dispatch in `lib.rs` routes the
/// demo before any command), so `cli`'s modules form no cycle.
#[test]
fn cli_commands_do_not_call_the_demo() {
    let dir = root().join("crates/cli/src/commands");
    let files = rust_files(&dir);
    assert!(
        files.len() > 5,
        "the commands are found in {}",
        dir.display()
    );
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a source file");
        assert!(
            !cli_modules_named(&text).contains("demo"),
            "{} names crate::demo: the demo depends on the commands, not the other way",
            path.display()
        );
    }
    // The check sees a path to the demo where there is one.
    let demo = std::fs::read_to_string(root().join("crates/cli/src/demo.rs")).expect("demo.rs");
    assert!(cli_modules_named(&demo).contains("commands"));
    assert!(cli_modules_named("return crate::demo::run(args).await;").contains("demo"));
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The features of every crate the build compiles, as `cargo tree` resolves them (offline, from
/// Cargo.lock): `name version -> features`.
fn resolved_features(args: &[&str]) -> std::collections::BTreeMap<String, String> {
    let output = std::process::Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["tree", "--offline", "--locked", "--prefix", "none"])
        .args(["-e", "normal,build,dev", "-f", "{p}|{f}"])
        .args(args)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .filter_map(|line| {
            let (package, features) = line.trim_end_matches(" (*)").split_once('|')?;
            Some((package.to_owned(), features.to_owned()))
        })
        .collect()
}

/// The `oidc` build (`make test`'s web_oidc tests, CI's second clippy) turns on no feature of a
/// crate the default build compiles: else it compiles a second copy of that crate and of
/// everything above it. A crate listed here means a feature to add to the `unify-*` dependencies
/// of the root Cargo.toml.
#[test]
fn the_oidc_build_reuses_every_crate_of_the_default_build() {
    let default = resolved_features(&["--workspace"]);
    let oidc = resolved_features(&["-p", "tests", "--features", "oidc"]);
    let ours = ["cli v0.0.0", "web v0.0.0", "tests v0.0.0"];
    let differing: Vec<String> = oidc
        .iter()
        .filter(|(package, _)| !ours.iter().any(|o| package.starts_with(o)))
        .filter_map(|(package, features)| {
            let other = default.get(package)?;
            (other != features).then(|| format!("{package}: [{other}] -> [{features}]"))
        })
        .collect();
    assert!(differing.is_empty(), "{differing:#?}");
    assert!(
        oidc.keys().any(|p| p.starts_with("openidconnect ")),
        "the oidc build is the one compared"
    );
}
