//! A local SMTP server ("sink") for the tests of code that sends e-mail: std only, on 127.0.0.1,
//! one thread per connection, speaking the ESMTP a client such as lettre needs (no TLS, no AUTH),
//! recording every accepted message, and refusing the recipients a test names. [`Received::parsed`]
//! reads a message back (headers decoded, text and HTML parts) with mailparse.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use mailparse::MailHeaderMap;

/// What the sink refuses; `SinkOptions::default()` accepts everything.
#[derive(Clone, Debug, Default)]
pub struct SinkOptions {
    /// Answered `550` at `RCPT TO` (compared without case); the message's other recipients are
    /// still accepted, as a real server does.
    pub refuse_recipients: Vec<String>,
    /// Answer `451` (a temporary failure) at the end of `DATA`, recording nothing.
    pub defer_messages: bool,
}

/// One accepted message, as the client sent it.
#[derive(Clone, PartialEq)]
pub struct Received {
    /// The address of `MAIL FROM:<...>` (empty for the null sender).
    pub from: String,
    /// The accepted addresses of `RCPT TO:<...>`, in order (refused ones are not here).
    pub to: Vec<String>,
    /// The data between `DATA` and the line `.`, dot-stuffing undone; every line keeps its CRLF,
    /// the last one included (RFC 5321: the terminator's first CRLF ends the message's last line;
    /// lettre sends `\r\n.\r\n` after a message that ends with CRLF: one empty line more).
    pub data: Vec<u8>,
}

/// The data as text, so that a failed `assert_eq!` shows the message rather than its bytes.
impl std::fmt::Debug for Received {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Received")
            .field("from", &self.from)
            .field("to", &self.to)
            .field("data", &String::from_utf8_lossy(&self.data))
            .finish()
    }
}

/// A running sink; dropping it (or [`Sink::stop`]) closes the listener and every open connection.
pub struct Sink {
    port: u16,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

struct Shared {
    options: SinkOptions,
    messages: Mutex<Vec<Received>>,
    /// A second handle on every open connection, to shut them down when the sink stops.
    open: Mutex<HashMap<usize, TcpStream>>,
    stopping: AtomicBool,
}

impl Sink {
    pub fn start(options: SinkOptions) -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let port = listener.local_addr().expect("a local address").port();
        let shared = Arc::new(Shared {
            options,
            messages: Mutex::new(Vec::new()),
            open: Mutex::new(HashMap::new()),
            stopping: AtomicBool::new(false),
        });
        let accepting = shared.clone();
        let accept = std::thread::spawn(move || {
            for (id, stream) in listener.incoming().enumerate() {
                // `stop` wakes this blocking accept with a connection of its own.
                if accepting.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if let Ok(copy) = stream.try_clone() {
                    accepting.open.lock().unwrap().insert(id, copy);
                }
                let shared = accepting.clone();
                std::thread::spawn(move || {
                    let _ = converse(&stream, &shared);
                    // The connection closes once its copy in `open` is dropped too.
                    shared.open.lock().unwrap().remove(&id);
                });
            }
        });
        Sink {
            port,
            shared,
            accept: Some(accept),
        }
    }

    /// `smtp://127.0.0.1:PORT`: plain SMTP, as lettre's `SmtpTransport::from_url` reads it (a
    /// function lettre 0.11 only has with one of its TLS features on).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every message accepted so far, in order. A message is recorded before its `250` is sent,
    /// so once the client has its answer the message is here: no waiting needed.
    pub fn messages(&self) -> Vec<Received> {
        self.shared.messages.lock().unwrap().clone()
    }

    /// The same as dropping the sink, said out loud (for "the server went away" tests).
    pub fn stop(self) {}
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        for stream in self.shared.open.lock().unwrap().values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// `smtp://127.0.0.1:PORT` on a port nothing listens on (it was free a moment ago), for
/// "the server cannot be reached" tests.
pub fn unreachable_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let port = listener.local_addr().expect("a local address").port();
    drop(listener);
    format!("smtp://127.0.0.1:{port}")
}

/// The address inside `<...>` after `FROM:` or `TO:` (parameters such as `BODY=8BITMIME` ignored).
fn address(argument: &str, prefix: &str) -> Option<String> {
    let head = argument.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = argument[prefix.len()..].trim_start();
    let inner = rest.strip_prefix('<')?;
    Some(inner[..inner.find('>')?].to_owned())
}

