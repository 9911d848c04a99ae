//! The SMTP sink of `tests::smtp`, spoken to by hand over a TcpStream (the dialogue as a client
//! writes it), and a multipart message read back through `Received::parsed`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use tests::smtp::{Received, Sink, SinkOptions, unreachable_url};

/// A raw SMTP client: a line out, the whole reply back.
struct Client {
    input: BufReader<TcpStream>,
    out: TcpStream,
}

impl Client {
    fn connect(sink: &Sink) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", sink.port())).expect("connect to the sink");
        // Blocking reads that fail instead of hanging when the sink does not answer.
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let out = stream.try_clone().unwrap();
        let mut client = Client {
            input: BufReader::new(stream),
            out,
        };
        assert!(client.reply().starts_with("220 "), "a greeting");
        client
    }

    /// The reply's lines, joined with `\n`: up to the line whose code is followed by a space.
    fn reply(&mut self) -> String {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            self.input.read_line(&mut line).expect("a reply line");
            let line = line.trim_end().to_owned();
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return lines.join("\n");
            }
        }
    }

    fn say(&mut self, line: &str) -> String {
        self.out
            .write_all(format!("{line}\r\n").as_bytes())
            .unwrap();
        self.reply()
    }

    /// Says each line and checks the code of its reply.
    fn check(&mut self, dialogue: &[(&str, &str)]) {
        for (line, code) in dialogue {
            let reply = self.say(line);
            assert_eq!(&reply[..3], *code, "{line:?} got {reply:?}");
        }
    }
}

fn received(from: &str, to: &[&str], data: &str) -> Received {
    Received {
        from: from.to_owned(),
        to: to.iter().map(|s| s.to_string()).collect(),
        data: data.as_bytes().to_vec(),
    }
}

#[test]
fn ehlo_offers_8bitmime_and_smtputf8_but_neither_tls_nor_auth() {
    let sink = Sink::start(SinkOptions::default());
    let mut client = Client::connect(&sink);
    assert_eq!(
        client.say("EHLO client.test"),
        "250-localhost\n250-8BITMIME\n250 SMTPUTF8"
    );
    assert_eq!(client.say("HELO client.test"), "250 localhost");
}

#[test]
fn two_messages_on_one_connection_with_a_refused_recipient() {
    let sink = Sink::start(SinkOptions {
        refuse_recipients: vec!["Refused@Example.ORG".into()],
        ..SinkOptions::default()
    });
    let mut client = Client::connect(&sink);
    client.check(&[
        ("EHLO client.test", "250"),
        ("RCPT TO:<first@example.org>", "503"),
        ("MAIL FROM:<sender@example.org> BODY=8BITMIME", "250"),
        ("DATA", "503"),
        ("RCPT TO:<refused@example.org>", "550"),
        ("RCPT TO:<first@example.org>", "250"),
        ("DATA", "354"),
        (
            "Subject: one\r\n\r\n..starts with a dot\r\n..\r\nend\r\n.",
            "250",
        ),
        ("MAIL FROM:<>", "250"),
        ("rcpt to:<second@example.org>", "250"),
        ("RCPT TO:<third@example.org>", "250"),
        ("DATA", "354"),
        ("Subject: two\r\n\r\nDéjà vu\r\n.", "250"),
        ("MAIL FROM:<sender@example.org>", "250"),
        ("RCPT TO:<dropped@example.org>", "250"),
        ("RSET", "250"),
        ("DATA", "503"),
        ("NOOP", "250"),
        ("VRFY first@example.org", "252"),
        ("STARTTLS", "502"),
        ("AUTH PLAIN", "502"),
        ("QUIT", "221"),
    ]);
    let mut rest = Vec::new();
    client
        .input
        .read_to_end(&mut rest)
        .expect("the sink closes");
    assert_eq!(rest, b"");
    assert_eq!(
        sink.messages(),
        [
            received(
                "sender@example.org",
                &["first@example.org"],
                "Subject: one\r\n\r\n.starts with a dot\r\n.\r\nend\r\n"
            ),
            received(
                "",
                &["second@example.org", "third@example.org"],
                "Subject: two\r\n\r\nDéjà vu\r\n"
            ),
        ]
    );
}

