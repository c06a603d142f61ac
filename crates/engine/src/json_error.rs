//! The `SyntaxError` message of V8's `JSON.parse` (Node 20, V8 11.3), for any text.
//!
//! `express.json()` forwards `JSON.parse`'s message to the learner (`err.message`, the error
//! page), and each JS engine words it its own way: Firefox says "JSON.parse: expected
//! property name or '}' at line 1 column 2 of the JSON data" where Node says "Expected
//! property name or '}' in JSON at position 1". The playground runs the learner's JSON.parse
//! and, when it throws, asks this module what Node would have said.
//!
//! The walk follows V8's `json-parser.cc`: the same tokens, the same order of checks, and the
//! same rules for the source excerpt in "Unexpected token" messages. Text and messages are
//! UTF-16 as JS strings are: positions count code units, and an excerpt may cut a surrogate
//! pair exactly where V8's does.

/// V8's message for `JSON.parse(text)`, or `None` when `text` is valid JSON.
pub fn message_utf16(text: &[u16]) -> Option<Vec<u16>> {
    let mut parser = Parser { text, pos: 0 };
    let failure = parser.parse().err()?;
    Some(parser.word(failure))
}

/// [`message_utf16`] for Rust strings; a surrogate half V8 would show becomes U+FFFD.
pub fn message(text: &str) -> Option<String> {
    message_utf16(&utf16(text)).map(|m| String::from_utf16_lossy(&m))
}

/// V8's `JsonToken`, from the character that starts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Number,
    String,
    LBrace,
    RBrace,
    LBrack,
    RBrack,
    True,
    False,
    Null,
    Whitespace,
    Colon,
    Comma,
    Illegal,
    Eos,
}

impl Token {
    fn of(c: Option<u16>) -> Token {
        let Some(c) = c else { return Token::Eos };
        match u8::try_from(c).map(char::from) {
            Ok('"') => Token::String,
            Ok('0'..='9' | '-') => Token::Number,
            Ok('{') => Token::LBrace,
            Ok('}') => Token::RBrace,
            Ok('[') => Token::LBrack,
            Ok(']') => Token::RBrack,
            Ok('t') => Token::True,
            Ok('f') => Token::False,
            Ok('n') => Token::Null,
            Ok(' ' | '\t' | '\r' | '\n') => Token::Whitespace,
            Ok(':') => Token::Colon,
            Ok(',') => Token::Comma,
            _ => Token::Illegal,
        }
    }
}

/// Why parsing stopped, at the parser's position.
#[derive(Debug, Clone, Copy)]
enum Failure {
    /// `ReportUnexpectedToken(token)`: V8 picks the wording from the token.
    Unexpected(Token),
    /// A message template of its own, ending "at position N".
    At(&'static str),
}

const PROPERTY_NAME_OR_BRACE: &str = "Expected property name or '}' in JSON";
const DOUBLE_QUOTED_NAME: &str = "Expected double-quoted property name in JSON";
const COLON: &str = "Expected ':' after property name in JSON";
const COMMA_OR_BRACE: &str = "Expected ',' or '}' after property value in JSON";
const COMMA_OR_BRACKET: &str = "Expected ',' or ']' after array element in JSON";
const AFTER_JSON: &str = "Unexpected non-whitespace character after JSON";

enum Container {
    Object,
    Array,
}

struct Parser<'a> {
    text: &'a [u16],
    pos: usize,
}

type Parse = Result<(), Failure>;

