//! The URL a learner typed, read the way curl 8's URL parser reads it: no scheme means
//! `http`, `localhost:3000` is a host and a port (not a scheme), dot segments are removed
//! from the path, the fragment is dropped, and every rejection uses curl's own words.

use std::fmt;
use std::net::Ipv6Addr;

use super::error::CurlError;

/// A parsed `http`/`https` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`, lowercase.
    pub scheme: String,
    /// Credentials written in the URL (`http://user:pw@host/`), sent as Basic auth.
    pub user: Option<String>,
    pub password: Option<String>,
    /// The host as written (case kept, as curl keeps it in `Host:`); IPv6 without brackets.
    pub host: String,
    /// The port to connect to: the one written, or 80/443 from the scheme.
    pub port: u16,
    /// The path with dot segments removed; always starts with `/`.
    pub path: String,
    /// The query without its `?`; `None` when the URL had no `?` or nothing after it.
    pub query: Option<String>,
}

impl Url {
    /// Parses a URL as the curl tool does (scheme guessing on, any scheme accepted by the
    /// parser, then only `http` and `https` accepted as protocols).
    pub fn parse(input: &str) -> Result<Url, CurlError> {
        if input.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(rejected("Malformed input to a URL function"));
        }
        let (scheme, rest) = match scheme_of(input) {
            Some(scheme) => {
                let after = &input[scheme.len() + 1..];
                let slashes = after.bytes().take(4).take_while(|&b| b == b'/').count();
                if !(1..=3).contains(&slashes) {
                    return Err(rejected("Unsupported number of slashes following scheme"));
                }
                (Some(scheme.to_ascii_lowercase()), &after[slashes..])
            }
            None => (None, input),
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        if authority.is_empty() {
            return Err(rejected("No host part in the URL"));
        }
        let (login, hostport) = match authority.rfind('@') {
            Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
            None => (None, authority),
        };
        let (user, password) = match login {
            Some(login) => match login.split_once(':') {
                Some((u, p)) => (Some(u.to_string()), Some(p.to_string())),
                None => (Some(login.to_string()), None),
            },
            None => (None, None),
        };
        let (host, port) = split_port(hostport, scheme.is_some())?;
        let host = check_host(host)?;
        let scheme = scheme.unwrap_or_else(|| "http".to_string());
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return Err(CurlError::unsupported_protocol(&scheme)),
        };
        let tail = tail.split('#').next().unwrap_or("");
        let (path, query) = match tail.split_once('?') {
            Some((p, q)) => (p, (!q.is_empty()).then(|| q.to_string())),
            None => (tail, None),
        };
        Ok(Url {
            scheme,
            user,
            password,
            host,
            port: port.unwrap_or(default_port),
            path: remove_dot_segments(if path.is_empty() { "/" } else { path }),
            query,
        })
    }

    /// The request target: path and query, as sent on the request line.
    pub fn target(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{}", self.path, q),
            None => self.path.clone(),
        }
    }

    /// `Host:` header value: the host (bracketed if IPv6), plus the port unless it is the
    /// scheme's default — `http://localhost:80/` sends `Host: localhost`.
    pub fn host_header(&self) -> String {
        let default = if self.scheme == "https" { 443 } else { 80 };
        if self.port == default {
            self.bracketed_host()
        } else {
            format!("{}:{}", self.bracketed_host(), self.port)
        }
    }

    /// The host as it appears in a URL: IPv6 addresses in brackets.
    pub fn bracketed_host(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        }
    }

    /// Resolves a `Location` header against this URL, as curl does when following (`-L`).
    pub fn join(&self, location: &str) -> Result<Url, CurlError> {
        let location = location.trim();
        if has_scheme(location) {
            return Url::parse(location);
        }
        let origin = format!("{}://{}", self.scheme, self.host_header());
        let absolute = if let Some(rest) = location.strip_prefix("//") {
            format!("{}://{}", self.scheme, rest)
        } else if location.starts_with('/') {
            format!("{origin}{location}")
        } else if location.starts_with('?') {
            // curl 8.7.1 appends a query-only Location to the whole current URL, query
            // included: a second `?q=2` redirect gives `?q=2?q=2`. Mirrored as observed.
            format!("{origin}{}{location}", self.target())
        } else if location.starts_with('#') || location.is_empty() {
            format!("{origin}{}", self.target())
        } else {
            let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
            format!("{origin}{dir}{location}")
        };
        Url::parse(&absolute.replace(' ', "%20"))
    }
}

