//! Everything that stops a `curl` command, with the text real curl 8.7.1 prints for it.
//!
//! `Display` is exactly curl's stderr text (without the final newline); [`CurlError::exit_code`]
//! is curl's exit status; [`CurlError::to_rendered`] is what the terminal shows. The runtime
//! never writes a curl message itself: it picks a constructor here (`connect_refused`,
//! `timeout`, ...) so every curl text lives in this module.

use std::fmt;

use super::tokenize::ShellError;
use super::Rendered;

/// curl's second line after any command-line error.
pub const TRY_HELP: &str = "curl: try 'curl --help' or 'curl --manual' for more information";

/// Why curl rejected an option (`param2text` in curl's `tool_helpers.c`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionReason {
    Unknown,
    RequiresParameter,
    BadUse,
    BadNumeric,
    NegativeNumeric,
    NoPrefix,
    NoNotBoolean,
    ReadError,
    BlankString,
}

impl OptionReason {
    pub fn text(self) -> &'static str {
        match self {
            OptionReason::Unknown => "is unknown",
            OptionReason::RequiresParameter => "requires parameter",
            OptionReason::BadUse => "is badly used here",
            OptionReason::BadNumeric => "expected a proper numerical parameter",
            OptionReason::NegativeNumeric => "expected a positive numerical parameter",
            OptionReason::NoPrefix => "the given option can't be reversed with a --no- prefix",
            OptionReason::NoNotBoolean => "used '--no-' for option that isn't a boolean",
            OptionReason::ReadError => "error encountered when reading a file",
            OptionReason::BlankString => "blank argument where content is expected",
        }
    }
}

/// A command that ends without (or before finishing) a transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurlError {
    /// Nothing was typed.
    Empty,
    /// The line is not valid shell (unterminated quote, a pipe...).
    Shell(ShellError),
    /// The first word is not `curl`.
    CommandNotFound { command: String },
    /// `curl` alone: curl prints only its "try --help" line.
    NoArguments,
    /// A rejected option: `curl: option -X: requires parameter` and the try line. `detail` is
    /// an extra `curl: ...` line curl prints first (`curl: Failed to open data.json`).
    BadOption {
        option: String,
        reason: OptionReason,
        detail: Option<String>,
    },
    /// Options but no URL.
    NoUrl,
    /// curl refused the combination after printing warnings (`-I` with `-d`); `warnings` is
    /// empty under `-s`, which silences warnings.
    Warned { warnings: String },
    /// A real curl option or feature the playground does not emulate.
    NotInPlayground { what: String },
    /// `--help` or `--version`: not a failure; curl handles these on its error path too.
    Info { text: String },
    /// A transfer failure, `curl: (7) Failed to connect ...`.
    Transfer { code: i32, message: String },
    /// A transfer failure found while parsing (bad URL, unsupported scheme). curl reports
    /// those once the transfer starts, so `-s`, `-S`, `-v` and `-w` already shaped `output`.
    Rejected {
        code: i32,
        message: String,
        output: Rendered,
    },
}

impl CurlError {
    /// A transfer error with curl's numeric code and message.
    pub fn transfer(code: i32, message: impl Into<String>) -> Self {
        CurlError::Transfer {
            code,
            message: message.into(),
        }
    }

    /// Nothing listens on `host:port`.
    pub fn connect_refused(host: &str, port: u16) -> Self {
        Self::transfer(
            7,
            format!(
                "Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"
            ),
        )
    }

    /// The server did not answer within `-m` (`ms` milliseconds).
    pub fn timeout(ms: u64) -> Self {
        Self::transfer(
            28,
            format!("Operation timed out after {ms} milliseconds with 0 bytes received"),
        )
    }

    /// The host name does not resolve (anything but the playground's own server).
    pub fn resolve_host(host: &str) -> Self {
        Self::transfer(6, format!("Could not resolve host: {host}"))
    }

    /// `https://` to the playground's plain-HTTP server: the TLS handshake gets an HTTP answer.
    pub fn tls_to_plain_http() -> Self {
        Self::transfer(
            35,
            "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number",
        )
    }

    /// `-L` hit `--max-redirs` (50 by default).
    pub fn too_many_redirects(max: u32) -> Self {
        Self::transfer(47, format!("Maximum ({max}) redirects followed"))
    }

    /// `-f` and a status of 400 or more.
    pub fn http_error(status: u16) -> Self {
        Self::transfer(22, format!("The requested URL returned error: {status}"))
    }

    /// A scheme other than http and https.
    pub fn unsupported_protocol(scheme: &str) -> Self {
        Self::transfer(1, format!("Protocol \"{scheme}\" not supported"))
    }