impl Parser<'_> {
    fn current(&self) -> Option<u16> {
        self.text.get(self.pos).copied()
    }

    fn is(&self, c: u8) -> bool {
        self.current() == Some(u16::from(c))
    }

    /// Skips whitespace and names the token there (`GetNextNonWhitespaceToken`).
    fn peek(&mut self) -> Token {
        while Token::of(self.current()) == Token::Whitespace {
            self.pos += 1;
        }
        Token::of(self.current())
    }

    /// `Check(token)`: consumes the token if it is next.
    fn check(&mut self, token: Token) -> bool {
        let found = self.peek() == token;
        if found {
            self.pos += 1;
        }
        found
    }

    /// `ExpectNext(token, message)`.
    fn expect(&mut self, token: Token, message: &'static str) -> Parse {
        if self.check(token) {
            Ok(())
        } else {
            Err(Failure::At(message))
        }
    }

    /// `ParseJson`: one value (objects and arrays kept on a stack, not the Rust stack, since
    /// learners can send `[[[[...`), then nothing but whitespace.
    fn parse(&mut self) -> Parse {
        let mut open: Vec<Container> = Vec::new();
        'value: loop {
            match self.peek() {
                Token::String => self.string()?,
                Token::Number => self.number()?,
                Token::True => self.literal("true")?,
                Token::False => self.literal("false")?,
                Token::Null => self.literal("null")?,
                Token::LBrace => {
                    self.pos += 1;
                    if !self.check(Token::RBrace) {
                        self.key(true)?;
                        open.push(Container::Object);
                        continue 'value;
                    }
                }
                Token::LBrack => {
                    self.pos += 1;
                    if !self.check(Token::RBrack) {
                        open.push(Container::Array);
                        continue 'value;
                    }
                }
                other => return Err(Failure::Unexpected(other)),
            }
            // A value is complete: close what it completes, or go on to the next one.
            loop {
                match open.last() {
                    None => break 'value,
                    Some(Container::Object) if self.check(Token::Comma) => {
                        self.key(false)?;
                        continue 'value;
                    }
                    Some(Container::Object) => self.expect(Token::RBrace, COMMA_OR_BRACE)?,
                    Some(Container::Array) if self.check(Token::Comma) => continue 'value,
                    Some(Container::Array) => self.expect(Token::RBrack, COMMA_OR_BRACKET)?,
                }
                open.pop();
            }
        }
        if self.peek() == Token::Eos {
            Ok(())
        } else {
            Err(Failure::At(AFTER_JSON))
        }
    }

    /// A property name and its colon. V8 11.3 words a missing colon only after the first
    /// name; after a comma it reports the token it found instead.
    fn key(&mut self, first: bool) -> Parse {
        if self.peek() != Token::String {
            let missing = if first {
                PROPERTY_NAME_OR_BRACE
            } else {
                DOUBLE_QUOTED_NAME
            };
            return Err(Failure::At(missing));
        }
        self.string()?;
        match self.peek() {
            Token::Colon => {
                self.pos += 1;
                Ok(())
            }
            _ if first => Err(Failure::At(COLON)),
            other => Err(Failure::Unexpected(other)),
        }
    }

    /// `ScanLiteral`: the first letter already matched.
    fn literal(&mut self, word: &str) -> Parse {
        for expected in word.bytes().skip(1) {
            self.pos += 1;
            if self.current() != Some(u16::from(expected)) {
                return Err(Failure::Unexpected(Token::of(self.current())));
            }
        }
        self.pos += 1;
        Ok(())
    }

    /// `ScanJsonString`, from the opening quote.
    fn string(&mut self) -> Parse {
        self.pos += 1;
        loop {
            let Some(c) = self.current() else {
                return Err(Failure::At("Unterminated string in JSON"));
            };
            match u8::try_from(c) {
                Ok(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Ok(b'\\') => self.escape()?,
                Ok(0..=0x1f) => {
                    return Err(Failure::At(
                        "Bad control character in string literal in JSON",
                    ))
                }
                _ => self.pos += 1,
            }
        }
    }

    /// One escape sequence, from its backslash.
    fn escape(&mut self) -> Parse {
        self.pos += 1;
        let c = match self.current().map(u8::try_from) {
            None => return Err(Failure::Unexpected(Token::Eos)),
            Some(Err(_)) => return Err(Failure::Unexpected(Token::Illegal)),
            Some(Ok(c)) => c,
        };
        match c {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
            b'u' => {
                for _ in 0..4 {
                    self.pos += 1;
                    if !self.at(|c| c.is_ascii_hexdigit()) {
                        return Err(Failure::At("Bad Unicode escape in JSON"));
                    }
                }
            }
            _ => return Err(Failure::At("Bad escaped character in JSON")),
        }
        self.pos += 1;
        Ok(())
    }

    /// Whether the current code unit is an ASCII character that passes `test`.
    fn at(&self, test: fn(&u8) -> bool) -> bool {
        self.current()
            .and_then(|c| u8::try_from(c).ok())
            .is_some_and(|c| c.is_ascii() && test(&c))
    }

    fn digit(&self) -> bool {
        self.at(u8::is_ascii_digit)
    }

    fn skip_digits(&mut self) {
        while self.digit() {
            self.pos += 1;
        }
    }

    /// `ParseJsonNumber`, from its `-` or first digit.
    fn number(&mut self) -> Parse {
        if self.is(b'-') {
            self.pos += 1;
        }
        if self.is(b'0') {
            self.pos += 1;
            if self.digit() {
                // A leading zero may only stand alone.
                return Err(Failure::Unexpected(Token::Number));
            }
        } else {
            let start = self.pos;
            self.skip_digits();
            if self.pos == start {
                return Err(Failure::At("No number after minus sign in JSON"));
            }
        }
        if self.is(b'.') {
            self.pos += 1;
            if !self.digit() {
                return Err(Failure::At("Unterminated fractional number in JSON"));
            }
            self.skip_digits();
        }
        if self.is(b'e') || self.is(b'E') {
            self.pos += 1;
            if self.is(b'-') || self.is(b'+') {
                self.pos += 1;
            }
            if !self.digit() {
                return Err(Failure::At("Exponent part is missing a number in JSON"));
            }
            self.skip_digits();
        }
        Ok(())
    }

    /// The message for a failure at the current position.
    fn word(&self, failure: Failure) -> Vec<u16> {
        let pos = self.pos;
        match failure {
            Failure::At(template) => utf16(&format!("{template} at position {pos}")),
            Failure::Unexpected(Token::Eos) => utf16("Unexpected end of JSON input"),
            Failure::Unexpected(Token::Number) => {
                utf16(&format!("Unexpected number in JSON at position {pos}"))
            }
            Failure::Unexpected(Token::String) => {
                utf16(&format!("Unexpected string in JSON at position {pos}"))
            }
            Failure::Unexpected(_) => self.unexpected_token(),
        }
    }

    /// "Unexpected token 'x', ..." with V8's excerpt: the whole text when it is short, else
    /// ten code units either side of the token, with `...` where the text goes on.
    fn unexpected_token(&self) -> Vec<u16> {
        const CONTEXT: usize = 10;
        const SHORT: usize = 2 * CONTEXT + 1;
        let (text, pos) = (self.text, self.pos);
        let quoted = |s: &[u16]| [&utf16("\""), s, &utf16("\"")].concat();
        let not_valid = utf16(" is not valid JSON");
        if ["[object Object]", "undefined", "Infinity", "NaN"]
            .iter()
            .any(|special| special.encode_utf16().eq(text.iter().copied()))
        {
            return [quoted(text), not_valid].concat();
        }
        let dots = utf16("...");
        let excerpt = if text.len() < SHORT {
            quoted(text)
        } else if pos < CONTEXT {
            [quoted(&text[..pos + CONTEXT]), dots].concat()
        } else if pos < text.len() - CONTEXT {
            [
                &dots[..],
                &quoted(&text[pos - CONTEXT..pos + CONTEXT]),
                &dots,
            ]
            .concat()
        } else {
            [dots, quoted(&text[pos - CONTEXT..])].concat()
        };
        let token = [utf16("Unexpected token '"), vec![text[pos]], utf16("', ")].concat();
        [token, excerpt, not_valid].concat()
    }
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

#[cfg(test)]
mod tests;
