//! What the probe of issue 11 found at the command line, each case reproduced: a snapshot that
//! closes too many cases, database URLs that are not databases, another application's file,
//! output folders and `.partial` files, messages said once.

use tests::{dump, ok, on_each_backend, scoreboard};

const EXPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../crates/cli/demo/register-2023-01-11-BE.json"
);

/// The demo export with only its first `keep` cases, as a later export would list them.
fn export_keeping(dir: &std::path::Path, date: &str, keep: usize) -> String {
    let all: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(EXPORT).expect("the demo export")).expect("json");
    let path = dir.join(format!("register-{date}-BE.json"));
    std::fs::write(&path, serde_json::to_vec(&all[..keep]).expect("json")).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn an_export_that_closes_more_than_a_tenth_of_the_cases_asks_for_accept_closures() {
    on_each_backend(|backend| {
        let url = &backend.url;
        let dir = tempfile::tempdir().expect("a folder");
        ok(url, &["import", "register", EXPORT]);
        // 58 of 114 cases: what a download cut in the middle gives.
        let cut = export_keeping(dir.path(), "2023-02-01", 58);
        let before = dump(url);
        let run = scoreboard(url, &["import", "register", &cut]);
        assert_eq!(run.code, cli::EXIT_ATTENTION, "{run:?}");
        assert!(
            run.out.contains("would close 56 of the 114 cases")
                && run.out.contains("--accept-closures"),
            "{}",
            run.out
        );
        assert!(
            run.out.contains("INFR("),
            "the cases are named: {}",
            run.out
        );
        assert!(dump(url) == before, "nothing was written");
        // Said on purpose, it is written.
        let run = scoreboard(url, &["import", "register", &cut, "--accept-closures"]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(dump(url) != before, "the import was written");
        // A few closures (under 10 %) need no confirmation.
        let most = export_keeping(dir.path(), "2023-03-01", 55);
        assert_eq!(scoreboard(url, &["import", "register", &most]).code, 0);
    });
}

#[test]
fn empty_and_unknown_database_urls_are_refused_naming_what_is_supported() {
    for url in [
        "",
        "   ",
        "mysql://x",
        "http://example.org/db.sqlite",
        "sqlite://",
    ] {
        let run = scoreboard(url, &["directive", "add", "2019/1024"]);
        assert_eq!(run.code, cli::EXIT_REFUSED, "{url:?}: {run:?}");
        assert!(
            run.err.contains("sqlite://") && run.err.contains("postgres://"),
            "{url:?}: {}",
            run.err
        );
    }
    // Nothing was created under those names.
    assert!(!std::path::Path::new("mysql:").exists());
}

#[test]
fn a_postgres_server_that_refuses_is_said_quickly() {
    // Port 9 (discard) on this machine has no server: refused at once, said once.
    let run = scoreboard(
        "postgres://postgres@127.0.0.1:9/nothing",
        &["--connect-timeout", "2", "status"],
    );
    assert_eq!(run.code, cli::EXIT_REFUSED);
    assert!(
        run.err.contains("did not accept the connection"),
        "{}",
        run.err
    );
}

#[test]
fn another_applications_sqlite_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("other.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        use sea_orm::{ConnectionTrait, Database};
        let db = Database::connect(url.as_str()).await.expect("sqlite");
        db.execute_unprepared("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
            .await
            .expect("a table");
        db.close().await.expect("close");
    });
    let before = std::fs::read(&path).expect("the file");
    let run = scoreboard(&path.to_string_lossy(), &["directive", "list"]);
    assert_eq!(run.code, cli::EXIT_REFUSED);
    assert!(
        run.err.contains("another application") && run.err.contains("invoices"),
        "{}",
        run.err
    );
    assert!(
        std::fs::read(&path).expect("the file") == before,
        "left untouched"
    );

    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, just some words for the header".repeat(20),
    )
    .expect("write");
    let run = scoreboard(&text.to_string_lossy(), &["directive", "list"]);
    assert_eq!(run.code, cli::EXIT_REFUSED);
    assert!(run.err.contains("not a SQLite database"), "{}", run.err);
}

#[test]
fn output_folders_are_created_and_failed_writes_leave_no_partial_file() {
    on_each_backend(|backend| {
        let url = &backend.url;
        ok(
            url,
            &["directive", "add", "2019/1024", "--deadline", "2021-07-17"],
        );
        let dir = tempfile::tempdir().expect("a folder");
        let nested = dir.path().join("a/b/tables.xlsx");
        ok(url, &["export", "tables", &nested.to_string_lossy()]);
        assert!(nested.is_file());
        // The target is a folder: refused, and nothing left beside it.
        let folder = dir.path().join("taken.xlsx");
        std::fs::create_dir(&folder).expect("a folder");
        let run = scoreboard(url, &["export", "tables", &folder.to_string_lossy()]);
        assert_eq!(run.code, cli::EXIT_REFUSED);
        assert!(run.err.contains("it is a folder"), "{}", run.err);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    });
}

#[test]
fn a_refused_value_is_said_once() {
    let dir = tempfile::tempdir().expect("a folder");
    let db = dir.path().join("s.db");
    let run = scoreboard(
        &db.to_string_lossy(),
        &["--connect-timeout", "many", "status"],
    );
    assert_eq!(run.code, cli::EXIT_REFUSED);
    assert!(!run.err.starts_with("error:"), "{}", run.err);
    assert!(run.err.contains("invalid value"), "{}", run.err);
}

#[test]
fn a_file_over_a_limit_is_refused_naming_the_limit_and_the_option_raises_it() {
    on_each_backend(|backend| {
        let url = &backend.url;
        ok(url, &["init"]);
        let before = dump(url);
        // The demo export has 114 rows: over a limit of 50, under the default of 100,000.
        let run = scoreboard(url, &["--limit", "rows=50", "import", "register", EXPORT]);
        assert_eq!(run.code, cli::EXIT_REFUSED, "{run:?}");
        assert!(
            run.err.contains("rows") && run.err.contains("--limit rows="),
            "{}",
            run.err
        );
        assert!(dump(url) == before, "nothing was written");
        let run = scoreboard(url, &["--limit", "rows=200", "import", "register", EXPORT]);
        assert_eq!(run.code, 0, "{run:?}");
        // A name that is not a limit is refused with the list of names.
        let run = scoreboard(url, &["--limit", "lines=5", "status"]);
        assert_eq!(run.code, cli::EXIT_REFUSED);
        assert!(run.err.contains("cell-chars"), "{}", run.err);
    });
}

#[test]
fn after_a_command_the_sqlite_file_alone_holds_everything() {
    let dir = tempfile::tempdir().expect("a folder");
    let db = dir.path().join("s.db");
    let db_text = db.to_string_lossy().into_owned();
    ok(
        &db_text,
        &["directive", "add", "2019/1024", "--deadline", "2021-07-17"],
    );
    // The WAL journal was copied into the file and removed at the close.
    assert!(!dir.path().join("s.db-wal").exists());
    // A copy of the file alone (mailed, put on a share) is whole.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).expect("copy");
    let shown = ok(
        &copy.to_string_lossy(),
        &["--json", "directive", "show", "2019/1024"],
    );
    assert!(shown.contains("2021-07-17"), "{shown}");
}
