//! Splits q source into tokens: strings, symbols, names, verbs, iterators, brackets; drops comments.
use number::number_chunk;
use number::numbers;

mod number;

use std::rc::Rc;

use super::value::{Adverb, Value};

/// One token kind.
#[derive(Clone, Debug)]
pub enum Tok {
    /// A numeric, boolean or byte literal (atom or vector).
    Num(Value),
    /// A literal q cannot yet evaluate here (temporal), kept to answer `'nyi`.
    Nyi(String),
    Str(Vec<u8>),
    /// One or more symbols; `true` when written as a vector (`` `a`b ``).
    Syms(Vec<Rc<str>>, bool),
    Name(String),
    Verb(String),
    /// A verb followed by `:` (`+:`): modify-assign.
    VerbAssign(String),
    Colon,
    DColon,
    Adverb(Adverb),
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Semi,
}

/// A token with its byte offset and whether whitespace came before it.
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub pos: usize,
    pub space: bool,
}

/// A lexing problem.
#[derive(Debug)]
pub struct LexError(pub String);

fn ends_noun(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Num(_)
            | Tok::Nyi(_)
            | Tok::Str(_)
            | Tok::Syms(..)
            | Tok::Name(_)
            | Tok::RParen
            | Tok::RBracket
            | Tok::RBrace
    )
}

/// Tokenise a whole source text (comments removed).
pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    let b = src.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut space = true;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\r' || c == b'\n' {
            if c == b'\n' {
                // a newline ends a statement only when the parser says so; here it is space
            }
            space = true;
            i += 1;
            continue;
        }
        // comments: `/` after whitespace or at the start
        if c == b'/' && space {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        let prev_noun = out.last().map(|t| ends_noun(&t.tok)).unwrap_or(false);
        let tok;
        if c.is_ascii_digit()
            || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit())
            || (c == b'-'
                && i + 1 < b.len()
                && (b[i + 1].is_ascii_digit()
                    || (b[i + 1] == b'.' && i + 2 < b.len() && b[i + 2].is_ascii_digit()))
                && (!prev_noun || space))
        {
            // one number, then any more separated by single spaces
            let mut parts: Vec<String> = Vec::new();
            let (s, ni) = number_chunk(b, i);
            parts.push(s);
            i = ni;
            loop {
                let mut j = i;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                if j == i || j >= b.len() {
                    break;
                }
                let d = b[j];
                let starts = d.is_ascii_digit()
                    || ((d == b'-' || d == b'.')
                        && j + 1 < b.len()
                        && (b[j + 1].is_ascii_digit()
                            || (d == b'-'
                                && b[j + 1] == b'.'
                                && j + 2 < b.len()
                                && b[j + 2].is_ascii_digit())));
                if !starts {
                    break;
                }
                let (s, nj) = number_chunk(b, j);
                parts.push(s);
                i = nj;
            }
            tok = numbers(&parts)?;
        } else if c == b'"' {
            let mut s = Vec::new();
            i += 1;
            loop {
                if i >= b.len() {
                    return Err(LexError("unterminated string".into()));
                }
                let d = b[i];
                if d == b'"' {
                    i += 1;
                    break;
                }
                if d == b'\\' && i + 1 < b.len() {
                    let e = b[i + 1];
                    i += 2;
                    match e {
                        b'n' => s.push(b'\n'),
                        b't' => s.push(b'\t'),
                        b'r' => s.push(b'\r'),
                        b'\\' => s.push(b'\\'),
                        b'"' => s.push(b'"'),
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            let mut k = 0;
                            while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                                v = v * 8 + (b[i] - b'0') as u32;
                                i += 1;
                                k += 1;
                            }
                            s.push(v as u8);
                        }
                        other => s.push(other),
                    }
                    continue;
                }
                s.push(d);
                i += 1;
            }
            tok = Tok::Str(s);
        } else if c == b'`' {
            let mut syms = Vec::new();
            while i < b.len() && b[i] == b'`' {
                i += 1;
                let st = i;
                let file = i < b.len() && b[i] == b':';
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'.'
                        || b[i] == b'_'
                        || (file && (b[i] == b':' || b[i] == b'/')))
                {
                    i += 1;
                }
                syms.push(Rc::from(String::from_utf8_lossy(&b[st..i]).as_ref()));
            }
            let vec = syms.len() > 1;
            tok = Tok::Syms(syms, vec);
        } else if c.is_ascii_alphabetic()
            || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_alphabetic())
        {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            // a trailing dot is not part of a name
            while i > start + 1 && b[i - 1] == b'.' {
                i -= 1;
            }
            tok = Tok::Name(String::from_utf8_lossy(&b[start..i]).into_owned());
        } else {
            i += 1;
            let next = b.get(i).copied();
            tok = match c {
                b'(' => Tok::LParen,
                b')' => Tok::RParen,
                b'[' => Tok::LBracket,
                b']' => Tok::RBracket,
                b'{' => Tok::LBrace,
                b'}' => Tok::RBrace,
                b';' => Tok::Semi,
                b'\'' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::Adverb(Adverb::Prior)
                    } else {
                        Tok::Adverb(Adverb::Each)
                    }
                }
                b'/' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::Adverb(Adverb::EachRight)
                    } else {
                        Tok::Adverb(Adverb::Over)
                    }
                }
                b'\\' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::Adverb(Adverb::EachLeft)
                    } else {
                        Tok::Adverb(Adverb::Scan)
                    }
                }
                b':' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::DColon
                    } else {
                        Tok::Colon
                    }
                }
                b'<' | b'>' if next == Some(b'=') || (c == b'<' && next == Some(b'>')) => {
                    i += 1;
                    let v = String::from_utf8_lossy(&b[start..i]).into_owned();
                    if b.get(i) == Some(&b':') && b.get(i + 1) != Some(&b':') {
                        i += 1;
                        Tok::VerbAssign(v)
                    } else {
                        Tok::Verb(v)
                    }
                }
                b'+' | b'-' | b'*' | b'%' | b'!' | b'&' | b'|' | b'<' | b'>' | b'=' | b'~'
                | b',' | b'^' | b'#' | b'_' | b'$' | b'?' | b'@' | b'.' => {
                    let v = (c as char).to_string();
                    if next == Some(b':') && b.get(i + 1) != Some(&b':') {
                        i += 1;
                        Tok::VerbAssign(v)
                    } else {
                        Tok::Verb(v)
                    }
                }
                _ => return Err(LexError(format!("unexpected character {:?}", c as char))),
            };
        }
        out.push(Token {
            tok,
            pos: start,
            space,
        });
        space = false;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_merge_and_negatives() {
        let t = lex("x-1 2 -3").unwrap();
        assert!(matches!(t[1].tok, Tok::Verb(ref v) if v == "-"));
        match &t[2].tok {
            Tok::Num(Value::Longs(v)) => assert_eq!(**v, vec![1, 2, -3]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn floats_and_bools() {
        match &lex("1 2.5").unwrap()[0].tok {
            Tok::Num(Value::Floats(v)) => assert_eq!(**v, vec![1.0, 2.5]),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            lex("101b").unwrap()[0].tok,
            Tok::Num(Value::Bools(_))
        ));
        assert!(matches!(
            lex("2020.01.01").unwrap()[0].tok,
            Tok::Num(Value::Tm(..))
        ));
    }
}
