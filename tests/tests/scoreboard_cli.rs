//! The meeting scoreboard, the deadlines and the indicators as the unit and the euro-coordinators
//! run them, on SQLite and PostgreSQL, on a database built by hand around the boundaries.

use calamine::{Data, Reader};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use tests::{ok, on_each_backend, scoreboard};

fn json(url: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap()
}

/// At 30/11/2024: 2019/1024 due 30/11/2022 (exactly 2 years overdue), 2019/1158 due 29/11/2024
/// (1 day overdue), 2019/1152 due today, 2023/970 due in 60 days, 2019/904 in 61, 2019/1937
/// transposed on time, 2019/790 not concerned; one case awaiting a reply.
fn setup(url: &str) {
    for (d, deadline, lead) in [
        ("2019/1024", "30/11/2022", "BE"),
        ("2019/1158", "29/11/2024", "TALENT"),
        ("2019/1152", "30/11/2024", "TALENT"),
        ("2023/970", "29/01/2025", "TALENT"),
        ("2019/904", "30/01/2025", "BE"),
        ("2019/1937", "17/12/2021", "TALENT"),
    ] {
        ok(
            url,
            &[
                "directive",
                "add",
                d,
                "--deadline",
                deadline,
                "--competence",
                "shared",
                "--lead",
                lead,
            ],
        );
    }
    ok(
        url,
        &[
            "directive",
            "add",
            "2019/790",
            "--deadline",
            "07/06/2021",
            "--competence",
            "not-concerned",
        ],
    );
    ok(
        url,
        &[
            "measure",
            "add",
            "2019/1937",
            "--kind",
            "ordonnance",
            "--notified",
            "17/12/2021",
            "--complete",
            "--title-fr",
            "Ordonnance lanceurs d'alerte",
        ],
    );
    let register = format!(
        "{}/../../shared/data/commission-register/register-2023-01-11.json",
        env!("CARGO_MANIFEST_DIR")
    );
    ok(url, &["import", "register", &register]);
    ok(
        url,
        &[
            "case",
            "set",
            "INFR(2022)0332",
            "--brussels",
            "yes",
            "--lead",
            "TALENT",
        ],
    );
}

#[test]
fn indicators_count_the_boundaries_right() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        let i = json(url, &["indicators", "--as-of", "30/11/2024"]);
        let i = &i["indicators"];
        assert_eq!(i["concerned"], 6, "not concerned never counts");
        assert_eq!(i["due"], 4, "1024, 1158, 1152 (due today) and 1937");
        assert_eq!(
            i["not_completely_notified"], 2,
            "the deadline day itself is still on time"
        );
        assert_eq!(i["overdue_two_years_or_more"], 1, "exactly 2 years counts");
        assert_eq!(i["deficit_percent"], 50.0);
        let f = json(url, &["indicators", "--as-of", "30/11/2024", "--forecast"]);
        assert_eq!(f["forecast"].as_array().unwrap().len(), 2);
        assert_eq!(
            f["forecast"][0]["cutoff"]["notifications_until"], "2024-12-05",
            "5 December since 2023"
        );
        let text = ok(
            url,
            &["--lang", "nl", "indicators", "--as-of", "30/11/2024"],
        );
        assert!(
            text.contains("Omzettingsachterstand") && text.contains("50,0%"),
            "{text}"
        );
    });
}

