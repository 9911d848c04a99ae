//! The overview and the deadlines read only what may be pending (the database leaves out what is
//! done); on a database of every kind of record, at many dates, they must say exactly what the
//! reading of every record says.

use chrono::{Duration, NaiveDate, Utc};
use data::code::{Competence, EventKind, LegalBasis, Step};
use data::entity::{
    case_directive, case_event, decision, directive, directive_deadline, infringement_case,
    measure, reply,
};
use data::repo::{self, CaseView, DirectiveView};
use data::store;
use domain::{Lang, Status};
use sea_orm::{Set, TransactionTrait};
use serde_json::{Value, json};
use tests::{ok, on_each_backend, scoreboard};
use views::Snapshot;

/// `status` shows the directives due within these days (`status::DUE_SOON_DAYS`) and the replies
/// whose deadline passed at most these days ago (`status::REPLY_LOOKBACK_DAYS`).
const DUE_SOON_DAYS: i64 = 60;
const REPLY_LOOKBACK_DAYS: i64 = 60;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A small linear congruential generator: the same database on every run and backend.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + Duration::days(n as i64)
}

/// 300 directives (every competence, zero to three deadlines, measures completing or not,
/// notified before or after the dates asked, or never) and 120 cases (concerned, not, unknown;
/// with or without a lead; active or not with activity events; decisions with replies sent or
/// not, before and after the dates asked; linked to directives).
async fn varied_database(db: &data::Db) {
    let mut dice = Dice(7);
    let at = Utc::now();
    let txn = db.begin().await.unwrap();
    let leads: Vec<i32> = repo::authorities(&txn)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let competences = [
        Competence::Exclusive,
        Competence::Shared,
        Competence::NotConcerned,
        Competence::ToBeDetermined,
    ];
    let dirs: Vec<directive::ActiveModel> = (0..300)
        .map(|i| directive::ActiveModel {
            celex: Set(format!("32{:03}L{:04}", 10 + i / 100, i + 1)),
            title_fr: Set(Some(format!("Directive {i}"))),
            title_nl: Set((i % 3 == 0).then(|| format!("Richtlijn {i}"))),
            competence: Set(competences[dice.roll(4) as usize]),
            lead_authority_id: Set(
                (dice.roll(4) > 0).then(|| leads[dice.roll(leads.len() as u64) as usize])
            ),
            planned_approximate: Set(false),
            at_risk: Set(false),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .collect();
    let dirs = store::insert_rows(&txn, dirs).await.unwrap();
    let mut deadlines = Vec::new();
    let mut measures = Vec::new();
    for d in &dirs {
        for _ in 0..dice.roll(4) {
            deadlines.push(directive_deadline::ActiveModel {
                directive_id: Set(d.id),
                deadline: Set(day(dice.roll(3000))),
                provision: Set(None),
                ..Default::default()
            });
        }
        for k in 0..dice.roll(3) {
            measures.push(measure::ActiveModel {
                directive_id: Set(d.id),
                kind: Set(data::code::MeasureKind::Ordinance),
                title_fr: Set(Some(format!("Ordonnance {} {k}", d.id))),
                completes: Set(dice.roll(2) == 0),
                notified_on: Set((dice.roll(5) > 0).then(|| day(dice.roll(3000)))),
                version: Set(1),
                created_at: Set(at),
                updated_at: Set(at),
                ..Default::default()
            });
        }
    }
    store::insert_rows(&txn, deadlines).await.unwrap();
    store::insert_rows(&txn, measures).await.unwrap();
    let cases: Vec<infringement_case::ActiveModel> = (0..120)
        .map(|i| infringement_case::ActiveModel {
            number: Set(format!("INFR(20{:02}){:04}", 10 + i / 40, i)),
            country: Set(data::code::Country::Belgium),
            title: Set(Some(format!("Case {i}"))),
            brussels_concerned: Set([None, Some(true), Some(false)][dice.roll(3) as usize]),
            lead_authority_id: Set(
                (dice.roll(3) == 0).then(|| leads[dice.roll(leads.len() as u64) as usize])
            ),
            active: Set(dice.roll(4) > 0),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .collect();
    let cases = store::insert_rows(&txn, cases).await.unwrap();
    let stages = [
        (Step::FormalNotice, Some(LegalBasis::Art258)),
        (Step::ReasonedOpinion, Some(LegalBasis::Art258)),
        (Step::Referral, Some(LegalBasis::Art258)),
        (Step::FormalNotice, Some(LegalBasis::Art260_2)),
        (Step::Closure, None),
    ];
    let mut decisions = Vec::new();
    let mut events = Vec::new();
    let mut links = Vec::new();
    for c in &cases {
        let mut on = dice.roll(2500);
        for k in 0..dice.roll(4) {
            let stage = stages[(k as usize + dice.roll(2) as usize) % stages.len()];
            decisions.push(decision::ActiveModel {
                case_id: Set(c.id),
                decided_on: Set(day(on)),
                step: Set(stage.0),
                legal_basis: Set(stage.1),
                nth: Set(1),
                label: Set(None),
                press_release: Set(false),
                version: Set(1),
                created_at: Set(at),
                updated_at: Set(at),
                ..Default::default()
            });
            on += 1 + dice.roll(300);
        }
        if dice.roll(4) == 0 {
            let from = day(dice.roll(3000));
            events.push(case_event::ActiveModel {
                case_id: Set(c.id),
                kind: Set([EventKind::Inactive, EventKind::Reopened][dice.roll(2) as usize]),
                from_date: Set(from),
                to_date: Set(from + Duration::days(30)),
                ..Default::default()
            });
        }
        if dice.roll(2) == 0 {
            links.push(case_directive::ActiveModel {
                case_id: Set(c.id),
                celex: Set(dirs[dice.roll(dirs.len() as u64) as usize].celex.clone()),
                ..Default::default()
            });
        }
    }
    let decisions = store::insert_rows(&txn, decisions).await.unwrap();
    store::insert_rows(&txn, events).await.unwrap();
    store::insert_rows(&txn, links).await.unwrap();
    let mut replies = Vec::new();
    for d in &decisions {
        if dice.roll(3) == 0 {
            continue;
        }
        replies.push(reply::ActiveModel {
            decision_id: Set(d.id),
            deadline: Set(domain::add_months(d.decided_on, 2)),
            sent_on: Set((dice.roll(2) == 0).then(|| d.decided_on + Duration::days(40))),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        });
    }
    store::insert_rows(&txn, replies).await.unwrap();
    txn.commit().await.unwrap();
}

/// The overview (`status --json`) as it was computed before it read only what may be pending:
/// from every directive and every active case.
async fn overview_from_everything(db: &data::Db, as_of: NaiveDate) -> Value {
    let all = repo::directives(db, as_of).await.unwrap();
    let tracked = all.len();
    let mut overdue: Vec<DirectiveView> = all
        .iter()
        .filter(|v| v.status.is_outstanding())
        .cloned()
        .collect();
    overdue.sort_by_key(|v| std::cmp::Reverse(v.status.delay().map(|d| d.days).unwrap_or(0)));
    let mut due_soon: Vec<DirectiveView> = all
        .into_iter()
        .filter(
            |v| matches!(v.status, Status::NotYetDue { days_left } if days_left <= DUE_SOON_DAYS),
        )
        .collect();
    due_soon.sort_by_key(|v| v.next_deadline());
    let open: Vec<CaseView> = repo::cases(db, true)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.brussels_concerned != Some(false))
        .filter(|c| c.decisions.first().is_none_or(|d| d.decided_on <= as_of))
        .collect();
    let open_total = open.len();
    let to_triage = open
        .iter()
        .filter(|c| c.brussels_concerned.is_none())
        .count();
    let mut open_cases: Vec<CaseView> = open
        .into_iter()
        .filter(|c| {
            c.next_reply_deadline()
                .is_some_and(|d| (as_of - d).num_days() <= REPLY_LOOKBACK_DAYS)
        })
        .collect();
    open_cases.sort_by_key(|c| (c.next_reply_deadline(), c.number.clone()));
    json!({
        "as_of": as_of,
        "tracked": tracked,
        "overdue": overdue,
        "due_soon": due_soon,
        "open_cases": open_cases,
        "open_total": open_total,
        "to_triage": to_triage,
    })
}

fn cli_json(url: &str, args: &[&str]) -> Value {
    let run = scoreboard(url, args);
    assert!(run.code <= 1, "{args:?}: {}", run.err);
    serde_json::from_str(&run.out).unwrap()
}

#[test]
fn the_overview_and_the_deadlines_read_lean_say_what_every_record_says() {
    on_each_backend(|b| {
        ok(&b.url, &["init"]);
        let rt = rt();
        let db = rt.block_on(b.connect());
        rt.block_on(varied_database(&db));
        let mut seen_overdue = 0;
        let mut seen_cases = 0;
        let mut seen_replies = 0;
        for n in (0..3300).step_by(150) {
            let as_of = day(n);
            let date = as_of.format("%d/%m/%Y").to_string();
            let lean = cli_json(&b.url, &["--json", "status", "--as-of", &date]);
            let full = rt.block_on(overview_from_everything(&db, as_of));
            assert_eq!(lean, full, "overview at {as_of}");
            seen_cases += lean["open_cases"].as_array().unwrap().len();
            let lean = cli_json(&b.url, &["--json", "deadlines", "--as-of", &date]);
            let full = rt
                .block_on(Snapshot::read(&db, as_of))
                .unwrap()
                .deadlines(Lang::Fr);
            assert_eq!(
                lean,
                serde_json::to_value(&full).unwrap(),
                "deadlines at {as_of}"
            );
            seen_overdue += full.iter().filter(|d| d.overdue()).count();
            seen_replies += full.iter().filter(|d| d.kind == "reply").count();
        }
        // The comparison means something only if the database has each kind at some date.
        assert!(
            seen_overdue > 0 && seen_cases > 0 && seen_replies > 0,
            "{seen_overdue} overdue, {seen_cases} cases awaiting a reply, {seen_replies} replies"
        );
        // The cases the overview shows are marked when linked to a directive the Region
        // transposes: asked of the linked ones only, the answer is the same.
        rt.block_on(async {
            let linked: Vec<String> = repo::cases(&db, false)
                .await
                .unwrap()
                .into_iter()
                .flat_map(|c| c.directives)
                .collect();
            let all = repo::concerned_celexes(&db).await.unwrap();
            assert_eq!(
                repo::concerned_among(&db, &linked).await.unwrap(),
                linked
                    .iter()
                    .filter(|c| all.contains(*c))
                    .cloned()
                    .collect()
            );
        });
    });
}
