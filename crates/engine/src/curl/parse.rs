//! Reads a `curl ...` line into an [`Invocation`], option by option, the way curl's
//! `parse_args`/`getparameter` do: short flags combine (`-sSL`), a short option's value may be
//! glued on (`-XPOST`, even `-iXPOST`), long options need a separate value (`--request=POST`
//! is an unknown option), `--no-` turns a switch off, `--` ends the options, and the URL may
//! come anywhere. Errors are curl's texts, reported at the first argument curl would reject.

use super::encode;
use super::error::{CurlError, OptionReason};
use super::info::{help, version};
use super::invocation::Invocation;
use super::options::{self, Arg};
use super::tokenize::tokenize;

/// Parses one terminal line that should start with `curl`.
pub fn parse(line: &str) -> Result<Invocation, CurlError> {
    let words = tokenize(line)?;
    let Some((command, args)) = words.split_first() else {
        return Err(CurlError::Empty);
    };
    if command != "curl" {
        return Err(CurlError::CommandNotFound {
            command: command.clone(),
        });
    }
    if args.is_empty() {
        return Err(CurlError::NoArguments);
    }
    let mut state = State::default();
    let mut i = 0;
    let mut options_end = false;
    while i < args.len() {
        let arg = &args[i];
        if !options_end && arg.starts_with('-') {
            if arg == "--" {
                options_end = true;
            } else if state.option(arg, args.get(i + 1).map(String::as_str))? {
                i += 1;
            }
        } else {
            state.add_url(arg, arg)?;
        }
        i += 1;
    }
    state.finish()
}

/// Options seen so far; `finish.rs` turns them into an [`Invocation`].
#[derive(Default)]
pub(super) struct State {
    pub(super) urls: Vec<String>,
    pub(super) custom_method: Option<String>,
    pub(super) headers: Vec<String>,
    pub(super) data: Option<Vec<u8>>,
    pub(super) json: bool,
    pub(super) get: bool,
    pub(super) head: bool,
    pub(super) include: bool,
    pub(super) verbose: bool,
    pub(super) silent: bool,
    pub(super) show_error: bool,
    pub(super) fail: bool,
    pub(super) fail_with_body: bool,
    pub(super) follow: bool,
    pub(super) trusted: bool,
    pub(super) max_redirs: Option<i64>,
    pub(super) cookies: Vec<String>,
    pub(super) user: Option<String>,
    pub(super) user_agent: Option<String>,
    pub(super) referer: Option<String>,
    pub(super) auto_referer: bool,
    pub(super) max_time_ms: Option<u64>,
    pub(super) write_out: Option<String>,
    pub(super) discard_body: bool,
    pub(super) globoff: bool,
}

fn bad(option: &str, reason: OptionReason) -> CurlError {
    CurlError::BadOption {
        option: option.to_string(),
        reason,
        detail: None,
    }
}

fn not_here(what: String) -> CurlError {
    CurlError::NotInPlayground { what }
}

impl State {
    /// Handles one argument starting with `-`; returns whether it used `next` as its value.
    fn option(&mut self, flag: &str, next: Option<&str>) -> Result<bool, CurlError> {
        if let Some(word) = flag.strip_prefix("--") {
            let (name, toggle) = match word.strip_prefix("no-") {
                Some(rest) => (rest, false),
                None => (word, true),
            };
            if let Some(rest) = name.strip_prefix("expand-") {
                if options::long(rest).is_some() {
                    return Err(not_here(format!("option {flag}")));
                }
            }
            let &(long, _, arg) =
                options::long(name).ok_or_else(|| bad(flag, OptionReason::Unknown))?;
            if !toggle && arg != Arg::Bool {
                return Err(bad(flag, OptionReason::NoNotBoolean));
            }
            if arg == Arg::Str {
                let value = next.ok_or_else(|| bad(flag, OptionReason::RequiresParameter))?;
                self.apply(flag, long, value, true)?;
                return Ok(true);
            }
            self.apply(flag, long, "", toggle)?;
            return Ok(false);
        }
        let letters = &flag[1..];
        if letters.is_empty() {
            return Err(bad(flag, OptionReason::Unknown));
        }
        for (at, letter) in letters.char_indices() {
            let &(long, _, arg) =
                options::short(letter).ok_or_else(|| bad(flag, OptionReason::Unknown))?;
            if arg == Arg::Str {
                let glued = &letters[at + letter.len_utf8()..];
                if !glued.is_empty() {
                    self.apply(flag, long, glued, true)?;
                    return Ok(false);
                }
                let value = next.ok_or_else(|| bad(flag, OptionReason::RequiresParameter))?;
                self.apply(flag, long, value, true)?;
                return Ok(true);
            }
            self.apply(flag, long, "", true)?;
        }
        Ok(false)
    }