#[test]
fn connections_are_served_at_the_same_time() {
    let sink = Sink::start(SinkOptions::default());
    let (mut first, mut second) = (Client::connect(&sink), Client::connect(&sink));
    for (client, name) in [(&mut second, "second"), (&mut first, "first")] {
        client.check(&[
            ("EHLO client.test", "250"),
            (&format!("MAIL FROM:<{name}@example.org>"), "250"),
            ("RCPT TO:<to@example.org>", "250"),
            ("DATA", "354"),
            (&format!("Subject: {name}\r\n."), "250"),
        ]);
    }
    let from: Vec<String> = sink.messages().into_iter().map(|m| m.from).collect();
    assert_eq!(from, ["second@example.org", "first@example.org"]);
}

#[test]
fn deferred_messages_get_451_and_are_not_recorded() {
    let sink = Sink::start(SinkOptions {
        defer_messages: true,
        ..SinkOptions::default()
    });
    Client::connect(&sink).check(&[
        ("EHLO client.test", "250"),
        ("MAIL FROM:<sender@example.org>", "250"),
        ("RCPT TO:<to@example.org>", "250"),
        ("DATA", "354"),
        ("Subject: later\r\n.", "451"),
        ("NOOP", "250"),
    ]);
    assert_eq!(sink.messages(), []);
}

#[test]
fn a_stopped_sink_closes_its_connections_and_its_port() {
    let sink = Sink::start(SinkOptions::default());
    assert_eq!(sink.url(), format!("smtp://127.0.0.1:{}", sink.port()));
    let mut client = Client::connect(&sink);
    let port = sink.port();
    sink.stop();
    let mut byte = [0u8; 1];
    assert_eq!(client.input.read(&mut byte).expect("an end of stream"), 0);
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn nothing_listens_on_the_unreachable_url() {
    let url = unreachable_url();
    let port: u16 = url
        .strip_prefix("smtp://127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .expect("smtp://127.0.0.1:PORT");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

/// A digest as a mail client writes one: French text in quoted-printable (with a soft line
/// break and a line that starts with a dot), Dutch HTML in base64, an encoded-word subject.
const DIGEST: &str = "From: Scoreboard <scoreboard@example.org>\r
To: =?utf-8?q?Ana=C3=AFs_Dupr=C3=A9?= <anais@example.org>\r
Subject: =?utf-8?q?R=C3=A9sum=C3=A9_de_la_semaine_=E2=80=93_No=C3=ABl?=\r
Content-Language: fr\r
MIME-Version: 1.0\r
Content-Type: multipart/alternative; boundary=\"b1\"\r
\r
--b1\r
Content-Type: text/plain; charset=utf-8\r
Content-Transfer-Encoding: quoted-printable\r
\r
Le comit=C3=A9 a re=C3=A7u 3 r=C3=A9ponses ; l'=C3=A9ch=C3=A9ance du dossier =\r
=C2=AB No=C3=ABl =C2=BB est d=C3=A9pass=C3=A9e.\r
.Fin.\r
--b1\r
Content-Type: text/html; charset=utf-8\r
Content-Transfer-Encoding: base64\r
\r
PHA+T3ZlcnppY2h0IHZhbiBkZSB3ZWVrOiDDqcOpbiBkb3NzaWVyIGlzIGdlw6tpbmRpZ2QuPC9w\r
Pg0KPHA+VG90IHppZW5zITwvcD4=\r
--b1--\r
";

#[test]
fn a_multipart_digest_reads_back_decoded() {
    let sink = Sink::start(SinkOptions::default());
    Client::connect(&sink).check(&[
        ("EHLO client.test", "250"),
        ("MAIL FROM:<scoreboard@example.org>", "250"),
        ("RCPT TO:<anais@example.org>", "250"),
        ("DATA", "354"),
        (&format!("{}.", DIGEST.replace("\r\n.", "\r\n..")), "250"),
    ]);
    let messages = sink.messages();
    assert_eq!(
        messages,
        [received(
            "scoreboard@example.org",
            &["anais@example.org"],
            DIGEST
        )]
    );
    let mail = messages[0].parsed();
    assert_eq!(mail.subject, "Résumé de la semaine – Noël");
    assert_eq!(mail.to, "Anaïs Dupré <anais@example.org>");
    assert_eq!(mail.content_language.as_deref(), Some("fr"));
    assert_eq!(
        mail.header("from").as_deref(),
        Some("Scoreboard <scoreboard@example.org>")
    );
    assert_eq!(mail.header("Reply-To"), None);
    assert_eq!(
        mail.text,
        "Le comité a reçu 3 réponses ; l'échéance du dossier « Noël » est dépassée.\n.Fin."
    );
    assert_eq!(
        mail.html,
        "<p>Overzicht van de week: één dossier is geëindigd.</p>\n<p>Tot ziens!</p>"
    );
}
