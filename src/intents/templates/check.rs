//! Checking a template set: every slot reachable from every pattern resolves for
//! every topic, audience, complexity and style, without cycles or runaway nesting.

use super::{Compiled, Ctx, Piece, TemplateSet, MAX_DEPTH};
use crate::error::Error;
use crate::intents::{AUDIENCES, COMPLEXITIES};

/// Checks that every slot reachable from every pattern resolves, for every topic,
/// audience, complexity and style, without cycles.
pub fn check(set: &TemplateSet) -> Result<(), Error> {
    for (i, it) in set.intents.iter().enumerate() {
        for t in 0..it.topics.len() {
            for a in 0..AUDIENCES.len() {
                for c in 0..COMPLEXITIES.len() {
                    for s in 0..set.styles.len() {
                        let ctx = Ctx::new(set, i, t, a, c, s);
                        // 0 unseen, 1 in progress, 2 done
                        let mut state = vec![0u8; set.names.len()];
                        for &p in &it.by_complexity[c] {
                            let pat = &it.patterns[p];
                            walk(set, &ctx, &pat.pieces, &mut state, 0).map_err(|m| {
                                Error::input(
                                    &*it.slots.file,
                                    None,
                                    format!(
                                        "pattern \"{}\": {m} (topic \"{}\", audience \"{}\", complexity \"{}\", style \"{}\")",
                                        pat.id,
                                        it.topics[t].name,
                                        AUDIENCES[a],
                                        COMPLEXITIES[c],
                                        set.styles[s].name
                                    ),
                                )
                            })?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// Walks every slot reachable from `pieces`, failing on an undefined slot or a cycle;
/// `state` (one byte per slot id, zeroed) memoises what was already checked.
pub fn walk(
    set: &TemplateSet,
    ctx: &Ctx,
    pieces: &Compiled,
    state: &mut [u8],
    depth: usize,
) -> Result<(), String> {
    for p in pieces {
        if let Piece::Choice(alts) = p {
            for a in alts {
                walk(set, ctx, a, state, depth)?;
            }
            continue;
        }
        if let Piece::Slot(id) | Piece::Bound(id, _) = p {
            let name = &set.names[*id];
            match state[*id] {
                2 => continue,
                1 => return Err(format!("slot {{{name}}} refers to itself")),
                _ => {}
            }
            if depth >= MAX_DEPTH {
                return Err(format!(
                    "slot {{{name}}} nests deeper than {MAX_DEPTH} levels"
                ));
            }
            let (values, scope) = ctx
                .lookup(*id)
                .ok_or_else(|| format!("slot {{{name}}} is not defined"))?;
            state[*id] = 1;
            for v in values {
                walk(set, ctx, v, state, depth + 1)
                    .map_err(|m| format!("{m}, in a value of {{{name}}} from {}", scope.file))?;
            }
            state[*id] = 2;
        }
    }
    Ok(())
}
