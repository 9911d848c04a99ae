//! Every text parser of `domain` against generated strings (proptest, since cargo-fuzz needs
//! nightly): none panics, whatever the text (any Unicode, controls, bidi marks, very long), what a
//! parser accepts is within its documented ranges, and what the crate writes it reads back.
//!
//! `cargo test` runs 64 cases a property from a fixed seed; `make fuzz` runs many more from
//! random seeds (`PROPTEST_CASES`). A failing case is kept in `proptest-regressions/fuzz.txt` and
//! replayed first by every later run.

use chrono::NaiveDate;
use domain::vocab::{Found, SECTIONS, Vocabulary, read_status};
use domain::{
    CaseType, Celex, CelexKind, ComNumber, Competence, DirectiveId, EuPilotNumber,
    InfringementNumber, Lang, MeasureCelex, PlannedDate, ProcedureNumber, ProcedureType, Provision,
    Step, parse_date,
};
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};

/// Few cases from a fixed seed unless `PROPTEST_CASES` says otherwise (`ProptestConfig::default`
/// reads it, and `PROPTEST_RNG_SEED`), so that `cargo test` runs the same cases every time. The
/// failures are kept next to this crate's `Cargo.toml` and committed as fixtures (unless
/// `PROPTEST_DISABLE_FAILURE_PERSISTENCE` is set).
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if config.failure_persistence.is_some() {
        config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/fuzz.txt",
        )));
    }
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
        if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
            config.rng_seed = RngSeed::Fixed(11);
        }
    }
    config
}

/// What the parsers look for, and characters that trip text code: case mappings that change the
/// length ("İ", "ß", "ŉ"), combining marks, spaces the parsers treat apart, controls, bidi
/// overrides, digits that are not ASCII, characters outside the BMP.
const PIECES: &[&str] = &[
    "INFR(",
    "EUP(",
    "EU Pilot",
    "COM(",
    "COM/",
    "final",
    "52021PC0557",
    "PC",
    "(COD)",
    "(cod)",
    "/NLE",
    "2021/0218",
    "A",
    "(",
    ")",
    "/",
    "-",
    ".",
    ":",
    "_",
    " ",
    "2019",
    "1024",
    "91",
    "271",
    "0385",
    "1958",
    "2100",
    "9999",
    "0",
    "00",
    "65536",
    "4294967296",
    "32019L1024",
    "72019L1024BEL_",
    "02019L1024-20200101",
    "R(01)",
    "CELEX:",
    "3",
    "7",
    "L",
    "R",
    "Directive",
    "(EU)",
    "richtlijn",
    "dir.",
    "Regulation",
    "/EEC",
    "/EU",
    "Q2",
    "T4",
    "S1",
    "H2",
    "fin",
    "mi-",
    "début",
    "trimestre",
    "kwartaal",
    "1er",
    "2e",
    "30",
    "31",
    "02",
    "13",
    "septembre",
    "décembre",
    "août",
    "juillet",
    "oktober",
    "September",
    "exclusive",
    "partagée",
    "à déterminer",
    "te bepalen",
    "?",
    "#",
    "n/a",
    "non",
    "pas",
    "niet",
    "volledig",
    "omgezet",
    "transposée",
    "in-",
    "on",
    "mise en demeure",
    "complémentaire",
    "avis motivé",
    "saisine",
    "désistement",
    "classement",
    "aanvullend",
    "non-communication",
    "mauvaise application",
    "İ",
    "ß",
    "ﬃ",
    "ŉ",
    "ǅ",
    "Σ",
    "\u{301}",
    "\u{a0}",
    "\u{202f}",
    "\u{200b}",
    "\u{feff}",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\0",
    "\t",
    "\r\n",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "١٢٣",
    "２０１９",
    "𝟚",
    "🇧🇪",
    "\u{10ffff}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(PIECES).prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
        "[0-9]{1,6}",
    ]
}

/// Any text: arbitrary Unicode, pieces of what the parsers read glued together, or a very long
/// run of one piece between two short texts.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.concat()),
        (piece(), 1_000..10_000usize, piece(), piece())
            .prop_map(|(run, n, before, after)| format!("{before}{}{after}", run.repeat(n))),
    ]
}

fn directive_id() -> impl Strategy<Value = DirectiveId> {
    (1958..=2100u16, 1..=9999u16).prop_map(|(year, number)| DirectiveId { year, number })
}

