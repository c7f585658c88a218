//! Temporal literals in source (`2000.01.01`, `12:30`, `0D12:34:56.123456789`,
//! `13:30 20:00t`, `0Nd`) and the string parsers `"D"$`, `"T"$`, `"P"$` ...

use super::calendar::{days_from_civil, month_of_day, valid_date, DAY_MS, DAY_NS};
use super::{conv, make, Tk};
use crate::q::value::{Value, NJ, WJ};

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) || s.len() > 12 {
        return None;
    }
    s.parse().ok()
}

/// Nanoseconds of a fraction of a second written after the point (at most 9 digits count).
fn frac_ns(f: &str) -> Option<i64> {
    if !f.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut t: String = f.chars().take(9).collect();
    while t.len() < 9 {
        t.push('0');
    }
    t.parse().ok()
}

/// `hh:mm[:ss[.fff]]` as nanoseconds, and how it was written (colons, fraction digits).
fn clock(s: &str) -> Option<(i64, usize, usize)> {
    let (main, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let f: Vec<&str> = main.split(':').collect();
    if f.len() < 2 || f.len() > 3 {
        return None;
    }
    let h = digits(f[0])?;
    let m = digits(f[1])?;
    let sec = if f.len() == 3 { digits(f[2])? } else { 0 };
    if f[1].len() != 2 || (f.len() == 3 && f[2].len() != 2) || m > 59 || sec > 59 {
        return None;
    }
    if frac.is_some() && f.len() != 3 {
        return None;
    }
    let fr = match frac {
        Some(x) => frac_ns(x)?,
        None => 0,
    };
    let ns = ((h * 60 + m) * 60 + sec)
        .checked_mul(1_000_000_000)?
        .checked_add(fr)?;
    Some((ns, f.len() - 1, frac.map(|x| x.len()).unwrap_or(0)))
}

/// `yyyy.mm.dd` as days since 2000.01.01.
fn dotted_date(s: &str) -> Option<i64> {
    let f: Vec<&str> = s.split('.').collect();
    if f.len() != 3 || f[0].len() != 4 || f[1].len() != 2 || f[2].len() != 2 {
        return None;
    }
    let (y, m, d) = (digits(f[0])?, digits(f[1])?, digits(f[2])?);
    valid_date(y, m, d).then(|| days_from_civil(y, m, d))
}

/// One literal without its suffix: its natural kind and value (`None` kind for `0N`/`0W`).
fn literal(s: &str, want: Option<Tk>) -> Option<(Option<Tk>, i64)> {
    match s {
        "0N" => return Some((None, NJ)),
        "0W" => return Some((None, WJ)),
        "-0W" => return Some((None, -WJ)),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix('-') {
        let (k, v) = literal(rest, want)?;
        if k.map(|k| k.absolute()).unwrap_or(true) {
            return None;
        }
        return Some((k, -v));
    }
    if let Some((l, r)) = s.split_once('D') {
        let tod = if r.is_empty() { 0 } else { clock(r)?.0 };
        if let Some(d) = dotted_date(l) {
            return Some((Some(Tk::P), d.checked_mul(DAY_NS)?.checked_add(tod)?));
        }
        let days = digits(l)?;
        return Some((Some(Tk::N), days.checked_mul(DAY_NS)?.checked_add(tod)?));
    }
    if let Some((l, r)) = s.split_once('T') {
        let d = dotted_date(l)?;
        let tod = if r.is_empty() { 0 } else { clock(r)?.0 };
        return Some((Some(Tk::Z), d * DAY_MS + tod / 1_000_000));
    }
    if s.contains(':') {
        let (ns, colons, frac) = clock(s)?;
        let k = match (colons, frac) {
            (1, _) => Tk::U,
            (2, 0) => Tk::V,
            (2, 1..=3) => Tk::T,
            _ => Tk::N,
        };
        return Some((Some(k), ns / k.unit_ns()));
    }
    match s.matches('.').count() {
        2 => dotted_date(s).map(|d| (Some(Tk::D), d)),
        1 if want == Some(Tk::M) => {
            let (y, m) = s.split_once('.')?;
            let (y, m) = (digits(y)?, digits(m)?);
            if y > 9999 || !(1..=12).contains(&m) {
                return None;
            }
            Some((Some(Tk::M), (y - 2000) * 12 + m - 1))
        }
        _ => None,
    }
}

/// A temporal literal or vector of them as lexed (number chunks separated by spaces).
pub fn lex_literal(parts: &[String]) -> Option<Value> {
    let last = parts.last()?;
    let suffix = last
        .as_bytes()
        .last()
        .and_then(|&c| Tk::from_letter(c))
        .filter(|_| last.len() > 1);
    let mut vals = Vec::with_capacity(parts.len());
    let mut kind = suffix;
    for (i, p) in parts.iter().enumerate() {
        let body = if i + 1 == parts.len() && suffix.is_some() {
            &p[..p.len() - 1]
        } else {
            p.as_str()
        };
        let (k, v) = literal(body, suffix)?;
        let v = match (k, suffix) {
            (Some(k), Some(s)) => conv(k, s, v),
            (Some(k), None) => {
                match kind {
                    Some(have) if have != k => return None,
                    _ => kind = Some(k),
                }
                v
            }
            (None, _) => v,
        };
        vals.push(v);
    }
    let k = kind?;
    Some(make(k, vals, parts.len() == 1))
}

/// The date at the start of a string in any form q reads (`2000.01.02`, `2000-01-02`,
/// `20000102`, `01/02/2000`) and the rest of the string.
fn lead_date(s: &str) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    if b.len() >= 10 && (b[4] == b'.' || b[4] == b'-') && b[7] == b[4] {
        let (y, m, d) = (digits(&s[0..4])?, digits(&s[5..7])?, digits(&s[8..10])?);
        return valid_date(y, m, d).then(|| (days_from_civil(y, m, d), &s[10..]));
    }
    if b.len() >= 10 && b[2] == b'/' && b[5] == b'/' {
        let (m, d, y) = (digits(&s[0..2])?, digits(&s[3..5])?, digits(&s[6..10])?);
        return valid_date(y, m, d).then(|| (days_from_civil(y, m, d), &s[10..]));
    }
    if b.len() >= 8 && b[..8].iter().all(|c| c.is_ascii_digit()) {
        if b.len() > 8 && b[8].is_ascii_digit() {
            return None;
        }
        let (y, m, d) = (digits(&s[0..4])?, digits(&s[4..6])?, digits(&s[6..8])?);
        return valid_date(y, m, d).then(|| (days_from_civil(y, m, d), &s[8..]));
    }
    None
}

/// A time of day in a string: `hh:mm[:ss[.f]]` or digits `hhmmss[fff...]`, as ns.
fn parse_clock(s: &str) -> Option<i64> {
    if s.contains(':') {
        return clock(s).map(|c| c.0);
    }
    let (main, frac) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    if main.len() < 2 || !main.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (hms, extra) = if main.len() > 6 {
        (&main[..6], &main[6..])
    } else {
        (main, "")
    };
    let g = |i: usize| -> i64 { hms.get(i..i + 2).and_then(digits).unwrap_or(0) };
    let (h, m, sec) = (g(0), g(2), g(4));
    if m > 59 || sec > 59 {
        return None;
    }
    let fr = frac_ns(&format!("{extra}{frac}"))?;
    Some(((h * 60 + m) * 60 + sec) * 1_000_000_000 + fr)
}

/// Date and time in a string as ns since 2000.01.01 (unix seconds when all digits).
fn parse_instant(s: &str) -> Option<i64> {
    let (main, frac) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    if main.len() >= 10 && main.bytes().all(|c| c.is_ascii_digit()) {
        let secs = digits(main)? - 10_957 * 86_400;
        return secs.checked_mul(1_000_000_000)?.checked_add(frac_ns(frac)?);
    }
    let (d, rest) = lead_date(s)?;
    let rest = rest.strip_prefix(['D', 'T', '-', ' ']).unwrap_or(rest);
    let tod = if rest.is_empty() {
        0
    } else {
        parse_clock(rest)?
    };
    d.checked_mul(DAY_NS)?.checked_add(tod)
}

/// `"D"$s` and friends for one string: the value, null when it does not parse.
pub fn parse(k: Tk, s: &str) -> Value {
    let s = s.trim();
    if !s.is_ascii() {
        return make(k, vec![NJ], true);
    }
    let v = match k {
        Tk::D => lead_date(s).filter(|(_, r)| r.is_empty()).map(|(d, _)| d),
        Tk::M => {
            let b = s.as_bytes();
            if b.len() == 7 && (b[4] == b'.' || b[4] == b'-') {
                lead_date(&format!("{s}{}01", b[4] as char)).map(|(d, _)| month_of_day(d))
            } else if b.len() == 6 {
                lead_date(&format!("{s}01")).map(|(d, _)| month_of_day(d))
            } else {
                lead_date(s).map(|(d, _)| month_of_day(d))
            }
        }
        Tk::P => parse_instant(s),
        Tk::Z => parse_instant(s).map(|ns| ns.div_euclid(1_000_000)),
        Tk::N => {
            let (days, rest) = match s.split_once('D') {
                Some((d, r)) => (digits(d), r),
                None => (Some(0), s),
            };
            days.and_then(|d| {
                let t = if rest.is_empty() {
                    0
                } else {
                    parse_clock(rest)?
                };
                d.checked_mul(DAY_NS)?.checked_add(t)
            })
        }
        Tk::T | Tk::U | Tk::V => parse_clock(s).map(|ns| ns / k.unit_ns()),
    };
    make(k, vec![v.unwrap_or(NJ)], true)
}

#[cfg(test)]
mod tests {
    use super::super::calendar::fmt_atom;
    use super::*;

    fn lit(s: &str) -> String {
        let parts: Vec<String> = s.split(' ').map(String::from).collect();
        crate::q::format::show1(&lex_literal(&parts).expect(s), 7)
    }

    #[test]
    fn literals() {
        assert_eq!(lit("2000.01.01"), "2000.01.01");
        assert_eq!(lit("2017.12m"), "2017.12m");
        assert_eq!(lit("2012.05 2012.06m"), "2012.05 2012.06m");
        assert_eq!(lit("13:30 20:00t"), "13:30:00.000 20:00:00.000");
        assert_eq!(lit("20:00:00.000603286"), "0D20:00:00.000603286");
        assert_eq!(
            lit("2015.10.28D03:55:58.654"),
            "2015.10.28D03:55:58.654000000"
        );
        assert_eq!(lit("2000.01.01T12:00:00.000"), "2000.01.01T12:00:00.000");
        assert_eq!(lit("0Nd"), "0Nd");
        assert_eq!(lit("12:30"), "12:30");
        assert_eq!(lit("12:30:00"), "12:30:00");
        assert!(lex_literal(&["2000.13.01".to_string()]).is_none());
        assert!(lex_literal(&["12:30".to_string(), "2000.01.01".to_string()]).is_none());
    }

    fn p(k: Tk, s: &str) -> String {
        match parse(k, s) {
            Value::Tm(k, v) => fmt_atom(k, v),
            _ => String::new(),
        }
    }

    #[test]
    fn strings() {
        assert_eq!(p(Tk::D, "2000-12-12"), "2000.12.12");
        assert_eq!(p(Tk::D, "2147483648"), "0Nd");
        assert_eq!(p(Tk::U, "12:13:14"), "12:13");
        assert_eq!(p(Tk::T, "123456789"), "12:34:56.789");
        assert_eq!(p(Tk::T, "123456123987654"), "12:34:56.123");
        assert_eq!(p(Tk::N, "123456123987654"), "0D12:34:56.123987654");
        assert_eq!(
            p(Tk::P, "2015-10-28D03:55:58.6542"),
            "2015.10.28D03:55:58.654200000"
        );
        assert_eq!(p(Tk::P, "10129708800"), "2290.12.31D00:00:00.000000000");
        assert_eq!(
            p(Tk::P, "00000000000.123456789"),
            "1970.01.01D00:00:00.123456789"
        );
        assert_eq!(p(Tk::Z, "20191122-11:11:11.123"), "2019.11.22T11:11:11.123");
        assert_eq!(p(Tk::D, "06/01/2010"), "2010.06.01");
    }
}
