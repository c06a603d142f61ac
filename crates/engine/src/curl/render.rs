//! What the terminal shows for a command: the body, `-i`/`-I` heads, `-v` traces, `-f`
//! failures, `-w` text and curl's error line, split into stdout and stderr as curl splits them.
//!
//! Lines end with `\n` for display. On the wire, and in real curl's `-i`/`-v` output, the
//! status and header lines end with CRLF; the terminal has no use for the `\r`. Real curl also
//! styles `-i` header names in bold on a terminal; here they are plain text.
//!
//! The `*` lines `-v` prints are curl 8.7.1's for a localhost connection, kept to these:
//! `Host H:P was resolved.`, `IPv6: ::1`, `IPv4: 127.0.0.1` (names only), `  Trying A:P...`,
//! `Connected to H (A) port P`, `Server auth using Basic with user 'U'` (with `-u`),
//! `Request completely sent off` / `upload completely sent off: N bytes`, and after the
//! answer `Connection #N to host H left intact`; with `-L`, `Ignoring the response-body`,
//! `Clear auth, redirects to port from A to B`, `Issue another request to this URL: 'U'`,
//! `Switch from POST to GET`, `Need to rewind upload for next request`, `Re-using existing
//! connection with host H`; `{ [N bytes data]` for a body sent to `-o /dev/null`; on failure the error text and `Closing connection`, preceded for a
//! refused connection by curl's `connect to ... failed: Connection refused` lines (with a
//! fixed local port) and for `https://` by its first TLS handshake lines. Left out: the
//! progress meter, `Found bundle for host` (it prints a memory address) and other internals.

use super::error::CurlError;
use super::invocation::Invocation;
use super::request::{redirect_location, Exchange, Hop};
use super::url::Url;
use super::writeout::{self, remote_ip, Facts};
use super::Rendered;
use crate::http::Response;

/// Renders one response to the command's first request — the usual case, without `-L`.
pub fn render(inv: &Invocation, res: &Response) -> Rendered {
    let exchange = Exchange {
        hop: inv.first_hop(),
        response: res.clone(),
    };
    render_exchanges(inv, std::slice::from_ref(&exchange), None)
}

/// Renders a command that failed before any answer (`connect_refused`, `timeout`, ...).
pub fn render_error(inv: &Invocation, error: &CurlError) -> Rendered {
    render_exchanges(inv, &[], Some(error))
}

/// Renders a whole command: every exchange (more than one when `-L` followed redirects),
/// then `error` if the command ended with one (the hop after the last exchange failed).
pub fn render_exchanges(
    inv: &Invocation,
    exchanges: &[Exchange],
    error: Option<&CurlError>,
) -> Rendered {
    let mut out = Output {
        inv,
        stdout: String::new(),
        stderr: inv.notices.clone(),
        connections: Vec::new(),
    };
    let last = exchanges.len().saturating_sub(1);
    for (i, exchange) in exchanges.iter().enumerate() {
        // An error passed in belongs to the hop after the last exchange: that one was followed.
        out.exchange(exchange, i < last || error.is_some());
    }
    let fail_error = match (error, exchanges.last()) {
        (None, Some(e)) if (inv.fail || inv.fail_with_body) && e.response.status >= 400 => {
            Some(CurlError::http_error(e.response.status))
        }
        _ => None,
    };
    let error = error.or(fail_error.as_ref());
    if let Some(error) = error {
        out.failure(exchanges, error);
    }
    let exit_code = error.map_or(0, CurlError::exit_code);
    if let Some(template) = &inv.write_out {
        let redirect_url = exchanges.last().and_then(|e| {
            let location = redirect_location(e)?;
            e.hop.url.join(location).ok().map(|u| u.to_string())
        });
        let facts = Facts {
            url_text: &inv.url_text,
            url: Some(&inv.url),
            exchanges,
            method: inv.method(),
            exit_code,
            error_message: error.map(CurlError::message),
            discard_body: inv.discard_body,
            redirect_url,
        };
        let (stdout, stderr) = writeout::expand(template, &facts);
        out.stdout.push_str(&stdout);
        out.stderr.push_str(&stderr);
    }
    Rendered {
        stdout: out.stdout,
        stderr: out.stderr,
        exit_code,
    }
}

