//! The `fresh` package: is the client's cached copy still good? (`req.fresh`, and the 304
//! that `res.send` answers.) Includes the part of JavaScript's `Date.parse` it relies on.

use crate::http::Headers;
use crate::incoming;

/// `fresh(reqHeaders, { etag, 'last-modified' })`.
pub fn fresh(req: &Headers, etag: Option<&str>, last_modified: Option<&str>) -> bool {
    let modified_since = incoming::get(req, "if-modified-since").filter(|v| !v.is_empty());
    let none_match = incoming::get(req, "if-none-match").filter(|v| !v.is_empty());
    if modified_since.is_none() && none_match.is_none() {
        return false;
    }
    if let Some(cc) = incoming::get(req, "cache-control") {
        if has_no_cache(&cc) {
            return false;
        }
    }
    if let Some(none_match) = none_match {
        if none_match == "*" {
            return true;
        }
        let Some(etag) = etag.filter(|e| !e.is_empty()) else {
            return false;
        };
        return crate::http::token_list(&none_match)
            .iter()
            .any(|m| m == etag || format!("W/{etag}") == *m || format!("W/{m}") == etag);
    }
    if let Some(since) = modified_since {
        let stale = match last_modified.filter(|l| !l.is_empty()) {
            None => true,
            Some(lm) => match (parse_date(lm), parse_date(&since)) {
                (Some(a), Some(b)) => a > b,
                _ => true,
            },
        };
        if stale {
            return false;
        }
    }
    true
}

/// `/(?:^|,)\s*?no-cache\s*?(?:,|$)/` (case-sensitive, as in `fresh`).
fn has_no_cache(cc: &str) -> bool {
    cc.split(',')
        .any(|d| d.trim_matches(crate::js::is_whitespace) == "no-cache")
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (`month` 1 to 12).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn to_ms(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64, offset_min: i64) -> Option<f64> {
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 24 || mi > 59 || s > 59 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some(((days * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60) * 1000) as f64)
}

/// `Date.parse` for the forms HTTP dates come in: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37
/// GMT`), RFC 850, asctime, and ISO 8601. A time without a zone is read as UTC (real Express
/// runs here with `TZ=UTC`). `None` is NaN.
pub fn parse_date(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some(ms) = parse_iso(s) {
        return Some(ms);
    }
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut time = (0, 0, 0);
    let mut offset = 0i64;
    let mut numbers: Vec<(i64, usize)> = Vec::new();
    for token in s.split(|c: char| c.is_whitespace() || c == ',') {
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        if token.contains(':') {
            let parts: Vec<&str> = token.split(':').collect();
            let n = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
            time = (n(0)?, n(1)?, if parts.len() > 2 { n(2)? } else { 0 });
            continue;
        }
        if matches!(lower.as_str(), "gmt" | "utc" | "ut" | "z") {
            continue;
        }
        if let Some(rest) = token.strip_prefix(['+', '-']) {
            if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
                let v: i64 = rest.parse().ok()?;
                let mins = v / 100 * 60 + v % 100;
                offset = if token.starts_with('-') { -mins } else { mins };
                continue;
            }
        }
        // RFC 850: "06-Nov-94".
        if token.contains('-') {
            let parts: Vec<&str> = token.split('-').collect();
            if parts.len() == 3 {
                day = parts[0].parse().ok();
                month = month_index(parts[1]);
                numbers.push((parts[2].parse().ok()?, parts[2].len()));
                continue;
            }
            return None;
        }
        if token.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push((token.parse().ok()?, token.len()));
            continue;
        }
        if let Some(m) = month_index(&lower) {
            month = Some(m);
        }
        // Day names and other words are ignored, as V8's legacy parser does.
    }
    for (n, len) in numbers {
        if day.is_none() && len <= 2 && (1..=31).contains(&n) {
            day = Some(n);
        } else if year.is_none() {
            year = Some(if len <= 2 {
                if n < 50 {
                    2000 + n
                } else {
                    1900 + n
                }
            } else {
                n
            });
        }
    }
    to_ms(year?, month? + 1, day?, time.0, time.1, time.2, offset)
}

fn month_index(word: &str) -> Option<i64> {
    let lower = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.len() >= 3 && lower.starts_with(m))
        .map(|i| i as i64)
}

