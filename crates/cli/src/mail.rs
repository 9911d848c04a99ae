//! Sending the digests of `notify`: lettre's SMTP client on tokio, TLS by rustls with the ring
//! provider (no OpenSSL), the system's root certificates (an administration's relay may have a
//! certificate of its own authority, installed on the machine).
//!
//! The address is lettre's connection URL (`AsyncSmtpTransport::from_url`, lettre 0.11.23
//! src/transport/smtp/async_transport.rs): `smtp://host:port` sends in clear (a relay inside the
//! administration's network), `smtp://host:587?tls=required` upgrades with STARTTLS and refuses a
//! server that cannot, `smtps://host:465` is TLS from the start. The user and password come from
//! `SCOREBOARD_SMTP_USER` and `SCOREBOARD_SMTP_PASSWORD`, not from the URL, so they are not shown
//! in a process list or a log.

use std::time::Duration;

use anyhow::Context;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// A mail server to send through, and the sender.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// `host:port`, for messages.
    pub server: String,
}

/// A message ready to go, and its Message-ID.
pub struct Outgoing {
    pub message: Message,
    pub message_id: String,
}

impl Mailer {
    /// Reads the address, the sender and the credentials; connects to nothing yet.
    pub fn new(url: &str, from: &str, timeout: Duration) -> anyhow::Result<Mailer> {
        let parsed = url::Url::parse(url).map_err(|e| {
            anyhow::anyhow!(
                "--smtp-url {url}: {e}; expected smtp://host:port, smtp://host:587?tls=required or smtps://host:465"
            )
        })?;
        if !matches!(parsed.scheme(), "smtp" | "smtps") {
            anyhow::bail!(
                "--smtp-url {url}: expected smtp://host:port, smtp://host:587?tls=required or smtps://host:465"
            );
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            anyhow::bail!(
                "--smtp-url: give the user and password in SCOREBOARD_SMTP_USER and SCOREBOARD_SMTP_PASSWORD, not in the address"
            );
        }
        if let Some((name, value)) = parsed.query_pairs().find(|(k, _)| k != "tls") {
            anyhow::bail!(
                "--smtp-url {url}: unknown parameter {name}={value}; only tls=required or tls=opportunistic"
            );
        }
        let host = parsed.host_str().unwrap_or_default().to_owned();
        let port = parsed
            .port()
            .unwrap_or(if parsed.scheme() == "smtps" { 465 } else { 587 });
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .with_context(|| format!("--smtp-url {url}"))?
            .timeout(Some(timeout));
        let user = std::env::var("SCOREBOARD_SMTP_USER")
            .ok()
            .filter(|u| !u.is_empty());
        let password = std::env::var("SCOREBOARD_SMTP_PASSWORD").ok();
        match (user, password) {
            (Some(u), Some(p)) => builder = builder.credentials(Credentials::new(u, p)),
            (Some(_), None) => anyhow::bail!(
                "SCOREBOARD_SMTP_USER is set but SCOREBOARD_SMTP_PASSWORD is not: give both, or neither"
            ),
            (None, _) => {}
        }
        let from: Mailbox = from.parse().map_err(|e| {
            anyhow::anyhow!(
                "--mail-from {from}: {e}; expected an address like \"EU scoreboard <scoreboard@sprb.brussels>\""
            )
        })?;
        Ok(Mailer {
            transport: builder.build(),
            from,
            server: format!("{host}:{port}"),
        })
    }

    /// Connects and greets the server: whether it can be reached at all, before anything is
    /// written.
    pub async fn check(&self) -> Result<(), String> {
        match self.transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err("the server did not answer NOOP".to_owned()),
            Err(e) => Err(error_text(&e)),
        }
    }

    /// A digest as a message: the text and HTML parts as alternatives, its language in
    /// Content-Language, a Message-ID of ours (`id` unique to the run and message).
    pub fn message(
        &self,
        to: &str,
        name: Option<&str>,
        lang: domain::Lang,
        rendered: &report::mail::Rendered,
        id: &str,
    ) -> anyhow::Result<Outgoing> {
        let to = Mailbox::new(
            name.map(str::to_owned),
            to.parse()
                .with_context(|| format!("the address {to} cannot be written in a message"))?,
        );
        let domain = self.from.email.domain().to_owned();
        let message_id = format!("<{id}@{domain}>");
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject.clone())
            .message_id(Some(message_id.clone()))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                lang.code().to_owned(),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_owned(),
            ))
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(rendered.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(rendered.html.clone()),
                    ),
            )
            .context("cannot build the message")?;
        Ok(Outgoing {
            message,
            message_id,
        })
    }

    /// Sends one message; the server's refusal or the connection's failure as text.
    pub async fn send(&self, outgoing: &Outgoing) -> Result<(), String> {
        self.transport
            .send(outgoing.message.clone())
            .await
            .map(|_| ())
            .map_err(|e| error_text(&e))
    }
}

/// lettre's error with its causes, on one line.
fn error_text(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text.replace(['\n', '\r'], " ")
}