/// Runs a whole command against `send`, which delivers one hop's request and returns the
/// answer or the transfer error (`CurlError::connect_refused`, `timeout`...). Follows
/// redirects when `-L` asks, then renders. For runtimes whose server answers synchronously;
/// others drive [`Invocation::next_hop`] themselves and call [`render_exchanges`].
pub fn run(
    inv: &Invocation,
    mut send: impl FnMut(&Hop) -> Result<Response, CurlError>,
) -> Rendered {
    let mut done: Vec<Exchange> = Vec::new();
    loop {
        let hop = match inv.next_hop(&done) {
            Ok(Some(hop)) => hop,
            Ok(None) => return render_exchanges(inv, &done, None),
            Err(e) => return render_exchanges(inv, &done, Some(&e)),
        };
        match send(&hop) {
            Ok(response) => done.push(Exchange { hop, response }),
            Err(e) => return render_exchanges(inv, &done, Some(&e)),
        }
    }
}

/// What a URL curl rejected shows (called by the parser, which has no [`Invocation`] yet).
pub(crate) fn rejected_url(
    error: &CurlError,
    url_text: &str,
    notices: String,
    verbose: bool,
    quiet: bool,
    write_out: Option<&str>,
) -> Rendered {
    let mut stderr = notices;
    if verbose {
        stderr.push_str(&format!("* {}\n* Closing connection\n", error.message()));
    }
    if !quiet {
        stderr.push_str(&format!("{error}\n"));
    }
    let mut stdout = String::new();
    if let Some(template) = write_out {
        let facts = Facts {
            url_text,
            url: None,
            exchanges: &[],
            method: "GET",
            exit_code: error.exit_code(),
            error_message: Some(error.message()),
            discard_body: false,
            redirect_url: None,
        };
        let (out, err) = writeout::expand(template, &facts);
        stdout.push_str(&out);
        stderr.push_str(&err);
    }
    Rendered {
        stdout,
        stderr,
        exit_code: error.exit_code(),
    }
}

struct Output<'a> {
    inv: &'a Invocation,
    stdout: String,
    stderr: String,
    /// `host:port` of every connection opened, in order: the index is curl's `#N`.
    connections: Vec<String>,
}

