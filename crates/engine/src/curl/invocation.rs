//! What one `curl` command asks for, after parsing: the URL, the request it describes and
//! how the answer must be shown. Plain data, so the runtime can read the host, port and
//! timeout it needs to decide whether the transfer can happen at all.

use super::url::Url;

/// The request kind curl settles on (its `HttpReq`): it decides the default method, whether
/// `Content-Length`/`Content-Type` are sent, and what `-L` does on 301/302/303.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Get,
    Head,
    /// `-d` and friends without `-G`.
    Post,
}

impl Mode {
    /// The method curl uses unless `-X` overrides it.
    pub fn default_method(self) -> &'static str {
        match self {
            Mode::Get => "GET",
            Mode::Head => "HEAD",
            Mode::Post => "POST",
        }
    }
}

/// A parsed `curl` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// Where the request goes; `url.host`, `url.port` and `url.scheme` tell the runtime
    /// whether anything listens there.
    pub url: Url,
    /// The URL exactly as typed, for `%{url}`.
    pub url_text: String,
    pub mode: Mode,
    /// `-X`: a method that replaces the default one but changes nothing else.
    pub custom_method: Option<String>,
    /// `-H` lines as typed, in order, then the two `--json` adds unless `-H` gave them.
    pub headers: Vec<String>,
    /// The request body (`-d`, `--data-*`, `--json`), joined as curl joins them. Empty for
    /// `-G`, which moved it into `url.query`.
    pub body: Option<Vec<u8>>,
    /// `-b name=value` strings, joined with `;` into one `Cookie:` header.
    pub cookies: Vec<String>,
    /// `-u user:password`, or credentials from the URL.
    pub user: Option<String>,
    /// `-A`: `None` is curl's default agent, an empty string sends no `User-Agent`.
    pub user_agent: Option<String>,
    /// `-e`: `Referer` value; `auto_referer` is `-e ';auto'`, which sets it on redirects.
    pub referer: Option<String>,
    pub auto_referer: bool,
    /// `-i`: show the response head before the body (`-I` implies it).
    pub include: bool,
    pub verbose: bool,
    pub silent: bool,
    pub show_error: bool,
    /// `-f`: no body and exit 22 on a status of 400 or more.
    pub fail: bool,
    /// `--fail-with-body`: exit 22 but still show the body.
    pub fail_with_body: bool,
    /// `-L`: follow `Location` on 3xx answers.
    pub follow_redirects: bool,
    /// `--location-trusted`: keep sending credentials to other hosts when following.
    pub location_trusted: bool,
    /// `--max-redirs`: `None` is unlimited (`-1`); curl's default is 50.
    pub max_redirects: Option<u32>,
    /// `-m`: give up after this long. The runtime turns it into [`super::CurlError::timeout`].
    pub max_time_ms: Option<u64>,
    /// `-w` template.
    pub write_out: Option<String>,
    /// `-o /dev/null`: the body is dropped.
    pub discard_body: bool,
    /// Text curl prints on stderr before the transfer starts: warnings, `-v` notes, the
    /// password prompt of `-u user` (answered with an empty password: there is no keyboard
    /// input in the playground).
    pub notices: String,
}

impl Invocation {
    /// The method on the request line.
    pub fn method(&self) -> &str {
        self.custom_method
            .as_deref()
            .unwrap_or(self.mode.default_method())
    }

    /// Host to connect to, as written in the URL (IPv6 without brackets).
    pub fn host(&self) -> &str {
        &self.url.host
    }

    /// Port to connect to (80 or 443 when the URL names none).
    pub fn port(&self) -> u16 {
        self.url.port
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &str {
        &self.url.scheme
    }

    /// True when the response body should be shown on stdout.
    pub(crate) fn shows_body(&self) -> bool {
        self.mode != Mode::Head && !self.discard_body
    }
}

/// Whether `headers` (curl's `-H` list) names `name`: a case-insensitive prefix followed by
/// `:` or `;`, as curl's `Curl_checkheaders`. A match suppresses curl's own header even when
/// the `-H` line has no value and so is not sent itself (`-H 'Accept:'`).
pub(crate) fn find_header<'a>(headers: &'a [String], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| {
            h.len() > name.len()
                && h.is_char_boundary(name.len())
                && h[..name.len()].eq_ignore_ascii_case(name)
                && matches!(h.as_bytes()[name.len()], b':' | b';')
        })
        .map(String::as_str)
}
