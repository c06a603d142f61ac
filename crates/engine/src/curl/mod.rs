//! `curl` as the learner types it in the playground's terminal, behaving like curl 8.7.1.
//!
//! A line goes through three steps, each usable on its own:
//! 1. [`parse`] splits it like a shell and reads curl's options into an [`Invocation`] (or a
//!    [`CurlError`] whose `Display` is curl's exact text);
//! 2. [`Invocation::to_request`] (or [`Invocation::next_hop`] with `-L`) gives the
//!    [`Request`](crate::http::Request) curl would send, headers in curl's order;
//! 3. [`render`] turns the [`Response`](crate::http::Response) into what the terminal shows.
//!
//! The runtime decides whether anything listens at [`Invocation::host`] and
//! [`Invocation::port`], and reports failures with [`CurlError::connect_refused`],
//! [`CurlError::timeout`] and friends, so every curl text lives here.
//!
//! ```
//! use engine::curl::{self, Rendered};
//! use engine::http::{Headers, Response};
//!
//! let inv = curl::parse("curl -i -d 'name=Ada' localhost:3000/users").unwrap();
//! let req = inv.to_request();
//! assert_eq!((req.method.as_str(), req.url.as_str()), ("POST", "/users"));
//! assert_eq!(req.headers.get("Content-Type"), Some("application/x-www-form-urlencoded"));
//!
//! let res = Response {
//!     status: 201,
//!     status_text: "Created".into(),
//!     headers: [("Content-Type", "text/plain")].into_iter().collect::<Headers>(),
//!     body: b"Created Ada".to_vec(),
//! };
//! let shown: Rendered = curl::render(&inv, &res);
//! assert_eq!(shown.stdout, "HTTP/1.1 201 Created\nContent-Type: text/plain\n\nCreated Ada");
//! assert_eq!(shown.exit_code, 0);
//!
//! let err = curl::parse("curl -W localhost:3000").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "curl: option -W: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information"
//! );
//! ```

mod encode;
mod error;
mod finish;
mod info;
mod invocation;
mod options;
mod parse;
mod render;
mod request;
mod tokenize;
mod url;
mod writeout;

#[cfg(test)]
mod tests;

pub use error::{CurlError, OptionReason, TRY_HELP};
pub use invocation::{Invocation, Mode};
pub use parse::parse;
pub use render::{render, render_error, render_exchanges, run};
pub use request::{Exchange, Hop};
pub use tokenize::{tokenize, ShellError};
pub use url::Url;

/// The curl version the playground emulates.
pub const CURL_VERSION: &str = "8.7.1";

/// The `User-Agent` curl sends by default.
pub const USER_AGENT: &str = "curl/8.7.1";

/// What the terminal shows for one command: curl's stdout, its stderr (styled differently by
/// the terminal) and its exit status. Lines end with `\n`: on the wire, and in real curl's
/// `-i`/`-v` output, status and header lines end with CRLF, which a terminal shows the same.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}
