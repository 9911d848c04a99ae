//! An iCalendar file (RFC 5545) of all-day events, for the deadlines people subscribe to in their
//! calendar: CRLF line endings, lines folded at 75 octets, text escaped.

use chrono::{Days, NaiveDate, NaiveDateTime};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across runs (e.g. `transposition-32019L1024-20210717@scoreboard`), so a calendar
    /// application updates the event instead of adding a copy.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// The longest line, in octets, without its CRLF (RFC 5545, 3.1).
const MAX_LINE: usize = 75;

/// The calendar named `name` with `events`, in the order given. `stamp` is written as every event's
/// DTSTAMP and must be in UTC (a parameter, so the same events give the same file).
pub fn calendar(name: &str, events: &[CalendarEvent], stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        "PRODID:-//Brussels-Capital Region//scoreboard//EN",
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for event in events {
        // DTEND of an all-day event is exclusive: the next day.
        let end = event
            .date
            .checked_add_days(Days::new(1))
            .unwrap_or(event.date);
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", event.date.format("%Y%m%d")),
        );
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape(&event.description)),
            );
        }
        // A deadline does not make a person busy all day.
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // RFC 5545 allows no control character in a TEXT value (3.3.11): a calendar program
            // may act on one (a terminal escape in an imported title), so it is shown as U+FFFD.
            c if c.is_control() && c != '\t' => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded: after every 75 octets a CRLF and a space, never inside a UTF-8
/// character (the space of a continuation line counts in its 75).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > MAX_LINE {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(content: &str) -> String {
        let mut out = String::new();
        line(&mut out, content);
        out
    }

    #[test]
    fn folding() {
        let exactly = "A".repeat(75);
        assert_eq!(folded(&exactly), format!("{exactly}\r\n"));
        let longer = "A".repeat(76);
        assert_eq!(folded(&longer), format!("{}\r\n A\r\n", "A".repeat(75)));
        // 74 ASCII octets then "é" (2 octets) would make 76: the é moves to the next line whole.
        let accent = format!("{}é", "A".repeat(74));
        assert_eq!(folded(&accent), format!("{}\r\n é\r\n", "A".repeat(74)));
        let many = "é".repeat(100);
        for l in folded(&many).split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
        assert_eq!(
            escape("Mise en demeure: répondre"),
            "Mise en demeure: répondre"
        );
    }
}