/// A date of the years EU law has dates in (`domain::DATE_YEARS`, 1958 to 2100).
fn date() -> impl Strategy<Value = NaiveDate> {
    (domain::DATE_YEARS, 1..=12u32, 1..=31u32)
        .prop_filter_map("no such day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

/// A date of the years 1000 to 9999 outside those.
fn date_outside() -> impl Strategy<Value = NaiveDate> {
    (1000..=9999i32, 1..=12u32, 1..=28u32)
        .prop_filter("outside 1958-2100", |(y, _, _)| {
            !domain::DATE_YEARS.contains(y)
        })
        .prop_filter_map("no such day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

fn assert_directive_in_range(id: DirectiveId, input: &str) {
    assert!(
        (1958..=2100).contains(&id.year) && (1..=9999).contains(&id.number),
        "{input:?} gave the directive {id:?}, out of the documented ranges"
    );
}

fn provision() -> impl Strategy<Value = Provision> {
    prop_oneof![
        (1..=999u16, "[a-z]{0,2}", prop::option::of(1..=999u16)).prop_map(
            |(n, suffix, paragraph)| Provision::Article {
                number: format!("{n}{suffix}"),
                paragraph,
            }
        ),
        "[A-Z0-9]{0,6}".prop_map(Provision::Annex),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn provision_parse_reads_back(s in text()) {
        if let Ok(p) = Provision::parse(&s) {
            prop_assert_eq!(Provision::parse(&p.code()).ok(), Some(p.clone()), "{:?}", s);
            for lang in Lang::ALL {
                prop_assert_eq!(Provision::parse(&p.label(lang)).ok(), Some(p.clone()), "{:?} {}", s, lang);
            }
        }
    }

    #[test]
    fn provision_written_reads_back(p in provision()) {
        prop_assert_eq!(Provision::parse(&p.code()).ok(), Some(p.clone()));
        for lang in Lang::ALL {
            prop_assert_eq!(Provision::parse(&p.label(lang)).ok(), Some(p.clone()), "{}", lang);
        }
    }

    #[test]
    fn directive_id_parse_stays_in_range_and_reads_back(s in text()) {
        if let Ok(id) = DirectiveId::parse(&s) {
            assert_directive_in_range(id, &s);
            prop_assert_eq!(DirectiveId::parse(&id.to_string()).ok(), Some(id));
        }
    }

    #[test]
    fn directive_id_written_reads_back(id in directive_id()) {
        prop_assert_eq!(DirectiveId::parse(&id.to_string()).ok(), Some(id));
        prop_assert_eq!(DirectiveId::parse(&id.celex()).ok(), Some(id));
        prop_assert_eq!(DirectiveId::parse(&format!("Directive (EU) {id}")).ok(), Some(id));
        prop_assert_eq!(DirectiveId::find_in_text(&format!("richtlijn {id}")), vec![id]);
        let celex = Celex::parse(&id.celex());
        prop_assert_eq!(celex.as_ref().map(|c| c.kind).ok(), Some(CelexKind::Directive));
        prop_assert_eq!(celex.ok().and_then(|c| c.directive().ok()), Some(id));
    }

    #[test]
    fn find_in_text_stays_in_range_without_repeats(s in text()) {
        let found = DirectiveId::find_in_text(&s);
        for (i, id) in found.iter().enumerate() {
            assert_directive_in_range(*id, &s);
            prop_assert!(!found[..i].contains(id), "{:?} found twice in {:?}", id, s);
        }
    }

    #[test]
    fn find_in_text_finds_a_citation_among_any_words(
        id in directive_id(),
        before in text(),
        after in text(),
    ) {
        // Words, not more digits: "2019/1 024" is a number with a thousands separator, refused.
        prop_assume!(!after.starts_with(|c: char| c.is_numeric() || ",.'".contains(c)));
        let text = format!("{before} Directive {id} {after}");
        prop_assert!(DirectiveId::find_in_text(&text).contains(&id), "{:?} not in {:?}", id, text);
    }

    #[test]
    fn celex_parse_reads_back(s in text()) {
        if let Ok(celex) = Celex::parse(&s) {
            prop_assert_eq!(Celex::parse(&celex.to_string()).ok(), Some(celex.clone()));
            if let Ok(id) = celex.directive() {
                assert_directive_in_range(id, &s);
            }
        }
    }

    #[test]
    fn celex_of_every_kind_reads_back(
        id in directive_id(),
        date in date(),
        sequence in 1..=99u8,
        country in "[A-Z]{3}",
        suffix in "[A-Za-z0-9_-]{1,12}",
    ) {
        let n = id.number;
        let y = id.year;
        let cases = [
            (format!("3{y}L{n:04}R({sequence:02})"), CelexKind::Corrigendum),
            (format!("0{y}L{n:04}-{}", date.format("%Y%m%d")), CelexKind::Consolidated),
            (format!("7{y}L{n:04}{country}_{suffix}"), CelexKind::NationalMeasure),
        ];
        for (written, kind) in cases {
            let celex = Celex::parse(&written);
            prop_assert_eq!(celex.as_ref().map(|c| c.kind).ok(), Some(kind), "{}", written);
            prop_assert_eq!(celex.map(|c| c.to_string()).ok(), Some(written.to_uppercase()));
        }
        let written = format!("7{y}L{n:04}{country}_{suffix}");
        let measure = MeasureCelex::parse(&written);
        prop_assert_eq!(measure.as_ref().map(|m| m.directive).ok(), Some(id));
        prop_assert_eq!(measure.map(|m| m.to_string()).ok(), Some(written.to_uppercase()));
    }

    #[test]
    fn measure_celex_parse_reads_back(s in text()) {
        if let Ok(measure) = MeasureCelex::parse(&s) {
            assert_directive_in_range(measure.directive, &s);
            prop_assert_eq!(MeasureCelex::parse(&measure.to_string()).ok(), Some(measure));
        }
    }

    #[test]
    fn infringement_number_parse_stays_in_range_and_reads_back(s in text()) {
        if let Ok(number) = InfringementNumber::parse(&s) {
            prop_assert!((1958..=2100).contains(&number.year) && number.serial <= 9999, "{:?}", number);
            prop_assert_eq!(InfringementNumber::parse(&number.to_string()).ok(), Some(number));
        }
    }

    #[test]
    fn infringement_number_written_reads_back(year in 1958..=2100u16, serial in 0..=9999u16) {
        let number = InfringementNumber { year, serial };
        for written in [
            number.to_string(),
            format!("{year}/{serial:04}"),
            number.to_int().to_string(),
            format!("{}.0", number.to_int()),
        ] {
            prop_assert_eq!(InfringementNumber::parse(&written).ok(), Some(number), "{}", written);
        }
    }

    #[test]
    fn eu_pilot_number_parse_reads_back(s in text()) {
        if let Ok(number) = EuPilotNumber::parse(&s) {
            prop_assert_eq!(EuPilotNumber::parse(&number.to_string()).ok(), Some(number));
        }
    }

    #[test]
    fn eu_pilot_number_written_reads_back(year in 1958..=2100u16, serial in 0..=999_999u32) {
        let number = EuPilotNumber { year, serial };
        prop_assert_eq!(EuPilotNumber::parse(&number.to_string()).ok(), Some(number));
    }

    #[test]
    fn com_number_parse_reads_back(s in text()) {
        if let Ok(number) = ComNumber::parse(&s) {
            prop_assert_eq!(ComNumber::parse(&number.to_string()).ok(), Some(number));
        }
    }

    #[test]
    fn com_number_written_reads_back(year in 1958..=2100u16, number in 0..=999_999u32) {
        let com = ComNumber { year, number };
        for written in [com.to_string(), format!("COM/{year}/{number}"), format!("{com} final")] {
            prop_assert_eq!(ComNumber::parse(&written).ok(), Some(com), "{}", written);
        }
    }

    #[test]
    fn com_number_celex_reads_back(year in 1958..=2100u16, number in 0..=9999u32) {
        let com = ComNumber { year, number };
        prop_assert_eq!(ComNumber::parse(&com.celex()).ok(), Some(com));
        prop_assert_eq!(com.celex().len(), 11);
    }

    #[test]
    fn procedure_number_parse_stays_in_range_and_reads_back(s in text()) {
        if let Ok(p) = ProcedureNumber::parse(&s) {
            prop_assert!(
                (1958..=2100).contains(&p.year) && (1..=9999).contains(&p.number),
                "{:?} gave {:?}, out of the documented ranges", s, p
            );
            prop_assert!(p.part.is_none_or(|c| c.is_ascii_uppercase()), "{:?} gave {:?}", s, p);
            prop_assert_eq!(ProcedureNumber::parse(&p.to_string()).ok(), Some(p));
        }
    }

    #[test]
    fn procedure_number_written_reads_back(
        year in 1958..=2100u16,
        number in 1..=9999u16,
        part in prop::option::of(prop::char::range('A', 'Z')),
        kind in prop::sample::select(ProcedureType::ALL.to_vec()),
    ) {
        let p = ProcedureNumber { year, number, part, kind };
        let part = part.map(String::from).unwrap_or_default();
        let code = kind.code();
        for written in [
            p.to_string(),
            format!("{year}/{number}{part} ({})", code.to_lowercase()),
            format!("{year}/{number:04}{part}/{code}"),
        ] {
            prop_assert_eq!(ProcedureNumber::parse(&written).ok(), Some(p), "{}", written);
        }
    }

    #[test]
    fn parse_date_reads_its_own_writing_back(s in text()) {
        if let Ok(d) = parse_date(&s) {
            let short = Lang::Fr.format_date_short(d);
            prop_assert_eq!(parse_date(&short).ok(), Some(d), "{}", short);
        }
    }

    #[test]
    fn dates_written_in_every_language_read_back(d in date()) {
        let mut written = vec![d.to_string(), format!("{d}T00:00:00"), Lang::Fr.format_date_short(d)];
        written.extend(Lang::ALL.map(|lang| lang.format_date(d)));
        for w in written {
            prop_assert_eq!(parse_date(&w).ok(), Some(d), "{}", w);
            let planned = PlannedDate::parse(&w).ok();
            prop_assert_eq!(planned.map(|p| (p.no_later_than, p.approximate)), Some((d, false)), "{}", w);
        }
    }

    #[test]
    fn planned_date_reads_back(s in text()) {
        if let Ok(planned) = PlannedDate::parse(&s) {
            prop_assert_eq!(planned.text.as_str(), s.trim());
            prop_assert_eq!(PlannedDate::parse(&planned.text).ok(), Some(planned.clone()));
            if !planned.approximate {
                prop_assert_eq!(parse_date(&s).ok(), Some(planned.no_later_than));
            }
        }
    }

    #[test]
    fn dates_outside_the_years_of_eu_law_are_refused_in_every_writing(d in date_outside()) {
        let mut written = vec![d.to_string(), Lang::Fr.format_date_short(d)];
        written.extend(Lang::ALL.map(|lang| lang.format_date(d)));
        for w in written {
            prop_assert!(parse_date(&w).is_err(), "{} was read", w);
        }
    }

    #[test]
    fn approximate_planned_dates_end_their_period(year in domain::DATE_YEARS, quarter in 1..=4u32) {
        let planned = PlannedDate::parse(&format!("Q{quarter} {year}")).ok();
        let end = NaiveDate::from_ymd_opt(year, quarter * 3, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt());
        prop_assert_eq!(planned.map(|p| (p.no_later_than, p.approximate)), end.map(|e| (e, true)));
        let planned = PlannedDate::parse(&format!("fin {year}")).ok();
        let end = NaiveDate::from_ymd_opt(year, 12, 31);
        prop_assert_eq!(planned.map(|p| (p.no_later_than, p.approximate)), end.map(|e| (e, true)));
    }

    #[test]
    fn competence_reads_its_code_back(s in text()) {
        if let Ok(competence) = s.parse::<Competence>() {
            prop_assert_eq!(competence.code().parse::<Competence>().ok(), Some(competence));
        }
    }

    #[test]
    fn case_type_reads_its_code_back(s in text()) {
        if let Ok(case_type) = s.parse::<CaseType>() {
            prop_assert_eq!(case_type.code().parse::<CaseType>().ok(), Some(case_type));
        }
    }

    #[test]
    fn step_from_words_never_panics(s in text()) {
        let folded = domain::text::fold(&s).replace('-', " ");
        let _ = Step::from_words(&folded);
        let _ = Step::from_words(&s);
    }

    #[test]
    fn read_status_never_panics(s in text()) {
        let _ = read_status(&s);
    }

    #[test]
    fn vocabulary_find_gives_a_key_of_the_section(
        s in text(),
        section in prop::sample::select(&SECTIONS[..]),
        other_section in text(),
        allowed in prop::collection::vec(text(), 0..3),
    ) {
        let v = Vocabulary::get();
        let _ = v.find(&other_section, &s, &[]);
        match v.find(section, &s, &[]) {
            Found::One { key, .. } => prop_assert!(v.keys(section).contains(&key.as_str()), "{}", key),
            Found::Ambiguous(keys) => prop_assert!(keys.len() > 1, "{:?}", keys),
            Found::None => {}
        }
        let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
        if let Found::One { key, .. } = v.find(section, &s, &allowed)
            && !allowed.is_empty()
        {
            prop_assert!(allowed.contains(&key.as_str()), "{} is not among {:?}", key, allowed);
        }
    }
}

#[test]
fn competences_read_back_from_their_codes_and_labels() {
    for competence in Competence::ALL {
        let written = Lang::ALL.map(|lang| competence.label(lang));
        for w in written.iter().chain([&competence.code()]) {
            assert_eq!(w.parse::<Competence>().ok(), Some(competence), "{w}");
        }
    }
}

#[test]
fn case_types_read_back_from_their_codes_and_labels() {
    for case_type in CaseType::ALL {
        let written = Lang::ALL.map(|lang| case_type.label(lang));
        for w in written.iter().chain([&case_type.code()]) {
            assert_eq!(w.parse::<CaseType>().ok(), Some(case_type), "{w}");
        }
    }
}

#[test]
fn steps_read_back_from_their_labels() {
    for step in Step::ALL {
        for lang in Lang::ALL {
            let label = domain::text::fold(step.label(lang)).replace('-', " ");
            assert_eq!(Step::from_words(&label), Some(step), "{label}");
        }
    }
}