/// The URL as curl reports it in `%{url_effective}` and in its `-v` lines.
impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}://{}{}",
            self.scheme,
            self.host_header(),
            self.target()
        )
    }
}

fn rejected(reason: &str) -> CurlError {
    CurlError::transfer(3, format!("URL rejected: {reason}"))
}

/// curl's "guess scheme" rule: letters, digits, `+-.`, then `:` and a `/`. That is why
/// `localhost:3000/x` has no scheme but `localhost:/x` does (and then has no host).
fn scheme_of(input: &str) -> Option<&str> {
    let end = input.find(':')?;
    let scheme = &input[..end];
    let valid = scheme.len() < 40
        && scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    (valid && input[end + 1..].starts_with('/')).then_some(scheme)
}

/// A `Location` value is absolute when it starts with any `scheme:`.
fn has_scheme(location: &str) -> bool {
    location.find(':').is_some_and(|end| {
        let s = &location[..end];
        s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
    })
}

const BAD_PORT: &str = "Port number was not a decimal number between 0 and 65535";

/// Splits `host:port`. An empty port is the default port only when a scheme was given,
/// exactly as curl's `Curl_parse_port`.
fn split_port(hostport: &str, has_scheme: bool) -> Result<(&str, Option<u16>), CurlError> {
    let colon = if hostport.starts_with('[') {
        let close = hostport
            .find(']')
            .ok_or_else(|| rejected("Bad IPv6 address"))?;
        match &hostport[close + 1..] {
            "" => None,
            rest if rest.starts_with(':') => Some(close + 1),
            _ => return Err(rejected(BAD_PORT)),
        }
    } else {
        hostport.find(':')
    };
    let Some(colon) = colon else {
        return Ok((hostport, None));
    };
    let (host, digits) = (&hostport[..colon], &hostport[colon + 1..]);
    if digits.is_empty() {
        return if has_scheme {
            Ok((host, None))
        } else {
            Err(rejected(BAD_PORT))
        };
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(rejected(BAD_PORT));
    }
    let significant = digits.trim_start_matches('0');
    let port = if significant.is_empty() {
        Some(0)
    } else {
        significant.parse::<u16>().ok()
    };
    match port {
        Some(port) => Ok((host, Some(port))),
        None => Err(rejected(BAD_PORT)),
    }
}

/// curl's `hostname_check`: bracketed IPv6 must be a real address (and is shortened the way
/// `inet_ntop` writes it); other names must avoid a fixed set of characters.
fn check_host(host: &str) -> Result<String, CurlError> {
    if host.is_empty() {
        return Err(rejected("No host part in the URL"));
    }
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').unwrap_or(inner);
        return inner
            .parse::<Ipv6Addr>()
            .map(|addr| addr.to_string())
            .map_err(|_| rejected("Bad IPv6 address"));
    }
    if host.contains(|c| " \r\n\t/:#?!@{}[]\\$'\"^`*<>=;,+&()%".contains(c)) {
        return Err(rejected("Bad hostname"));
    }
    Ok(host.to_string())
}

/// RFC 3986 section 5.2.4, which curl applies to every path unless `--path-as-is`.
fn remove_dot_segments(path: &str) -> String {
    let mut input = path;
    let mut output: Vec<&str> = Vec::new();
    let mut trailing_slash = false;
    while !input.is_empty() {
        let (segment, rest) = match input[1..].find('/') {
            Some(i) => (&input[1..=i], &input[i + 1..]),
            None => (&input[1..], ""),
        };
        trailing_slash = rest.is_empty() && matches!(segment, "." | "..");
        match segment {
            "." => {}
            ".." => {
                output.pop();
            }
            s => output.push(s),
        }
        input = rest;
    }
    let mut out = String::new();
    for s in &output {
        out.push('/');
        out.push_str(s);
    }
    if trailing_slash || out.is_empty() {
        out.push('/');
    }
    out
}