    /// Applies option `long` (reached through `flag`, as typed) with `value`.
    fn apply(&mut self, flag: &str, long: &str, value: &str, on: bool) -> Result<(), CurlError> {
        match long {
            "data" | "data-ascii" | "data-binary" | "data-raw" | "data-urlencode" | "json" => {
                self.add_data(flag, long, value)?
            }
            "header" => {
                if let Some(file) = value.strip_prefix('@') {
                    return Err(self.read_error(flag, file));
                }
                self.headers.push(value.to_string());
            }
            "request" => self.custom_method = Some(non_blank(flag, value)?.to_string()),
            "get" => self.get = on,
            "head" => {
                self.head = on;
                self.include = on;
            }
            "include" => self.include = on,
            "verbose" => self.verbose = on,
            "silent" => self.silent = on,
            "show-error" => self.show_error = on,
            "fail" | "fail-with-body" => {
                if long == "fail" {
                    self.fail = on;
                } else {
                    self.fail_with_body = on;
                }
                if self.fail && self.fail_with_body {
                    return Err(CurlError::BadOption {
                        option: flag.to_string(),
                        reason: OptionReason::BadUse,
                        detail: self.loud().then(|| {
                            "You must select either --fail or --fail-with-body, not both."
                                .to_string()
                        }),
                    });
                }
            }
            "location" => self.follow = on,
            "location-trusted" => {
                self.follow = on;
                self.trusted = on;
            }
            "max-redirs" => {
                let n = non_blank(flag, value)?
                    .parse::<i64>()
                    .ok()
                    .filter(|&n| n >= -1)
                    .ok_or_else(|| bad(flag, OptionReason::BadNumeric))?;
                self.max_redirs = Some(n);
            }
            "max-time" => self.max_time_ms = Some(seconds_to_ms(flag, value)?),
            "cookie" => {
                // Without `=` curl reads a cookie file; a missing file is silently ignored,
                // and the playground has no files.
                if value.contains('=') {
                    self.cookies.push(value.to_string());
                }
            }
            "user" => self.user = Some(value.to_string()),
            "user-agent" => self.user_agent = Some(value.to_string()),
            "referer" => {
                let (referer, auto) = match value.find(";auto") {
                    Some(at) => (&value[..at], true),
                    None => (value, false),
                };
                self.auto_referer = auto;
                self.referer = (!referer.is_empty()).then(|| referer.to_string());
            }
            "write-out" => {
                if let Some(file) = value.strip_prefix('@') {
                    return Err(self.read_error(flag, file));
                }
                self.write_out = Some(value.to_string());
            }
            "output" => match non_blank(flag, value)? {
                "/dev/null" => self.discard_body = true,
                "-" => self.discard_body = false,
                _ => return Err(not_here(format!("writing to a file (-o {value})"))),
            },
            "url" => self.add_url(flag, value)?,
            "globoff" => self.globoff = on,
            "help" if on => return Err(CurlError::Info { text: help() }),
            "version" if on => return Err(CurlError::Info { text: version() }),
            // Accepted and without effect here: TLS is never reached, output is never
            // buffered, the emulated server speaks HTTP/1.1 only.
            "help" | "version" | "insecure" | "buffer" | "http1.1" | "progress-bar"
            | "progress-meter" | "styled-output" | "basic" | "keepalive" | "tcp-nodelay" => {}
            _ => return Err(not_here(format!("option {flag}"))),
        }
        Ok(())
    }

    /// `-d` and friends: curl's `set_data`.
    fn add_data(&mut self, flag: &str, long: &str, value: &str) -> Result<(), CurlError> {
        let chunk = if long == "data-urlencode" {
            urlencode_data(value).map_err(|file| self.read_error(flag, file))?
        } else if let Some(file) = value.strip_prefix('@').filter(|_| long != "data-raw") {
            if file == "-" {
                return Err(not_here(format!("reading {flag} data from stdin (@-)")));
            }
            return Err(self.read_error(flag, file));
        } else {
            value.to_string()
        };
        let data = self.data.get_or_insert_with(Vec::new);
        if !data.is_empty() && long != "json" {
            data.push(b'&');
        }
        data.extend_from_slice(chunk.as_bytes());
        self.json |= long == "json";
        Ok(())
    }

    /// `curl: Failed to open FILE` then the option error: the playground has no files.
    fn read_error(&self, flag: &str, file: &str) -> CurlError {
        CurlError::BadOption {
            option: flag.to_string(),
            reason: OptionReason::ReadError,
            detail: self.loud().then(|| format!("Failed to open {file}")),
        }
    }

    /// Whether curl's `errorf` messages print: `-s` hides them, even with `-S`.
    fn loud(&self) -> bool {
        !self.silent
    }

    fn add_url(&mut self, flag: &str, url: &str) -> Result<(), CurlError> {
        if url.is_empty() {
            return Err(bad(
                if flag == url { "" } else { flag },
                OptionReason::BlankString,
            ));
        }
        self.urls.push(url.to_string());
        Ok(())
    }
}

fn non_blank<'a>(flag: &str, value: &'a str) -> Result<&'a str, CurlError> {
    if value.is_empty() {
        Err(bad(flag, OptionReason::BlankString))
    } else {
        Ok(value)
    }
}

/// curl's `secs2ms`: decimal seconds, never negative.
fn seconds_to_ms(flag: &str, value: &str) -> Result<u64, CurlError> {
    let seconds: f64 = value
        .trim_start()
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite())
        .ok_or_else(|| bad(flag, OptionReason::BadNumeric))?;
    if seconds < 0.0 {
        return Err(bad(flag, OptionReason::NegativeNumeric));
    }
    Ok((seconds * 1000.0) as u64)
}

/// `--data-urlencode` forms: `content`, `=content`, `name=content`, `name@file`, `@file`.
/// Returns the file name as the error when the form reads a file.
fn urlencode_data(value: &str) -> Result<String, &str> {
    if let Some((name, content)) = value.split_once('=') {
        let encoded = encode::form_escape(content);
        return Ok(if name.is_empty() {
            encoded
        } else {
            format!("{name}={encoded}")
        });
    }
    if let Some((_, file)) = value.split_once('@') {
        return Err(file);
    }
    Ok(encode::form_escape(value))
}
