//! A moment as JavaScript's `Date` prints it: `toUTCString()` (cookie `Expires`, morgan's
//! `:date[web]`), `toISOString()` (`:date[iso]`) and morgan's Apache-style `:date[clf]`.
//!
//! Times are milliseconds since the epoch, as `Date.now()` gives them; a value outside
//! `Date`'s range (±8.64e15 ms, or NaN) is an Invalid Date and has no string.

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MS_PER_DAY: i64 = 86_400_000;

/// The UTC fields of a valid `Date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
    /// 0 is Sunday, as `getUTCDay()`.
    pub weekday: u32,
}

/// `new Date(ms)`'s UTC fields, or `None` for an Invalid Date (ECMAScript's `TimeClip`).
pub fn parts(ms: f64) -> Option<Parts> {
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return None;
    }
    let t = ms.trunc() as i64;
    let days = t.div_euclid(MS_PER_DAY);
    let in_day = t.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    Some(Parts {
        year,
        month,
        day,
        hour: (in_day / 3_600_000) as u32,
        minute: (in_day / 60_000 % 60) as u32,
        second: (in_day / 1000 % 60) as u32,
        millis: (in_day % 1000) as u32,
        weekday: (days + 4).rem_euclid(7) as u32,
    })
}

/// Howard Hinnant's `civil_from_days`: (year, month 1-12, day 1-31) of a day count since
/// 1970-01-01 in the proleptic Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `Date.prototype.toUTCString()`: `Thu, 01 Jan 1970 00:00:00 GMT`.
pub fn utc_string(ms: f64) -> Option<String> {
    let p = parts(ms)?;
    let sign = if p.year < 0 { "-" } else { "" };
    Some(format!(
        "{}, {:02} {} {sign}{:04} {:02}:{:02}:{:02} GMT",
        DAYS[p.weekday as usize],
        p.day,
        MONTHS[p.month as usize - 1],
        p.year.abs(),
        p.hour,
        p.minute,
        p.second
    ))
}

/// `Date.prototype.toISOString()`: `1970-01-01T00:00:00.000Z` (six-digit signed years
/// outside 0..=9999).
pub fn iso_string(ms: f64) -> Option<String> {
    let p = parts(ms)?;
    let year = match p.year {
        0..=9999 => format!("{:04}", p.year),
        y if y < 0 => format!("-{:06}", -y),
        y => format!("+{y:06}"),
    };
    Some(format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        p.month, p.day, p.hour, p.minute, p.second, p.millis
    ))
}

/// morgan's `clfdate`: `01/Jan/1970:00:00:00 +0000`.
pub fn clf(ms: f64) -> Option<String> {
    let p = parts(ms)?;
    Some(format!(
        "{:02}/{}/{}:{:02}:{:02}:{:02} +0000",
        p.day,
        MONTHS[p.month as usize - 1],
        p.year,
        p.hour,
        p.minute,
        p.second
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row as `new Date(ms).toUTCString()` / `.toISOString()` print it on Node 20.
    #[test]
    fn dates_print_as_javascript_prints_them() {
        let cases: &[(f64, &str, &str)] = &[
            (
                0.0,
                "Thu, 01 Jan 1970 00:00:00 GMT",
                "1970-01-01T00:00:00.000Z",
            ),
            (
                1.0,
                "Thu, 01 Jan 1970 00:00:00 GMT",
                "1970-01-01T00:00:00.001Z",
            ),
            (
                -1.0,
                "Wed, 31 Dec 1969 23:59:59 GMT",
                "1969-12-31T23:59:59.999Z",
            ),
            (
                1893456000000.0,
                "Tue, 01 Jan 2030 00:00:00 GMT",
                "2030-01-01T00:00:00.000Z",
            ),
            (
                1795425926123.0,
                "Mon, 23 Nov 2026 09:25:26 GMT",
                "2026-11-23T09:25:26.123Z",
            ),
            (
                951782400000.0,
                "Tue, 29 Feb 2000 00:00:00 GMT",
                "2000-02-29T00:00:00.000Z",
            ),
            (
                8.64e15,
                "Sat, 13 Sep 275760 00:00:00 GMT",
                "+275760-09-13T00:00:00.000Z",
            ),
            (
                -8.64e15,
                "Tue, 20 Apr -271821 00:00:00 GMT",
                "-271821-04-20T00:00:00.000Z",
            ),
            (
                -62198755200000.0,
                "Fri, 01 Jan -0001 00:00:00 GMT",
                "-000001-01-01T00:00:00.000Z",
            ),
            (
                253402300800000.0,
                "Sat, 01 Jan 10000 00:00:00 GMT",
                "+010000-01-01T00:00:00.000Z",
            ),
            (
                1.9,
                "Thu, 01 Jan 1970 00:00:00 GMT",
                "1970-01-01T00:00:00.001Z",
            ),
        ];
        for &(ms, utc, iso) in cases {
            assert_eq!(utc_string(ms).as_deref(), Some(utc), "toUTCString of {ms}");
            assert_eq!(iso_string(ms).as_deref(), Some(iso), "toISOString of {ms}");
        }
    }

    #[test]
    fn invalid_dates_have_no_string() {
        for ms in [f64::NAN, f64::INFINITY, 8.64e15 + 1.0, -8.64e15 - 1.0] {
            assert_eq!(utc_string(ms), None);
            assert_eq!(clf(ms), None);
        }
    }

    /// morgan's `clfdate(new Date(ms))` on Node.
    #[test]
    fn clf_dates() {
        assert_eq!(
            clf(1795425926123.0).as_deref(),
            Some("23/Nov/2026:09:25:26 +0000")
        );
        assert_eq!(clf(0.0).as_deref(), Some("01/Jan/1970:00:00:00 +0000"));
    }
}
