//! `?`: find, random roll and deal from the session seed, and the vector conditional `?[c;a;b]`.

use crate::q::error::{qerr, QResult};
use crate::q::eval::Interp;
use crate::q::primitives::list::take_idx;
use crate::q::value::{Value, NJ};

fn rand_next(ip: &mut Interp) -> u64 {
    let mut s = ip.rng;
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    ip.rng = s;
    s
}

/// `x?y`: find, or random roll/deal when x is a number.
pub fn query(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    if let Value::Long(NJ) = x {
        // 0N?y permutes: deal as many as there are
        let n = match (&y, y.as_i64()) {
            (v, Some(m)) if v.is_atom() => m,
            _ => y.count() as i64,
        };
        return query(ip, Value::Long(n.saturating_neg()), y);
    }
    if let (Some(n), true) = (x.as_i64(), x.is_atom()) {
        if !matches!(x, Value::Bool(_)) {
            let (cnt, deal) = if n < 0 {
                ((-n) as usize, true)
            } else {
                (n as usize, false)
            };
            if cnt > 100_000_000 {
                return qerr("wsfull");
            }
            if y.is_atom() {
                if let Some(m) = y.as_i64() {
                    if m <= 0 {
                        return qerr("domain");
                    }
                    if deal && cnt as i64 > m {
                        return qerr("length");
                    }
                    let mut out = Vec::with_capacity(cnt);
                    let mut seen = std::collections::HashSet::new();
                    while out.len() < cnt {
                        let r = (rand_next(ip) % m as u64) as i64;
                        if deal && !seen.insert(r) {
                            continue;
                        }
                        out.push(r);
                    }
                    let v = Value::longs(out);
                    return crate::q::primitives::cast::cast_to(
                        y.type_code().abs().max(6).min(7),
                        &v,
                    )
                    .map(|r| if y.type_code() == -7 { r } else { r });
                }
                if let Some(f) = y.as_f64() {
                    let out: Vec<f64> = (0..cnt)
                        .map(|_| (rand_next(ip) >> 11) as f64 / (1u64 << 53) as f64 * f)
                        .collect();
                    return Ok(Value::floats(out));
                }
                return qerr("type");
            }
            let m = y.count();
            if m == 0 {
                return Ok(y.clone());
            }
            let mut idx = Vec::with_capacity(cnt);
            let mut seen = std::collections::HashSet::new();
            if deal && cnt > m {
                return qerr("length");
            }
            while idx.len() < cnt {
                let r = (rand_next(ip) % m as u64) as usize;
                if deal && !seen.insert(r) {
                    continue;
                }
                idx.push(r);
            }
            return Ok(take_idx(&y, &idx));
        }
    }
    if let Value::Table(..) = x {
        return qerr("nyi");
    }
    crate::q::primitives::list::find(&x, &y)
}

/// `?[c;a;b]` vector conditional.
pub fn vcond(_ip: &mut Interp, v: Vec<Value>) -> QResult<Value> {
    if v.len() != 3 {
        return qerr("rank");
    }
    let c = &v[0];
    let n = c.count();
    let Value::Bools(b) = c else {
        if let Value::Bool(b) = c {
            return Ok(if *b { v[1].clone() } else { v[2].clone() });
        }
        return qerr("type");
    };
    let mut out = Vec::with_capacity(n);
    for (i, &bi) in b.iter().enumerate() {
        let src = if bi { &v[1] } else { &v[2] };
        if !src.is_atom() && src.count() != n {
            return qerr("length");
        }
        out.push(if src.is_atom() {
            src.clone()
        } else {
            src.item(i)
        });
    }
    Ok(Value::from_items(out))
}
