//! The requests an [`Invocation`] sends: curl's own headers in curl's order, the learner's
//! `-H` lines after them, the body, and — with `-L` — each follow-up request after a 3xx.
//!
//! Header order, as observed from curl 8.7.1 on the wire: `Host`, `Authorization`,
//! `User-Agent`, `Accept`, `Referer`, `Cookie`, every `-H` line in order, then
//! `Content-Length` and `Content-Type` for a POST-like body. A `-H` line naming one of curl's
//! headers suppresses curl's (`-H 'Accept:'` removes `Accept` and sends nothing); a custom
//! `Host` takes the place of curl's, the others go with the `-H` lines.

use super::encode::base64;
use super::error::CurlError;
use super::invocation::{find_header, Invocation, Mode};
use super::url::Url;
use super::USER_AGENT;
use crate::http::{Headers, Request, Response};

/// One request of a command: the first, or one `-L` follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub url: Url,
    /// The request kind for this hop: a 301/302/303 turns a POST into a GET.
    pub mode: Mode,
    pub request: Request,
    /// The header lines exactly as curl writes them (`X-A:1` stays without a space), for `-v`.
    pub head_lines: Vec<String>,
    /// `*` lines `-v` prints between the previous answer and this request (`Issue another
    /// request to this URL: ...`, `Switch from POST to GET`); empty for the first hop.
    pub follow_notes: Vec<String>,
}

/// A request and the answer it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub hop: Hop,
    pub response: Response,
}

impl Invocation {
    /// The request this command sends first.
    pub fn to_request(&self) -> Request {
        self.first_hop().request
    }

    /// The first hop: the URL and request as typed.
    pub fn first_hop(&self) -> Hop {
        self.hop(&self.url, self.mode, None, self.referer.clone(), Vec::new())
    }

    /// The next request to send, given every exchange so far (first to last): the first hop
    /// when `done` is empty, then — with `-L` and a 3xx carrying `Location` — the redirect;
    /// `Ok(None)` when the command is finished. Errors are curl's: too many redirects, or a
    /// `Location` that is not a usable URL. The runtime checks `hop.url` (host, port, scheme)
    /// before delivering each hop, exactly as for the first.
    pub fn next_hop(&self, done: &[Exchange]) -> Result<Option<Hop>, CurlError> {
        let (Some(first), Some(last)) = (done.first(), done.last()) else {
            return Ok(Some(self.first_hop()));
        };
        let Some(location) = redirect_location(last) else {
            return Ok(None);
        };
        if !self.follow_redirects {
            return Ok(None);
        }
        let followed = u32::try_from(done.len() - 1).unwrap_or(u32::MAX);
        if let Some(max) = self.max_redirects {
            if followed >= max {
                return Err(CurlError::too_many_redirects(max));
            }
        }
        let url = last.hop.url.join(location).map_err(|e| match e {
            CurlError::Transfer { code: 3, message } => CurlError::transfer(
                3,
                message.replacen(
                    "URL rejected:",
                    "The redirect target URL could not be parsed:",
                    1,
                ),
            ),
            other => other,
        })?;
        let status = last.response.status;
        let mut notes = Vec::new();
        let previous = &last.hop.url;
        if !self.location_trusted {
            if url.port != previous.port {
                notes.push(format!(
                    "Clear auth, redirects to port from {} to {}",
                    previous.port, url.port
                ));
            } else if url.scheme != previous.scheme {
                notes.push(format!(
                    "Clear auth, redirects scheme from {} to {}",
                    previous.scheme, url.scheme
                ));
            }
        }
        notes.push(format!("Issue another request to this URL: '{url}'"));
        let mut mode = last.hop.mode;
        match (status, mode) {
            (301 | 302, Mode::Post) => {
                notes.push("Switch from POST to GET".to_string());
                mode = Mode::Get;
            }
            (303, Mode::Post) => {
                notes.push("Switch to GET".to_string());
                mode = Mode::Get;
            }
            (303, Mode::Head) => notes.push("Switch to HEAD".to_string()),
            _ => {}
        }
        let referer = if self.auto_referer {
            Some(last.hop.url.to_string())
        } else {
            self.referer.clone()
        };
        Ok(Some(self.hop(
            &url,
            mode,
            Some(&first.hop.url),
            referer,
            notes,
        )))
    }

