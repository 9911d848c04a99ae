//! The deadlines calendar read back with a standard iCalendar parser (the `icalendar` crate): the
//! events a calendar application will show, with accents, commas and long folded descriptions.

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use report::ics::{CalendarEvent, calendar};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn stamp() -> NaiveDateTime {
    date(2024, 11, 29)
        .and_hms_opt(14, 30, 5)
        .unwrap_or_default()
}

fn events() -> Vec<CalendarEvent> {
    let long = "Directive (UE) 2019/1024 concernant les données ouvertes et la réutilisation des informations \
                du secteur public; administration pilote : Bruxelles Économie et Emploi, associée : \
                paradigm.brussels\\CIRB. Délai dépassé, la Commission ouvrira une procédure d'infraction \
                le mois suivant.\nDeuxième ligne.";
    vec![
        CalendarEvent {
            uid: "transposition-32019L1024-20210717@scoreboard".to_string(),
            date: date(2021, 7, 17),
            summary: "Transposition 2019/1024, données ouvertes; délai".to_string(),
            description: long.to_string(),
        },
        CalendarEvent {
            uid: "reply-INFR(2023)2011-20240131@scoreboard".to_string(),
            date: date(2024, 1, 31),
            summary: "Réponse à la mise en demeure INFR(2023)2011, Bruxelles Environnement"
                .to_string(),
            description: String::new(),
        },
        CalendarEvent {
            uid: "transposition-32022L2464-20241231@scoreboard".to_string(),
            date: date(2024, 12, 31),
            summary: "Omzetting 2022/2464 – duurzaamheidsrapportering, één termijn".to_string(),
            description: "Leidende administratie: Brussel Economie en Werkgelegenheid".to_string(),
        },
    ]
}

/// (uid, start, end, summary, description) of every event, as the parser reads them.
type Read = (String, NaiveDate, NaiveDate, String, String);

fn read_back(ics: &str) -> (Calendar, Vec<Read>) {
    let parsed: Calendar = match ics.parse() {
        Ok(c) => c,
        Err(e) => panic!("the calendar does not parse: {e}\n{ics}"),
    };
    let as_date = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::Date(d)) => d,
        other => panic!("expected an all-day date, got {other:?}"),
    };
    let read = parsed
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap_or_default().to_string(),
                as_date(e.get_start()),
                as_date(e.get_end()),
                e.get_summary().unwrap_or_default().to_string(),
                e.get_description().unwrap_or_default().to_string(),
            )),
            _ => None,
        })
        .collect();
    (parsed, read)
}

#[test]
fn events_read_back_as_written() {
    let events = events();
    let ics = calendar("Échéances, transposition; RBC", &events, stamp());
    let (parsed, read) = read_back(&ics);
    assert_eq!(parsed.get_name(), Some("Échéances, transposition; RBC"));
    let expected: Vec<Read> = events
        .iter()
        .map(|e| {
            let next = e.date.succ_opt().unwrap_or(e.date);
            (
                e.uid.clone(),
                e.date,
                next,
                e.summary.clone(),
                e.description.clone(),
            )
        })
        .collect();
    assert_eq!(read, expected);
}

#[test]
fn lines_follow_rfc_5545() {
    let ics = calendar("Échéances", &events(), stamp());
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    let lines: Vec<&str> = ics.trim_end_matches("\r\n").split("\r\n").collect();
    for l in &lines {
        assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
    }
    assert!(
        lines.iter().filter(|l| l.starts_with(' ')).count() >= 3,
        "the long description is folded:\n{ics}"
    );
    for header in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Échéances",
    ] {
        assert!(lines.contains(&header), "{header}");
    }
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20241231"));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20250101"));
    assert_eq!(
        lines
            .iter()
            .filter(|l| **l == "DTSTAMP:20241129T143005Z")
            .count(),
        3
    );
    assert!(lines.contains(&"SUMMARY:Transposition 2019/1024\\, données ouvertes\\; délai"));
}

#[test]
fn same_events_same_file() {
    let a = calendar("x", &events(), stamp());
    let b = calendar("x", &events(), stamp());
    assert_eq!(a, b);
    assert_eq!(
        calendar("x", &[], stamp()).matches("BEGIN:VEVENT").count(),
        0
    );
}