impl Output<'_> {
    /// One request and its answer; `followed` when another request comes after it.
    fn exchange(&mut self, exchange: &Exchange, followed: bool) {
        let (hop, response) = (&exchange.hop, &exchange.response);
        let conn = self.connect(hop);
        let failed = self.inv.fail && response.status >= 400;
        if self.inv.verbose {
            self.request_trace(hop);
            self.response_trace(exchange, followed || failed);
        }
        if self.inv.include && !self.inv.discard_body {
            self.stdout
                .push_str(&format!("{}\n", status_line(response)));
            for (name, value) in response.headers.iter() {
                self.stdout.push_str(&format!("{name}: {value}\n"));
            }
            self.stdout.push('\n');
        }
        if followed {
            self.trace("Ignoring the response-body");
        } else if self.inv.shows_body() && !failed {
            self.stdout
                .push_str(&String::from_utf8_lossy(&response.body));
        }
        if !failed {
            self.trace(&format!(
                "Connection #{conn} to host {} left intact",
                hop.url.host
            ));
        }
    }

    /// `< ` lines. curl notes the rewind of an uploaded body when it reads the `Location` it
    /// will follow, and shows `{ [N bytes data]` for a body that goes to `-o /dev/null`.
    fn response_trace(&mut self, exchange: &Exchange, body_dropped: bool) {
        let (hop, response) = (&exchange.hop, &exchange.response);
        let rewinds = self.inv.follow_redirects
            && !hop.request.body.is_empty()
            && redirect_location(exchange).is_some();
        self.stderr
            .push_str(&format!("< {}\n", status_line(response)));
        for (name, value) in response.headers.iter() {
            if rewinds && name.eq_ignore_ascii_case("Location") {
                self.trace("Need to rewind upload for next request");
            }
            self.stderr.push_str(&format!("< {name}: {value}\n"));
        }
        self.stderr.push_str("< \n");
        if self.inv.discard_body && !body_dropped && !response.body.is_empty() {
            self.stderr
                .push_str(&format!("{{ [{} bytes data]\n", response.body.len()));
        }
    }

    /// The `*` lines for reaching `hop`'s host; returns the connection number.
    fn connect(&mut self, hop: &Hop) -> usize {
        let key = format!("{}:{}", hop.url.host, hop.url.port);
        for note in &hop.follow_notes {
            self.trace(note);
        }
        if let Some(n) = self.connections.iter().position(|k| *k == key) {
            self.trace(&format!(
                "Re-using existing connection with host {}",
                hop.url.host
            ));
            return n;
        }
        self.resolve_and_try(&hop.url);
        self.trace(&format!(
            "Connected to {} ({}) port {}",
            hop.url.host,
            remote_ip(&hop.url),
            hop.url.port
        ));
        self.connections.push(key);
        self.connections.len() - 1
    }

    /// `Host ... was resolved` (for names) and `Trying ...`.
    fn resolve_and_try(&mut self, url: &Url) {
        if !is_ip_literal(&url.host) {
            self.trace(&format!("Host {}:{} was resolved.", url.host, url.port));
            self.trace("IPv6: ::1");
            self.trace("IPv4: 127.0.0.1");
        }
        let ip = remote_ip(url);
        let shown = if ip.contains(':') {
            format!("[{ip}]")
        } else {
            ip
        };
        self.trace(&format!("  Trying {shown}:{}...", url.port));
    }

    /// `> ` lines and the "sent off" line.
    fn request_trace(&mut self, hop: &Hop) {
        if let Some(user) = &self.inv.user {
            if hop.request.headers.get("Authorization").is_some()
                && hop
                    .head_lines
                    .iter()
                    .any(|l| l.starts_with("Authorization: Basic "))
            {
                let name = user.split(':').next().unwrap_or("");
                self.trace(&format!("Server auth using Basic with user '{name}'"));
            }
        }
        let request = &hop.request;
        self.stderr
            .push_str(&format!("> {} {} HTTP/1.1\n", request.method, request.url));
        for line in &hop.head_lines {
            self.stderr.push_str(&format!("> {line}\n"));
        }
        self.stderr.push_str("> \n");
        if request.body.is_empty() {
            self.trace("Request completely sent off");
        } else {
            self.trace(&format!(
                "upload completely sent off: {} bytes",
                request.body.len()
            ));
        }
    }

    /// The end of a failed command: `-v` lines, then `curl: (N) ...` unless `-s` without `-S`.
    fn failure(&mut self, exchanges: &[Exchange], error: &CurlError) {
        let message = error.message();
        if self.inv.verbose {
            let code = error.exit_code();
            let pending = match code {
                6 | 7 | 28 | 35 => self.inv.next_hop(exchanges).ok().flatten(),
                _ => None,
            };
            if let Some(hop) = &pending {
                self.pending_trace(hop, code);
            }
            self.trace(&message);
            if code != 47 {
                self.trace("Closing connection");
            }
        }
        if !self.inv.silent || self.inv.show_error {
            self.stderr.push_str(&format!("{error}\n"));
        }
    }

    /// What `-v` shows for the hop that failed: how far it got before `code` stopped it.
    fn pending_trace(&mut self, hop: &Hop, code: i32) {
        match code {
            6 => {
                for note in &hop.follow_notes {
                    self.trace(note);
                }
            }
            7 => {
                for note in &hop.follow_notes {
                    self.trace(note);
                }
                let url = &hop.url;
                let addresses: Vec<String> = if is_ip_literal(&url.host) {
                    vec![url.host.clone()]
                } else {
                    vec!["::1".to_string(), "127.0.0.1".to_string()]
                };
                if !is_ip_literal(&url.host) {
                    self.trace(&format!("Host {}:{} was resolved.", url.host, url.port));
                    self.trace("IPv6: ::1");
                    self.trace("IPv4: 127.0.0.1");
                }
                for ip in addresses {
                    let shown = if ip.contains(':') {
                        format!("[{ip}]")
                    } else {
                        ip.clone()
                    };
                    self.trace(&format!("  Trying {shown}:{}...", url.port));
                    self.trace(&format!(
                        "connect to {ip} port {} from {ip} port 40000 failed: Connection refused",
                        url.port
                    ));
                }
            }
            _ => {
                self.connect(hop);
                if code == 35 {
                    self.trace("ALPN: curl offers http/1.1");
                    self.trace("TLSv1.3 (OUT), TLS handshake, Client hello (1):");
                    self.trace(" CAfile: /etc/ssl/certs/ca-certificates.crt");
                    self.trace(" CApath: /etc/ssl/certs");
                } else {
                    self.request_trace(hop);
                }
            }
        }
    }

    /// A `* ` line of `-v`.
    fn trace(&mut self, line: &str) {
        if self.inv.verbose {
            self.stderr.push_str("* ");
            self.stderr.push_str(line);
            self.stderr.push('\n');
        }
    }
}

fn status_line(response: &Response) -> String {
    format!("HTTP/1.1 {} {}", response.status, response.status_text)
}

fn is_ip_literal(host: &str) -> bool {
    host.contains(':') || host.parse::<std::net::Ipv4Addr>().is_ok()
}