    /// Builds the request for `url`. `first` is the first hop's URL when this one follows a
    /// redirect: credentials only go back to that origin (curl's `Curl_auth_allowed_to_host`)
    /// and a custom `Host` only to that host.
    fn hop(
        &self,
        url: &Url,
        mode: Mode,
        first: Option<&Url>,
        referer: Option<String>,
        follow_notes: Vec<String>,
    ) -> Hop {
        let same_host = first.is_none_or(|f| url.host.eq_ignore_ascii_case(&f.host));
        let same_origin =
            same_host && first.is_none_or(|f| url.port == f.port && url.scheme == f.scheme);
        let credentials_ok = same_origin || self.location_trusted;
        let custom = |name: &str| find_header(&self.headers, name);
        let mut lines = Vec::new();

        match custom("Host") {
            Some(h) if same_host => {
                if h != "Host:" {
                    lines.push(format!("Host:{}", &h[5..]));
                }
            }
            _ => lines.push(format!("Host: {}", url.host_header())),
        }
        if let Some(user) = &self.user {
            if credentials_ok && custom("Authorization").is_none() {
                lines.push(format!("Authorization: Basic {}", base64(user.as_bytes())));
            }
        }
        let agent = self.user_agent.as_deref().unwrap_or(USER_AGENT);
        if !agent.is_empty() && custom("User-Agent").is_none() {
            lines.push(format!("User-Agent: {agent}"));
        }
        if custom("Accept").is_none() {
            lines.push("Accept: */*".to_string());
        }
        if let Some(referer) = referer {
            if custom("Referer").is_none() {
                lines.push(format!("Referer: {referer}"));
            }
        }
        if !self.cookies.is_empty() && custom("Cookie").is_none() {
            lines.push(format!("Cookie: {}", self.cookies.join(";")));
        }
        lines.extend(
            self.headers
                .iter()
                .filter_map(|h| sendable_header(h))
                .filter(|h| !starts_with_ignore_case(h, "Host:"))
                .filter(|h| {
                    credentials_ok
                        || !(starts_with_ignore_case(h, "Authorization:")
                            || starts_with_ignore_case(h, "Cookie:"))
                }),
        );
        let body = match (mode, &self.body) {
            (Mode::Post, Some(body)) => body.clone(),
            _ => Vec::new(),
        };
        if mode == Mode::Post {
            if custom("Content-Length").is_none() {
                lines.push(format!("Content-Length: {}", body.len()));
            }
            if custom("Content-Type").is_none() {
                lines.push("Content-Type: application/x-www-form-urlencoded".to_string());
            }
        }
        let method = match &self.custom_method {
            Some(m) => m.clone(),
            None => mode.default_method().to_string(),
        };
        let headers: Headers = lines
            .iter()
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim(), value.trim()))
            .collect();
        Hop {
            url: url.clone(),
            mode,
            request: Request {
                method,
                url: url.target(),
                headers,
                body,
            },
            head_lines: lines,
            follow_notes,
        }
    }
}

/// The `Location` curl would follow: any 3xx answer with a non-empty `Location`.
pub(crate) fn redirect_location(exchange: &Exchange) -> Option<&str> {
    let status = exchange.response.status;
    if !(300..400).contains(&status) {
        return None;
    }
    exchange
        .response
        .headers
        .get("Location")
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

/// How curl sends one `-H` line (`Curl_add_custom_headers`): `Name: value` as typed when the
/// value is not blank; `Name;` as an empty `Name:`; anything else (no colon, `Name:` with
/// nothing after it) is not sent.
fn sendable_header(line: &str) -> Option<String> {
    if let Some(colon) = line.find(':') {
        let value = line[colon + 1..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        return (colon > 0 && !value.is_empty()).then(|| line.to_string());
    }
    let name = line.strip_suffix(';')?;
    (!name.is_empty() && !name.contains(';')).then(|| format!("{name}:"))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}