/// One SMTP session; returns at `QUIT`, at the end of the stream, or on a read timeout.
fn converse(stream: &TcpStream, shared: &Shared) -> std::io::Result<()> {
    // Long enough for a pooled idle connection; `Sink::drop` ends the waits sooner.
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut out = stream;
    let mut input = BufReader::new(stream);
    let mut say = |reply: &str| out.write_all(format!("{reply}\r\n").as_bytes());
    say("220 localhost ESMTP test sink")?;
    let (mut from, mut to): (Option<String>, Vec<String>) = (None, Vec::new());
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        let (verb, argument) = text.split_once(' ').unwrap_or((text, ""));
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                (from, to) = (None, Vec::new());
                say("250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8")?;
            }
            "HELO" => {
                (from, to) = (None, Vec::new());
                say("250 localhost")?;
            }
            "MAIL" => match address(argument, "FROM:") {
                Some(sender) => {
                    (from, to) = (Some(sender), Vec::new());
                    say("250 2.1.0 ok")?;
                }
                None => say("501 5.5.4 expected MAIL FROM:<address>")?,
            },
            "RCPT" => match address(argument, "TO:") {
                _ if from.is_none() => say("503 5.5.1 MAIL first")?,
                Some(recipient) => {
                    let lower = recipient.to_lowercase();
                    let refused = &shared.options.refuse_recipients;
                    if refused.iter().any(|r| r.to_lowercase() == lower) {
                        say(&format!("550 5.1.1 <{recipient}>: recipient refused"))?;
                    } else {
                        to.push(recipient);
                        say("250 2.1.5 ok")?;
                    }
                }
                None => say("501 5.5.4 expected RCPT TO:<address>")?,
            },
            "DATA" if to.is_empty() => say("503 5.5.1 RCPT first")?,
            "DATA" => {
                say("354 end data with <CR><LF>.<CR><LF>")?;
                let data = read_data(&mut input)?;
                let message = Received {
                    from: from.take().unwrap_or_default(),
                    to: std::mem::take(&mut to),
                    data,
                };
                if shared.options.defer_messages {
                    say("451 4.3.0 try again later")?;
                } else {
                    shared.messages.lock().unwrap().push(message);
                    say("250 2.0.0 accepted")?;
                }
            }
            "RSET" => {
                (from, to) = (None, Vec::new());
                say("250 2.0.0 ok")?;
            }
            "NOOP" => say("250 2.0.0 ok")?,
            "VRFY" => say("252 2.5.2 cannot verify, will try")?,
            "QUIT" => return say("221 2.0.0 bye"),
            _ => say("502 5.5.2 command not implemented")?,
        }
    }
}

/// The lines up to `.`, with a leading dot removed from every line that has one.
fn read_data(input: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let (mut data, mut line) = (Vec::new(), Vec::new());
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(data);
        }
        data.extend_from_slice(line.strip_prefix(b".").unwrap_or(&line));
    }
}

/// A message read back: headers decoded (RFC 2047 words included), the text and HTML parts
/// decoded from quoted-printable or base64 and from their charset, their line endings as `\n`
/// (SMTP sends CRLF, and lettre turns a body's `\n` into CRLF: a test compares what code wrote).
#[derive(Clone, Debug)]
pub struct Mail {
    /// Every header as (name, decoded value), in order.
    pub headers: Vec<(String, String)>,
    /// The `To` header (empty when absent).
    pub to: String,
    /// The `Subject` header (empty when absent).
    pub subject: String,
    pub content_language: Option<String>,
    /// The first text/plain part that is not an attachment (empty when none).
    pub text: String,
    /// The first text/html part that is not an attachment (empty when none).
    pub html: String,
}

impl Mail {
    /// The first header of this name (compared without case), decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.clone())
    }
}

impl Received {
    /// Panics when mailparse cannot read the message: a test wants to know.
    pub fn parsed(&self) -> Mail {
        let mail = mailparse::parse_mail(&self.data).expect("a message mailparse can read");
        let header = |name| mail.headers.get_first_value(name);
        let part = |mimetype: &str| {
            mail.parts()
                .filter(|p| p.subparts.is_empty() && p.ctype.mimetype == mimetype)
                .find(|p| {
                    p.get_content_disposition().disposition
                        != mailparse::DispositionType::Attachment
                })
                .map(|p| {
                    p.get_body()
                        .expect("a body in its declared encoding")
                        .replace("\r\n", "\n")
                })
                .unwrap_or_default()
        };
        Mail {
            headers: mail
                .headers
                .iter()
                .map(|h| (h.get_key(), h.get_value()))
                .collect(),
            to: header("To").unwrap_or_default(),
            subject: header("Subject").unwrap_or_default(),
            content_language: header("Content-Language"),
            text: part("text/plain"),
            html: part("text/html"),
        }
    }
}
