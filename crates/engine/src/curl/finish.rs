//! What curl decides once every option is read (its `single_transfer` and `get_args`): the
//! one URL, `--json`'s headers, the request kind, `-G`, the password prompt of `-u user`, the
//! notes about `-X`, and whether the URL itself is acceptable.

use super::error::{note, warning, CurlError};
use super::invocation::{find_header, Invocation, Mode};
use super::parse::State;
use super::url::Url;
use super::{render, Rendered};

impl State {
    /// Turns the options into an [`Invocation`], or the error curl stops with.
    pub(super) fn finish(mut self) -> Result<Invocation, CurlError> {
        let url_text = self.single_url()?;
        self.add_json_headers();
        let mode = self.mode()?;
        let notices = self.notices(mode);
        let url = match Url::parse(&url_text) {
            Ok(url) => url,
            Err(error) => return Err(self.rejected(error, &url_text, notices)),
        };
        let get = self.get;
        let mut inv = self.into_invocation(url, url_text, mode, notices);
        if get {
            if let Some(data) = inv.body.take() {
                let data = String::from_utf8_lossy(&data).into_owned();
                inv.url.query = Some(match inv.url.query.take() {
                    Some(q) => format!("{q}&{data}"),
                    None => data,
                });
            }
        }
        if inv.user.is_none() {
            if let Some(user) = &inv.url.user {
                let password = inv.url.password.as_deref().unwrap_or("");
                inv.user = Some(format!("{user}:{password}"));
            }
        }
        Ok(inv)
    }

    /// The URL, which must be there and (in the playground) alone and without globs.
    fn single_url(&self) -> Result<String, CurlError> {
        let url = match self.urls.as_slice() {
            [] => return Err(CurlError::NoUrl),
            [one] => one.clone(),
            _ => {
                return Err(CurlError::NotInPlayground {
                    what: "more than one URL in a command".to_string(),
                })
            }
        };
        if !self.globoff && is_glob(&url) {
            return Err(CurlError::NotInPlayground {
                what: "URL globbing ({a,b} and [1-3]; add -g to send brackets as they are)"
                    .to_string(),
            });
        }
        Ok(url)
    }

    /// `--json` implies `Content-Type` and `Accept` unless `-H` names them; they go last.
    fn add_json_headers(&mut self) {
        if !self.json {
            return;
        }
        for (name, line) in [
            ("Content-Type", "Content-Type: application/json"),
            ("Accept", "Accept: application/json"),
        ] {
            if find_header(&self.headers, name).is_none() {
                self.headers.push(line.to_string());
            }
        }
    }

    /// The request kind; `-I` with `-d` (and no `-G`) is curl's "only one method" refusal.
    fn mode(&self) -> Result<Mode, CurlError> {
        Ok(match (&self.data, self.get, self.head) {
            (Some(_), false, true) => {
                let text = "You can only select one HTTP request method! You asked for both \
                            POST (-d, --data) and HEAD (-I, --head).";
                return Err(CurlError::Warned {
                    warnings: if self.silent {
                        String::new()
                    } else {
                        warning(text)
                    },
                });
            }
            (Some(_), false, false) => Mode::Post,
            (_, _, true) => Mode::Head,
            _ => Mode::Get,
        })
    }

    /// What curl prints before connecting: the password prompt (shown even with `-s`, and
    /// answered with an empty password), then its notes about `-X`.
    fn notices(&mut self, mode: Mode) -> String {
        let mut notices = String::new();
        if let Some(user) = &mut self.user {
            if !user.contains(':') {
                notices.push_str(&format!("Enter host password for user '{user}':\n"));
                user.push(':');
            }
        }
        let Some(method) = &self.custom_method else {
            return notices;
        };
        if method.eq_ignore_ascii_case(mode.default_method()) {
            if self.verbose && !self.silent {
                notices.push_str(&note(&format!(
                    "Unnecessary use of -X or --request, {} is already inferred.",
                    mode.default_method()
                )));
            }
        } else if method.eq_ignore_ascii_case("head") && !self.silent {
            notices.push_str(&warning(
                "Setting custom HTTP method to HEAD with -X/--request may not work the way \
                 you want. Consider using -I/--head instead.",
            ));
        }
        notices
    }

    fn into_invocation(
        self,
        url: Url,
        url_text: String,
        mode: Mode,
        notices: String,
    ) -> Invocation {
        Invocation {
            url,
            url_text,
            mode,
            custom_method: self.custom_method,
            headers: self.headers,
            body: self.data,
            cookies: self.cookies,
            user: self.user,
            user_agent: self.user_agent,
            referer: self.referer,
            auto_referer: self.auto_referer,
            include: self.include,
            verbose: self.verbose,
            silent: self.silent,
            show_error: self.show_error,
            fail: self.fail,
            fail_with_body: self.fail_with_body,
            follow_redirects: self.follow,
            location_trusted: self.trusted,
            max_redirects: match self.max_redirs {
                Some(-1) => None,
                Some(n) => Some(u32::try_from(n).unwrap_or(u32::MAX)),
                None => Some(50),
            },
            max_time_ms: self.max_time_ms.filter(|&ms| ms > 0),
            write_out: self.write_out,
            discard_body: self.discard_body,
            notices,
        }
    }

    /// A URL curl rejects: reported like a transfer error, so `-s`, `-v`, `-w` apply.
    fn rejected(&self, error: CurlError, url_text: &str, notices: String) -> CurlError {
        let output: Rendered = render::rejected_url(
            &error,
            url_text,
            notices,
            self.verbose,
            self.silent && !self.show_error,
            self.write_out.as_deref(),
        );
        CurlError::Rejected {
            code: error.exit_code(),
            message: error.message(),
            output,
        }
    }
}

/// Whether curl's URL globbing would expand this URL: `{` or `[` outside an IPv6 host.
fn is_glob(url: &str) -> bool {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[after_scheme..];
    let rest = match rest.strip_prefix('[') {
        Some(ipv6) => ipv6.find(']').map_or(rest, |end| &ipv6[end + 1..]),
        None => rest,
    };
    rest.contains(['{', '}', '[', ']'])
}