#[test]
fn deadlines_in_date_order_exit_1_when_overdue_and_the_same_in_the_calendar() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        let dir = tempfile::tempdir().unwrap();
        let ics = dir.path().join("deadlines.ics");
        let run = scoreboard(
            url,
            &[
                "--json",
                "deadlines",
                "--as-of",
                "30/11/2024",
                "--within",
                "60d",
                "--ics",
                ics.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 1, "something is overdue: {run:?}");
        let list: serde_json::Value = serde_json::from_str(&run.out).unwrap();
        let list = list.as_array().unwrap();
        let keys: Vec<&str> = list.iter().map(|d| d["key"].as_str().unwrap()).collect();
        assert_eq!(
            keys,
            [
                "INFR(2022)0332",
                "32019L1024",
                "32019L1158",
                "32019L1152",
                "32023L0970"
            ],
            "date order, overdue first; 61 days is outside --within 60d"
        );
        assert_eq!(
            list[0]["date"], "2022-11-20",
            "the reply to the letter of 20/09/2022"
        );
        assert_eq!(list[2]["days_left"], -1);
        assert_eq!(list[3]["days_left"], 0);
        assert_eq!(list[4]["days_left"], 60);

        // The calendar holds the same deadlines, and a standard parser reads it.
        let text = std::fs::read_to_string(&ics).unwrap();
        let calendar: Calendar = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
        let events: Vec<(String, chrono::NaiveDate)> = calendar
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => match e.get_start() {
                    Some(DatePerhapsTime::Date(d)) => {
                        Some((e.get_uid().unwrap_or_default().to_owned(), d))
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let expected: Vec<(String, chrono::NaiveDate)> = list
            .iter()
            .map(|d| {
                let uid = format!(
                    "{}-{}-{}@scoreboard",
                    d["kind"].as_str().unwrap(),
                    d["key"].as_str().unwrap().replace(['(', ')'], ""),
                    d["date"].as_str().unwrap()
                );
                (uid, d["date"].as_str().unwrap().parse().unwrap())
            })
            .collect();
        assert_eq!(events, expected);

        // Nothing overdue for an authority that is on time: exit 0.
        let run = scoreboard(
            url,
            &["deadlines", "--as-of", "30/11/2024", "--authority", "BM"],
        );
        assert_eq!(run.code, 0, "{run:?}");
    });
}

#[test]
fn a_meeting_pack_is_kept_and_the_next_one_shows_what_changed() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().to_str().unwrap();
        ok(
            url,
            &[
                "meeting",
                "add",
                "--kind",
                "eurocoord",
                "--date",
                "15/11/2024",
            ],
        );
        ok(
            url,
            &[
                "meeting",
                "add",
                "--kind",
                "concertation",
                "--date",
                "30/11/2024",
            ],
        );
        ok(
            url,
            &[
                "report",
                "scoreboard",
                "--as-of",
                "15/11/2024",
                "--meeting",
                "1",
                "--out",
                out,
            ],
        );
        ok(
            url,
            &[
                "--lang",
                "nl",
                "report",
                "scoreboard",
                "--as-of",
                "15/11/2024",
                "--meeting",
                "1",
                "--out",
                out,
            ],
        );
        ok(
            url,
            &[
                "directive",
                "add",
                "2022/2464",
                "--deadline",
                "06/07/2024",
                "--lead",
                "BE",
                "--competence",
                "shared",
            ],
        );
        ok(
            url,
            &[
                "case",
                "reply",
                "INFR(2022)0332",
                "--decision",
                "20/09/2022",
                "--sent",
                "18/11/2024",
            ],
        );
        let printed = ok(
            url,
            &[
                "--lang",
                "nl",
                "report",
                "scoreboard",
                "--as-of",
                "30/11/2024",
                "--meeting",
                "2",
                "--out",
                out,
            ],
        );
        assert!(
            printed.contains("scoreboard-nl-2024-11-30.xlsx"),
            "{printed}"
        );
        let html =
            std::fs::read_to_string(dir.path().join("scoreboard-nl-2024-11-30.html")).unwrap();
        assert!(
            html.contains("32022L2464") || html.contains("2022/2464"),
            "the new directive is listed"
        );
        assert!(
            html.contains("Overlegcomité") || html.contains("overlegcomité"),
            "the meeting is named in Dutch"
        );

        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook(dir.path().join("scoreboard-nl-2024-11-30.xlsx")).unwrap();
        let sheets = book.sheet_names();
        assert!(
            sheets.len() >= 8,
            "a changes sheet besides the others: {sheets:?}"
        );
        let changes = book.worksheet_range(sheets.last().unwrap()).unwrap();
        let cells: Vec<String> = changes.cells().map(|(_, _, c)| c.to_string()).collect();
        assert!(
            cells
                .iter()
                .any(|c| c.contains("2022/2464") || c.contains("32022L2464")),
            "{cells:?}"
        );
        assert!(
            cells.iter().any(|c| c.contains("INFR(2022)0332")),
            "the reply sent is a change: {cells:?}"
        );
        // Dates are real date cells.
        let directives = book.worksheet_range(&sheets[1]).unwrap();
        assert!(
            directives
                .cells()
                .any(|(_, _, c)| matches!(c, Data::DateTime(_))),
            "date cells in {}",
            sheets[1]
        );
    });
}