    /// The message without the `curl: (N) ` prefix, for `%{errormsg}` and `-v`'s `*` lines.
    pub fn message(&self) -> String {
        match self {
            CurlError::Transfer { message, .. } | CurlError::Rejected { message, .. } => {
                message.clone()
            }
            other => other.to_string(),
        }
    }

    /// curl's exit status for this outcome.
    pub fn exit_code(&self) -> i32 {
        match self {
            CurlError::Empty | CurlError::Info { .. } => 0,
            CurlError::CommandNotFound { .. } => 127,
            CurlError::BadOption {
                reason: OptionReason::ReadError,
                ..
            } => 26,
            CurlError::Transfer { code, .. } | CurlError::Rejected { code, .. } => *code,
            _ => 2,
        }
    }

    /// What the terminal shows: `--help`/`--version` on stdout, everything else on stderr.
    pub fn to_rendered(&self) -> Rendered {
        match self {
            CurlError::Rejected { output, .. } => output.clone(),
            CurlError::Info { text } => Rendered {
                stdout: text.clone(),
                stderr: String::new(),
                exit_code: 0,
            },
            CurlError::Empty => Rendered::default(),
            other => {
                let text = other.to_string();
                Rendered {
                    stdout: String::new(),
                    stderr: if text.is_empty() { text } else { text + "\n" },
                    exit_code: other.exit_code(),
                }
            }
        }
    }

    /// A playground tip to show under curl's text, for the cases a learner hits often.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            CurlError::BadOption {
                reason: OptionReason::ReadError,
                ..
            } => Some(
                "The playground has no files: put the data in the command, e.g. -d 'name=Ada' or --json '{\"name\":\"Ada\"}'.",
            ),
            CurlError::Transfer { code: 7, .. } => Some(
                "Nothing is listening on that port: is the server started, and does app.listen() use this port?",
            ),
            CurlError::Transfer { code: 28, .. } => Some(
                "The server never answered: does every route call res.send(), res.json() or next()?",
            ),
            CurlError::NoUrl => Some("Add the URL of your server, e.g. curl localhost:3000/"),
            _ => None,
        }
    }
}

impl fmt::Display for CurlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CurlError::Empty => Ok(()),
            CurlError::Shell(e) => write!(f, "{e}"),
            CurlError::CommandNotFound { command } => write!(f, "{command}: command not found"),
            CurlError::NoArguments => f.write_str(TRY_HELP),
            CurlError::BadOption {
                option,
                reason,
                detail,
            } => {
                if let Some(detail) = detail {
                    writeln!(f, "curl: {detail}")?;
                }
                write!(f, "curl: option {option}: {}\n{TRY_HELP}", reason.text())
            }
            CurlError::NoUrl => write!(f, "curl: (2) no URL specified\n{TRY_HELP}"),
            CurlError::Warned { warnings } => f.write_str(warnings.trim_end_matches('\n')),
            CurlError::NotInPlayground { what } => {
                write!(f, "curl: {what} is not available in this playground")
            }
            CurlError::Info { text } => f.write_str(text.trim_end_matches('\n')),
            CurlError::Transfer { code, message } | CurlError::Rejected { code, message, .. } => {
                write!(f, "curl: ({code}) {message}")
            }
        }
    }
}

impl std::error::Error for CurlError {}

impl From<ShellError> for CurlError {
    fn from(e: ShellError) -> Self {
        CurlError::Shell(e)
    }
}

/// Formats a warning the way curl's `warnf` does: `Warning: ` before every line, text wrapped
/// at 79 columns on blanks (the blank stays at the end of the cut line).
pub(crate) fn warning(text: &str) -> String {
    prefixed_wrap("Warning: ", text)
}

/// Formats a `-v` note (`notef`): same wrapping, `Note: ` prefix.
pub(crate) fn note(text: &str) -> String {
    prefixed_wrap("Note: ", text)
}

fn prefixed_wrap(prefix: &str, text: &str) -> String {
    let width = 79 - prefix.len();
    let mut out = String::new();
    let mut rest = text.as_bytes();
    while !rest.is_empty() {
        out.push_str(prefix);
        if rest.len() > width {
            let mut cut = width - 1;
            while cut > 0 && !matches!(rest[cut], b' ' | b'\t') {
                cut -= 1;
            }
            if cut == 0 {
                cut = width - 1;
            }
            out.push_str(&String::from_utf8_lossy(&rest[..=cut]));
            rest = &rest[cut + 1..];
        } else {
            out.push_str(&String::from_utf8_lossy(rest));
            rest = &[];
        }
        out.push('\n');
    }
    out
}