fn parse_iso(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b.len() == 10 {
        return to_ms(y, mo, d, 0, 0, 0, 0);
    }
    if b[10] != b'T' || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let (h, mi) = (num(11..13)?, num(14..16)?);
    let mut i = 16;
    let mut sec = 0;
    if b.get(i) == Some(&b':') {
        sec = num(i + 1..i + 3)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    let offset = match &s[i..] {
        "" | "Z" => 0,
        tz if tz.len() == 6 && (tz.starts_with('+') || tz.starts_with('-')) && &tz[3..4] == ":" => {
            let v = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if tz.starts_with('-') {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    to_ms(y, mo, d, h, mi, sec, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Headers {
        pairs.iter().copied().collect()
    }

    /// `require('fresh')(reqHeaders, resHeaders)` on Node (fresh 2.0.0).
    #[test]
    fn matches_fresh() {
        let e = Some("W/\"b-Rpdu\"");
        // (request headers, response ETag, response Last-Modified, fresh?)
        type Case<'a> = (
            &'a [(&'a str, &'a str)],
            Option<&'a str>,
            Option<&'a str>,
            bool,
        );
        let cases: &[Case] = &[
            (&[], e, None, false),
            (&[("If-None-Match", "W/\"b-Rpdu\"")], e, None, true),
            (&[("If-None-Match", "\"b-Rpdu\"")], e, None, true),
            (
                &[("If-None-Match", "\"other\", W/\"b-Rpdu\"")],
                e,
                None,
                true,
            ),
            (&[("If-None-Match", "\"other\"")], e, None, false),
            (&[("If-None-Match", "*")], None, None, true),
            (&[("If-None-Match", "\"x\"")], None, None, false),
            (
                &[
                    ("If-None-Match", "W/\"b-Rpdu\""),
                    ("Cache-Control", "no-cache"),
                ],
                e,
                None,
                false,
            ),
            (
                &[
                    ("If-None-Match", "W/\"b-Rpdu\""),
                    ("Cache-Control", "max-age=0, no-cache"),
                ],
                e,
                None,
                false,
            ),
            (
                &[
                    ("If-None-Match", "W/\"b-Rpdu\""),
                    ("Cache-Control", "No-Cache"),
                ],
                e,
                None,
                true,
            ),
            (
                &[("If-Modified-Since", "Tue, 02 Jan 2024 00:00:00 GMT")],
                None,
                Some("Mon, 01 Jan 2024 00:00:00 GMT"),
                true,
            ),
            (
                &[("If-Modified-Since", "Sun, 31 Dec 2023 00:00:00 GMT")],
                None,
                Some("Mon, 01 Jan 2024 00:00:00 GMT"),
                false,
            ),
            (
                &[("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT")],
                None,
                Some("Mon, 01 Jan 2024 00:00:00 GMT"),
                true,
            ),
            (
                &[("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT")],
                None,
                None,
                false,
            ),
            (
                &[("If-Modified-Since", "garbage")],
                None,
                Some("Mon, 01 Jan 2024 00:00:00 GMT"),
                false,
            ),
            (
                &[
                    ("If-None-Match", "\"nope\""),
                    ("If-Modified-Since", "Tue, 02 Jan 2024 00:00:00 GMT"),
                ],
                e,
                Some("Mon, 01 Jan 2024 00:00:00 GMT"),
                false,
            ),
        ];
        for (req, etag, lm, want) in cases {
            assert_eq!(fresh(&headers(req), *etag, *lm), *want, "{req:?}");
        }
    }

    /// `Date.parse(s)` on Node with TZ=UTC (`None` is NaN).
    #[test]
    fn parses_http_dates() {
        let cases: &[(&str, Option<f64>)] = &[
            ("Sun, 06 Nov 1994 08:49:37 GMT", Some(784111777000.0)),
            ("Sunday, 06-Nov-94 08:49:37 GMT", Some(784111777000.0)),
            ("Sun Nov  6 08:49:37 1994", Some(784111777000.0)),
            ("1994-11-06T08:49:37Z", Some(784111777000.0)),
            ("1994-11-06", Some(784080000000.0)),
            ("Mon, 01 Jan 2024 00:00:00 GMT", Some(1704067200000.0)),
            ("Mon, 01 Jan 2024 01:00:00 +0100", Some(1704067200000.0)),
            ("garbage", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), *want, "{input}");
        }
    }
}
