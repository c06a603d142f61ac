//! `-w` / `--write-out`: curl's template language (`%{http_code}`, `%header{name}`, `\n`,
//! `%{stderr}` ...), expanded after the transfer — also after a failed one, where
//! `%{http_code}` is `000`.
//!
//! Every variable name curl 8.7.1 knows is recognised (an unknown one gets curl's warning).
//! Timing variables print fixed, plausible values (the emulator does not measure time);
//! `%{json}`, `%{header_json}` and the TLS/proxy/FTP ones print what curl prints when the
//! information is not available: nothing, or `0`.

use super::request::Exchange;
use super::url::Url;

/// What the template can talk about.
pub(crate) struct Facts<'a> {
    /// The URL as typed.
    pub url_text: &'a str,
    /// The parsed URL, when it parsed.
    pub url: Option<&'a Url>,
    pub exchanges: &'a [Exchange],
    /// The method curl would have used, for a transfer that never got a response.
    pub method: &'a str,
    pub exit_code: i32,
    pub error_message: Option<String>,
    /// `-o /dev/null`.
    pub discard_body: bool,
    /// Where `-L` would go next when it did not (or could not) follow.
    pub redirect_url: Option<String>,
}

/// Expands `template`; returns the text for stdout and the text for stderr.
pub(crate) fn expand(template: &str, facts: &Facts<'_>) -> (String, String) {
    let mut out = [String::new(), String::new()];
    let mut stream = 0;
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if c == '%' && rest.len() > 1 {
            if let Some(after) = rest.strip_prefix("%%") {
                out[stream].push('%');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("%{") {
                let Some(end) = after.find('}') else {
                    out[stream].push_str("%{");
                    rest = after;
                    continue;
                };
                let name = &after[..end];
                rest = &after[end + 1..];
                match name {
                    "stdout" => stream = 0,
                    "stderr" => stream = 1,
                    "onerror" if facts.exit_code == 0 => break,
                    "onerror" => {}
                    _ => match variable(name, facts) {
                        Some(value) => out[stream].push_str(&value),
                        None => out[1]
                            .push_str(&format!("curl: unknown --write-out variable: '{name}'\n")),
                    },
                }
            } else if let Some(after) = rest.strip_prefix("%header{") {
                match after.find('}') {
                    Some(end) => {
                        if let Some(value) = last_response_header(facts, &after[..end]) {
                            out[stream].push_str(value);
                        }
                        rest = &after[end + 1..];
                    }
                    None => {
                        out[stream].push_str("%header{");
                        rest = after;
                    }
                }
            } else {
                let two: String = rest.chars().take(2).collect();
                out[stream].push_str(&two);
                rest = &rest[two.len()..];
            }
        } else if c == '\\' && rest.len() > 1 {
            let two: String = rest.chars().take(2).collect();
            out[stream].push_str(match two.as_str() {
                "\\n" => "\n",
                "\\r" => "\r",
                "\\t" => "\t",
                other => other,
            });
            rest = &rest[two.len()..];
        } else {
            out[stream].push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    let [stdout, stderr] = out;
    (stdout, stderr)
}

fn last_response_header<'a>(facts: &'a Facts<'_>, name: &str) -> Option<&'a str> {
    facts.exchanges.last()?.response.headers.get(name)
}

/// The value of `%{name}`; `None` for a name curl does not know.
fn variable(name: &str, facts: &Facts<'_>) -> Option<String> {
    let last = facts.exchanges.last();
    let response = last.map(|e| &e.response);
    let effective = last.map(|e| &e.hop.url).or(facts.url);
    let status = || format!("{:03}", response.map_or(0, |r| r.status));
    // Fixed, plausible durations (the emulator does not measure): a localhost exchange takes
    // about a millisecond; a failed one only got as far as the name lookup.
    let seconds = |us: u64| {
        let us = if last.is_some() { us } else { us.min(120) };
        format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
    };
    let body_len = response.map_or(0, |r| {
        if last.is_some_and(|e| e.hop.request.method == "HEAD") {
            0
        } else {
            r.body.len()
        }
    });
    let upload_len = last.map_or(0, |e| e.hop.request.body.len());
    Some(match name {
        "http_code" | "response_code" => status(),
        "http_connect" => "000".to_string(),
        "content_type" => response
            .and_then(|r| r.headers.get("Content-Type"))
            .unwrap_or("")
            .to_string(),
        "errormsg" => facts.error_message.clone().unwrap_or_default(),
        "exitcode" => facts.exit_code.to_string(),
        "filename_effective" if facts.discard_body => "/dev/null".to_string(),
        "method" => last
            .map_or(facts.method, |e| e.hop.request.method.as_str())
            .to_string(),
        "num_headers" => response.map_or(0, |r| r.headers.len()).to_string(),
        "num_redirects" => facts.exchanges.len().saturating_sub(1).to_string(),
        "num_connects" => usize::from(last.is_some()).to_string(),
        "redirect_url" => facts.redirect_url.clone().unwrap_or_default(),
        "referer" => last
            .and_then(|e| e.hop.request.headers.get("Referer"))
            .unwrap_or("")
            .to_string(),
        "remote_ip" => last.map_or(String::new(), |e| remote_ip(&e.hop.url)),
        "remote_port" => last.map_or(0, |e| e.hop.url.port).to_string(),
        "scheme" => last.map_or(String::new(), |e| e.hop.url.scheme.to_ascii_uppercase()),
        "http_version" => last.map_or("0", |_| "1.1").to_string(),
        "size_download" => body_len.to_string(),
        "size_upload" => upload_len.to_string(),
        "size_header" => facts
            .exchanges
            .iter()
            .map(|e| head_size(&e.response))
            .sum::<usize>()
            .to_string(),
        // curl 8.7.1 reports 0 here for plain HTTP/1.1 requests; so do we.
        "size_request" => "0".to_string(),
        // As if the transfer took one millisecond.
        "speed_download" => (body_len * 1000).to_string(),
        "speed_upload" => (upload_len * 1000).to_string(),
        "time_namelookup" => seconds(12),
        "time_connect" => seconds(if last.is_some() { 105 } else { 0 }),
        "time_appconnect" | "time_redirect" => seconds(0),
        "time_pretransfer" => seconds(if last.is_some() { 130 } else { 0 }),
        "time_starttransfer" => seconds(if last.is_some() { 880 } else { 0 }),
        "time_total" => seconds(1000),
        "url" => facts.url_text.to_string(),
        "url_effective" => effective.map_or(facts.url_text.to_string(), Url::to_string),
        "urlnum"
        | "conn_id"
        | "xfer_id"
        | "num_certs"
        | "ssl_verify_result"
        | "proxy_ssl_verify_result"
        | "proxy_used" => "0".to_string(),
        "local_port" => last.map_or(0, |_| 40_000).to_string(),
        "local_ip" => last.map_or(String::new(), |e| remote_ip(&e.hop.url)),
        "certs" | "filename_effective" | "ftp_entry_path" | "json" | "header_json" => String::new(),
        part if part.starts_with("url.") || part.starts_with("urle.") => {
            let url = if part.starts_with("urle.") {
                effective
            } else {
                facts.url
            };
            url_part(url, part.split_once('.').map_or("", |(_, p)| p))?
        }
        _ => return None,
    })
}

/// `%{url.host}` and friends; `None` for a part name curl does not know.
fn url_part(url: Option<&Url>, part: &str) -> Option<String> {
    let value = match part {
        "scheme" => url.map(|u| u.scheme.clone()),
        "user" => url.and_then(|u| u.user.clone()),
        "password" => url.and_then(|u| u.password.clone()),
        "host" => url.map(Url::bracketed_host),
        "port" => url.map(|u| u.port.to_string()),
        "path" => url.map(|u| u.path.clone()),
        "query" => url.and_then(|u| u.query.clone()),
        "options" | "fragment" | "zoneid" => None,
        _ => return None,
    };
    Some(value.unwrap_or_default())
}

/// The address a playground host "resolves" to: `localhost` is `::1`, as on a machine where
/// Node listens on `::` and curl tries IPv6 first.
pub(crate) fn remote_ip(url: &Url) -> String {
    if url.host.eq_ignore_ascii_case("localhost") {
        "::1".to_string()
    } else {
        url.host.clone()
    }
}

/// Bytes of a response head on the wire: status line, header lines, blank line.
fn head_size(response: &crate::http::Response) -> usize {
    let status_line = format!("HTTP/1.1 {} {}\r\n", response.status, response.status_text);
    status_line.len()
        + response
            .headers
            .iter()
            .map(|(n, v)| n.len() + 2 + v.len() + 2)
            .sum::<usize>()
        + 2
}
