//! The few JavaScript built-ins whose exact behaviour Express's packages depend on:
//! `Number(string)`, `parseFloat`, `decodeURIComponent`, `encodeURIComponent`. Ported so
//! the engine decides the same way without a JS engine.

/// `StrWhiteSpaceChar`: what `Number()`, `parseFloat` and `String.prototype.trim` skip.
pub fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Length of the longest prefix of `b` that is a `StrUnsignedDecimalLiteral` without
/// `Infinity`: `digits[.digits][e[+-]digits]` or `.digits[...]`. 0 when there is none.
fn decimal_prefix(b: &[u8]) -> usize {
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = int_digits;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        frac_digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if int_digits + frac_digits > 0 {
            i += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits == 0 {
        return 0;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp > 0 {
            i = j + exp;
        }
    }
    i
}

/// Parses a whole decimal literal (`+`/`-` allowed) the way JS does, `Infinity` included.
fn signed_decimal(t: &str) -> Option<f64> {
    let negative = t.starts_with('-');
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned == "Infinity" {
        return Some(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    let n = decimal_prefix(unsigned.as_bytes());
    if n == 0 || n != unsigned.len() {
        return None;
    }
    // Rust's float parser accepts every JS decimal literal except a trailing `.` ("5.").
    let digits = unsigned.strip_suffix('.').unwrap_or(unsigned);
    let v: f64 = digits.parse().ok()?;
    Some(if negative { -v } else { v })
}

/// JavaScript's `Number(string)`; `None` for NaN.
pub fn to_number(s: &str) -> Option<f64> {
    let t = s.trim_matches(is_whitespace);
    if t.is_empty() {
        return Some(0.0);
    }
    let lower = t.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            return Some(digits.chars().fold(0f64, |n, c| {
                n * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
            }));
        }
    }
    signed_decimal(t)
}

/// JavaScript's `parseFloat(string)`: the longest decimal prefix after leading whitespace.
pub fn parse_float(s: &str) -> f64 {
    let t = s.trim_start_matches(is_whitespace);
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let sign_len = t.len() - unsigned.len();
    if unsigned.starts_with("Infinity") {
        return if t.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let n = decimal_prefix(unsigned.as_bytes());
    if n == 0 {
        return f64::NAN;
    }
    signed_decimal(&t[..sign_len + n]).unwrap_or(f64::NAN)
}

/// `decodeURIComponent`: `None` where JS throws a URIError (a bad escape or invalid UTF-8).
pub fn decode_uri_component(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let hex = |i: usize| -> Option<u8> {
        let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
        u8::from_str_radix(h, 16)
            .ok()
            .filter(|_| h.bytes().all(|c| c.is_ascii_hexdigit()))
    };
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let first = hex(i)?;
        i += 3;
        let extra = match first {
            0x00..=0x7f => 0,
            0xc2..=0xdf => 1,
            0xe0..=0xef => 2,
            0xf0..=0xf4 => 3,
            _ => return None,
        };
        let mut seq = vec![first];
        for _ in 0..extra {
            if b.get(i) != Some(&b'%') {
                return None;
            }
            let c = hex(i)?;
            if c & 0xc0 != 0x80 {
                return None;
            }
            seq.push(c);
            i += 3;
        }
        // Overlong forms and surrogates are rejected by `from_utf8` as by JS.
        std::str::from_utf8(&seq).ok()?;
        out.extend_from_slice(&seq);
    }
    String::from_utf8(out).ok()
}

/// `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )` as UTF-8 escapes.
pub fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&c) {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Number(s)` on Node (`None` is NaN).
    #[test]
    fn numbers() {
        let cases: &[(&str, Option<f64>)] = &[
            ("0", Some(0.0)),
            ("12", Some(12.0)),
            ("  7 ", Some(7.0)),
            ("", Some(0.0)),
            ("0x10", Some(16.0)),
            ("1e3", Some(1000.0)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("-Infinity", Some(f64::NEG_INFINITY)),
            ("abc", None),
            ("12abc", None),
            ("inf", None),
            ("-0x10", None),
            ("1_000", None),
            (".", None),
            ("1e", None),
        ];
        for (input, want) in cases {
            assert_eq!(to_number(input), *want, "{input:?}");
        }
    }

    /// `parseFloat(s)` on Node.
    #[test]
    fn parse_floats() {
        let cases: &[(&str, f64)] = &[
            ("0.5", 0.5),
            (" 1", 1.0),
            ("0.8abc", 0.8),
            ("1e", 1.0),
            ("1.e2x", 100.0),
            ("-.5", -0.5),
            ("Infinityx", f64::INFINITY),
        ];
        for (input, want) in cases {
            assert_eq!(parse_float(input), *want, "{input:?}");
        }
        assert!(parse_float("abc").is_nan());
        assert!(parse_float("").is_nan());
        assert!(parse_float(".").is_nan());
    }

    /// `decodeURIComponent(s)` on Node (`None` where it throws URIError).
    #[test]
    fn decodes_like_decode_uri_component() {
        let cases: &[(&str, Option<&str>)] = &[
            ("a%20b", Some("a b")),
            ("%C3%A9", Some("é")),
            ("%F0%9F%98%80", Some("😀")),
            ("%E0%A4%A", None),
            ("%ZZ", None),
            ("%C0%80", None),
            ("%ED%A0%80", None),
            ("%", None),
            ("100%", None),
            ("+", Some("+")),
        ];
        for (input, want) in cases {
            assert_eq!(decode_uri_component(input).as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(
            encode_uri_component("résumé (1)*'.txt"),
            "r%C3%A9sum%C3%A9%20(1)*'.txt"
        );
    }
}
