//! A local HTTP server for the tests of network code: std only, on 127.0.0.1, one thread per
//! connection, answering each request with what a handler decides (recorded answers, or a
//! simulation of a service), and stopping by itself when idle. No test touches the internet.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Sent as a `Retry-After` header, in seconds.
    pub retry_after: Option<u64>,
    /// Sent as a `Location` header (a redirect's target).
    pub location: Option<String>,
    /// The `Content-Type` header; `application/json` when none is given.
    pub content_type: Option<&'static str>,
}

/// 200 OK with this body.
pub fn reply(body: impl Into<Vec<u8>>) -> Reply {
    Reply {
        status: 200,
        body: body.into(),
        delay: Duration::ZERO,
        retry_after: None,
        location: None,
        content_type: None,
    }
}

/// An answer with this status and a short body saying it.
pub fn status(code: u16) -> Reply {
    Reply {
        status: code,
        body: format!("status {code}").into_bytes(),
        delay: Duration::ZERO,
        retry_after: None,
        location: None,
        content_type: None,
    }
}

/// A request as the handler sees it.
pub struct Request<'a> {
    /// The request line and the body, percent-decoded (`+` as a space): what form posts say.
    pub text: &'a str,
    /// The body as sent.
    pub body: &'a str,
    /// The request's header lines as sent (`Accept-Language: fra`...).
    pub headers: &'a str,
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    /// `http://127.0.0.1:PORT/sparql` (any path is answered by the handler).
    pub url: String,
    /// The address without a path: `http://127.0.0.1:PORT`.
    pub base: String,
    /// Every request received, as its decoded text.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        listener.set_nonblocking(true).unwrap();
        let handler: Arc<Handler> = Arc::new(handler);
        let log = Arc::new(Mutex::new(Vec::new()));
        let thread_log = log.clone();
        std::thread::spawn(move || {
            let mut last = Instant::now();
            // Stops by itself once no request came for 20 seconds.
            while last.elapsed() < Duration::from_secs(20) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        last = Instant::now();
                        let (handler, log) = (handler.clone(), thread_log.clone());
                        std::thread::spawn(move || handle(stream, &*handler, &log));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            url: format!("{base}/sparql"),
            base,
            log,
        }
    }

    /// How many requests contained `needle` (in their decoded text).
    pub fn requests(&self, needle: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.contains(needle))
            .count()
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn handle(mut stream: TcpStream, handler: &Handler, log: &Mutex<Vec<String>>) {
    stream.set_nonblocking(false).ok();
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
    let body = String::from_utf8_lossy(&data[head_end..]).into_owned();
    let text = format!(
        "{}\n{}",
        decode(head.lines().next().unwrap_or("")),
        decode(&body)
    );
    log.lock().unwrap().push(text.clone());
    let reply = handler(&Request {
        text: &text,
        body: &body,
        headers: &head,
    });
    std::thread::sleep(reply.delay);
    let retry_after = reply
        .retry_after
        .map(|s| format!("Retry-After: {s}\r\n"))
        .unwrap_or_default();
    let location = reply
        .location
        .as_ref()
        .map(|l| format!("Location: {l}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\n{retry_after}{location}Connection: close\r\n\r\n",
        reply.status,
        reply.content_type.unwrap_or("application/json"),
        reply.body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
}
