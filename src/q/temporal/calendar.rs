//! Calendar arithmetic (days since 2000.01.01 to and from year/month/day) and the q
//! console's text forms of temporal values.

use super::Tk;
use crate::q::value::{NJ, WJ};

/// Nanoseconds in a day.
pub const DAY_NS: i64 = 86_400_000_000_000;
/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Null or an infinity (kept as is by every conversion).
pub fn special(v: i64) -> bool {
    v == NJ || v == WJ || v == -WJ
}

/// Days since 2000.01.01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    // far outside any calendar q prints: keep the arithmetic from overflowing
    let y = y.clamp(-1_000_000_000_000, 1_000_000_000_000);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 - 10_957
}

/// Year, month, day of a count of days since 2000.01.01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z.clamp(-(1 << 60), 1 << 60) + 10_957 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Is y.m.d a real date?
pub fn valid_date(y: i64, m: i64, d: i64) -> bool {
    if !(1..=12).contains(&m) || d < 1 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    d <= dim[(m - 1) as usize]
}

/// First day (days since 2000.01.01) of a month (months since 2000.01).
pub fn month_start(m: i64) -> i64 {
    days_from_civil(2000 + m.div_euclid(12), m.rem_euclid(12) + 1, 1)
}

/// The month (months since 2000.01) holding a day.
pub fn month_of_day(d: i64) -> i64 {
    let (y, m, _) = civil_from_days(d);
    (y - 2000) * 12 + m - 1
}

fn date_text(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{:04}.{:02}.{:02}", y, m, d)
}

/// `hh:mm:ss` and a fraction of `digits` digits from nanoseconds (non-negative).
fn clock_text(ns: i64, digits: usize) -> String {
    let secs = ns / 1_000_000_000;
    let frac = ns % 1_000_000_000;
    let mut s = format!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    );
    if digits > 0 {
        let f = format!("{:09}", frac);
        s.push('.');
        s.push_str(&f[..digits]);
    }
    s
}

/// The text of a value that is neither null nor infinite, without a type suffix.
pub fn body(k: Tk, v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs() as i64;
    match k {
        Tk::D => date_text(v),
        Tk::M => {
            let y = 2000 + v.div_euclid(12);
            format!("{:04}.{:02}", y, v.rem_euclid(12) + 1)
        }
        Tk::P => format!(
            "{}D{}",
            date_text(v.div_euclid(DAY_NS)),
            clock_text(v.rem_euclid(DAY_NS), 9)
        ),
        Tk::Z => format!(
            "{}T{}",
            date_text(v.div_euclid(DAY_MS)),
            clock_text(v.rem_euclid(DAY_MS) * 1_000_000, 3)
        ),
        Tk::N => format!("{sign}{}D{}", a / DAY_NS, clock_text(a % DAY_NS, 9)),
        Tk::T => format!("{sign}{}", clock_text(a.saturating_mul(1_000_000), 3)),
        Tk::V => format!("{sign}{}", clock_text(a.saturating_mul(1_000_000_000), 0)),
        Tk::U => format!("{sign}{:02}:{:02}", a / 60, a % 60),
    }
}

fn special_text(v: i64) -> &'static str {
    match v {
        NJ => "0N",
        WJ => "0W",
        _ => "-0W",
    }
}

/// One atom as the console shows it (`2000.01.01`, `2017.12m`, `0Nd`).
pub fn fmt_atom(k: Tk, v: i64) -> String {
    if special(v) {
        return format!("{}{}", special_text(v), k.letter());
    }
    match k {
        Tk::M => format!("{}m", body(k, v)),
        _ => body(k, v),
    }
}

/// A vector's items as the console shows them, without the one-item comma.
pub fn fmt_items(k: Tk, v: &[i64]) -> String {
    let parts: Vec<String> = v
        .iter()
        .map(|&x| {
            if special(x) {
                special_text(x).to_string()
            } else {
                body(k, x)
            }
        })
        .collect();
    let mut s = parts.join(" ");
    if k == Tk::M || v.iter().all(|&x| special(x)) {
        s.push(k.letter());
    }
    s
}

/// A table or dictionary cell: nulls are blank, no suffixes.
pub fn fmt_cell(k: Tk, v: i64) -> String {
    if v == NJ {
        String::new()
    } else if special(v) {
        special_text(v).to_string()
    } else {
        body(k, v)
    }
}

/// `string x` of an atom.
pub fn fmt_string(k: Tk, v: i64) -> String {
    if special(v) {
        special_text(v).to_string()
    } else {
        body(k, v)
    }
}

/// The ISO 8601 text `.j.j` writes (`2000-01-02`, `2000-01-02T03:04:05.000000000`);
/// `None` for null.
pub fn json_text(k: Tk, v: i64) -> Option<String> {
    if v == NJ {
        return None;
    }
    let t = fmt_string(k, v);
    Some(match k {
        Tk::D | Tk::M | Tk::P | Tk::Z => {
            let t = if k == Tk::P {
                t.replacen('D', "T", 1)
            } else {
                t
            };
            match t.split_once('T') {
                Some((d, rest)) => format!("{}T{}", d.replace('.', "-"), rest),
                None => t.replace('.', "-"),
            }
        }
        _ => t,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(2000, 1, 1), 0);
        assert_eq!(days_from_civil(2010, 1, 1), 3653);
        assert_eq!(days_from_civil(1999, 1, 1), -365);
        for d in [-800_000, -365, -1, 0, 59, 60, 366, 5399, 100_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
            assert!(valid_date(y, m, dd));
        }
        assert_eq!(civil_from_days(5399), (2014, 10, 13));
    }

    #[test]
    fn texts() {
        assert_eq!(fmt_atom(Tk::M, 215), "2017.12m");
        assert_eq!(fmt_atom(Tk::D, NJ), "0Nd");
        assert_eq!(fmt_atom(Tk::N, 45_296_123_456_789), "0D12:34:56.123456789");
        assert_eq!(fmt_atom(Tk::T, 42), "00:00:00.042");
        assert_eq!(fmt_atom(Tk::U, 42), "00:42");
        assert_eq!(fmt_atom(Tk::Z, 42 * DAY_MS), "2000.02.12T00:00:00.000");
        assert_eq!(fmt_items(Tk::M, &[215, 214]), "2017.12 2017.11m");
        assert_eq!(fmt_items(Tk::D, &[0, 1]), "2000.01.01 2000.01.02");
        assert_eq!(fmt_items(Tk::D, &[NJ, WJ]), "0N 0Wd");
    }
}
