//! Every expected message is what Node 20's `JSON.parse` threw for the text (printed with
//! `node -e`); `tests/runtime/json-error.test.mjs` checks thousands more against Node itself.

use super::*;

#[test]
fn messages_match_node() {
    #[rustfmt::skip]
    let cases: &[(&str, Option<&str>)] = &[
        ("", Some("Unexpected end of JSON input")),
        ("   ", Some("Unexpected end of JSON input")),
        ("{", Some("Expected property name or '}' in JSON at position 1")),
        ("{\"a\":1,}", Some("Expected double-quoted property name in JSON at position 7")),
        ("[1,]", Some("Unexpected token ']', \"[1,]\" is not valid JSON")),
        ("tru", Some("Unexpected end of JSON input")),
        ("nulx", Some("Unexpected token 'x', \"nulx\" is not valid JSON")),
        ("t1", Some("Unexpected number in JSON at position 1")),
        ("tr\"", Some("Unexpected string in JSON at position 2")),
        ("-", Some("No number after minus sign in JSON at position 1")),
        ("-x", Some("No number after minus sign in JSON at position 1")),
        ("0-", Some("Unexpected non-whitespace character after JSON at position 1")),
        ("1e", Some("Exponent part is missing a number in JSON at position 2")),
        ("1e+", Some("Exponent part is missing a number in JSON at position 3")),
        ("1.", Some("Unterminated fractional number in JSON at position 2")),
        ("01", Some("Unexpected number in JSON at position 1")),
        ("-01", Some("Unexpected number in JSON at position 2")),
        ("\"abc", Some("Unterminated string in JSON at position 4")),
        ("\"a\u{01}\"", Some("Bad control character in string literal in JSON at position 2")),
        ("\"\\x\"", Some("Bad escaped character in JSON at position 2")),
        ("\"\\u12x4\"", Some("Bad Unicode escape in JSON at position 5")),
        ("\"\\u12", Some("Bad Unicode escape in JSON at position 5")),
        ("\"\\", Some("Unexpected end of JSON input")),
        ("{} x", Some("Unexpected non-whitespace character after JSON at position 3")),
        ("{\"a\" 1}", Some("Expected ':' after property name in JSON at position 5")),
        ("{\"a\":1 \"b\"}", Some("Expected ',' or '}' after property value in JSON at position 7")),
        // A missing colon is worded only after the first name.
        ("{\"a\":1,\"b\" 2}", Some("Unexpected number in JSON at position 11")),
        ("{\"a\":1,\"b\"", Some("Unexpected end of JSON input")),
        ("{\"a\":1,\"b\"x}", Some("Unexpected token 'x', \"{\"a\":1,\"b\"x}\" is not valid JSON")),
        ("[1 2]", Some("Expected ',' or ']' after array element in JSON at position 3")),
        ("[1", Some("Expected ',' or ']' after array element in JSON at position 2")),
        ("{\"a\":1", Some("Expected ',' or '}' after property value in JSON at position 6")),
        ("{\"a\":", Some("Unexpected end of JSON input")),
        ("{1:2}", Some("Expected property name or '}' in JSON at position 1")),
        ("undefined", Some("\"undefined\" is not valid JSON")),
        ("NaN", Some("\"NaN\" is not valid JSON")),
        ("Infinity", Some("\"Infinity\" is not valid JSON")),
        ("[object Object]", Some("\"[object Object]\" is not valid JSON")),
        (" NaN", Some("Unexpected token 'N', \" NaN\" is not valid JSON")),
        (" ", Some("Unexpected token ' ', \" \" is not valid JSON")),
        ("[1]]", Some("Unexpected non-whitespace character after JSON at position 3")),
        ("xxxxxxxxxxxxxxxxxxxx", Some("Unexpected token 'x', \"xxxxxxxxxxxxxxxxxxxx\" is not valid JSON")),
        ("xxxxxxxxxxxxxxxxxxxxx", Some("Unexpected token 'x', \"xxxxxxxxxx\"... is not valid JSON")),
        ("{\"aaaaaaaaaaaaaaaaaaa\":x}", Some("Unexpected token 'x', ...\"aaaaaaaa\":x}\" is not valid JSON")),
        ("[1,2,3,4,5,6,7,8,9,1,x]", Some("Unexpected token 'x', ...\"6,7,8,9,1,x]\" is not valid JSON")),
        ("{\"name\": \"ada\", \"langs\": [\"js\", \"rust\"] oops}", Some("Expected ',' or '}' after property value in JSON at position 40")),
        ("\"é\" 😀", Some("Unexpected non-whitespace character after JSON at position 4")),
        ("{not json}", Some("Expected property name or '}' in JSON at position 1")),
        ("{\"a\":1}}", Some("Unexpected non-whitespace character after JSON at position 7")),
        ("[-]", Some("No number after minus sign in JSON at position 2")),
        ("{\"a\":tru}", Some("Unexpected token '}', \"{\"a\":tru}\" is not valid JSON")),
        ("{\"a\":1}", None),
        ("[1, 2.5e-3, \"x\", true, false, null, {}]", None),
        (" \t\r\n0 ", None),
    ];
    for (text, want) in cases {
        assert_eq!(message(text).as_deref(), *want, "JSON.parse({text:?})");
    }
}

/// An unexpected astral character is shown as its first UTF-16 half, as V8 shows it.
#[test]
fn positions_and_excerpts_count_utf16_units() {
    let text = utf16(r#"["\😀"]"#);
    let want = [
        utf16("Unexpected token '"),
        vec![0xd83d],
        utf16(r#"', "["\😀"]" is not valid JSON"#),
    ]
    .concat();
    assert_eq!(message_utf16(&text), Some(want));
    assert_eq!(
        message("[\"😀😀😀😀😀😀😀😀\", x]").as_deref(),
        // V8 cuts the excerpt inside a surrogate pair; `message` shows the half as U+FFFD.
        Some("Unexpected token 'x', ...\"\u{fffd}😀😀😀\", x]\" is not valid JSON")
    );
}

/// Nesting is not limited by the Rust stack.
#[test]
fn deep_nesting_is_fine() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(message(&deep), None);
    assert_eq!(
        message(&"[".repeat(100_000)).as_deref(),
        Some("Unexpected end of JSON input")
    );
}
