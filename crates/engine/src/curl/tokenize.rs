//! Splits a terminal line into words the way a POSIX shell does, so `curl` sees the same
//! arguments it would see in bash: quotes removed, escapes applied, continuations joined.
//!
//! Supported: whitespace separation, `'single'` quotes (literal), `"double"` quotes (where
//! `\"`, `\\`, `\$`, `` \` `` and backslash-newline are escapes and any other backslash stays),
//! a bare backslash escaping the next character, backslash-newline continuations, `$'...'`
//! ANSI-C quotes (`\n`, `\t`, `\r`, `\\`, `\'`, `\"`, `\xHH`), and `#` comments at the start
//! of a word. Not supported, because the playground runs exactly one command and has no
//! environment: `$VAR` and `$(...)` expansion (the text stays literal) and the operators
//! `|`, `;`, `&`, `>`, `<`, which are reported as [`ShellError::Operator`] rather than
//! silently doing something a real shell would not.

use std::fmt;

/// Why a line could not be split into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShellError {
    /// A quote was opened and the line ended before it was closed.
    UnterminatedQuote { quote: char },
    /// An unquoted shell operator such as `|`, `>`, `;` or `&`.
    Operator { operator: String },
}

impl fmt::Display for ShellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShellError::UnterminatedQuote { quote } => {
                let name = if *quote == '"' { "double" } else { "single" };
                write!(
                    f,
                    "shell: unterminated {name} quote ({quote}): close it before pressing Enter"
                )
            }
            ShellError::Operator { operator } => write!(
                f,
                "shell: `{operator}` is not available in this playground's terminal: it runs one \
                 curl command; quote the argument if {operator} is part of a URL or of data, \
                 e.g. 'localhost:3000/?a=1&b=2'"
            ),
        }
    }
}

impl std::error::Error for ShellError {}

/// Splits `line` into shell words.
pub fn tokenize(line: &str) -> Result<Vec<String>, ShellError> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    // `word` is `Some` once anything (even an empty pair of quotes) started a word.
    let mut word: Option<String> = None;

    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '#' if word.is_none() => break,
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(next) => word.get_or_insert_with(String::new).push(next),
            },
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => w.push(ch),
                        None => return Err(ShellError::UnterminatedQuote { quote: '\'' }),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('\n') => {}
                            Some(ch @ ('"' | '\\' | '$' | '`')) => w.push(ch),
                            Some(ch) => {
                                w.push('\\');
                                w.push(ch);
                            }
                            None => return Err(ShellError::UnterminatedQuote { quote: '"' }),
                        },
                        Some(ch) => w.push(ch),
                        None => return Err(ShellError::UnterminatedQuote { quote: '"' }),
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                let w = word.get_or_insert_with(String::new);
                ansi_c_quote(&mut chars, w)?;
            }
            '|' | ';' | '&' | '>' | '<' => {
                let mut operator = c.to_string();
                if let Some(&next) = chars.peek() {
                    if next == c || (c == '>' && next == '&') {
                        operator.push(next);
                    }
                }
                return Err(ShellError::Operator { operator });
            }
            _ => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(w) = word {
        words.push(w);
    }
    Ok(words)
}

/// Reads the body of a `$'...'` word (the opening `$'` already consumed).
fn ansi_c_quote(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    w: &mut String,
) -> Result<(), ShellError> {
    loop {
        match chars.next() {
            Some('\'') => return Ok(()),
            Some('\\') => match chars.next() {
                Some('n') => w.push('\n'),
                Some('t') => w.push('\t'),
                Some('r') => w.push('\r'),
                Some('0') => w.push('\0'),
                Some('x') => {
                    let mut value = 0u32;
                    let mut digits = 0;
                    while digits < 2 {
                        match chars.peek().and_then(|c| c.to_digit(16)) {
                            Some(d) => {
                                value = value * 16 + d;
                                digits += 1;
                                chars.next();
                            }
                            None => break,
                        }
                    }
                    if digits == 0 {
                        w.push_str("\\x");
                    } else if let Some(ch) = char::from_u32(value) {
                        w.push(ch);
                    }
                }
                Some(ch @ ('\\' | '\'' | '"' | '?')) => w.push(ch),
                Some(ch) => {
                    w.push('\\');
                    w.push(ch);
                }
                None => return Err(ShellError::UnterminatedQuote { quote: '\'' }),
            },
            Some(ch) => w.push(ch),
            None => return Err(ShellError::UnterminatedQuote { quote: '\'' }),
        }
    }
}
