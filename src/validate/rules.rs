//! Per-record rules: each finding is an [`Issue`] of a [`Rule`] whose [`Severity`]
//! (error or warning) is fixed by the rule, never by matching message text.

use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How bad a finding is. Errors make a record invalid; warnings do not (unless
/// `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// Every record rule. The serialised name (snake_case) is the rule's id in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The record could not be read: invalid JSON on its line, invalid UTF-8, a line
    /// too long, a CSV row that cannot be decoded.
    Unreadable,
    /// Structure and types: not an object/row, a missing text or label field, a field
    /// of the wrong type.
    Structure,
    /// The text is empty or whitespace only.
    EmptyText,
    /// Fewer characters than the minimum (default 3).
    TextTooShort,
    /// More characters than the maximum (default 1000).
    TextTooLong,
    /// The label is not in the allowed set.
    LabelNotAllowed,
    /// Confidence outside [min, max] (default 0.3..=0.99).
    ConfidenceOutOfRange,
    /// audience, complexity or technical_level outside its allowed values.
    FieldValue,
    /// Too few distinct words for the text's length.
    LowWordDiversity,
    /// One word repeated more than the allowed number of times.
    RepeatedWord,
    /// None of the intent's keywords occurs in the text.
    KeywordMismatch,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 11] = [
        Rule::Unreadable,
        Rule::Structure,
        Rule::EmptyText,
        Rule::TextTooShort,
        Rule::TextTooLong,
        Rule::LabelNotAllowed,
        Rule::ConfidenceOutOfRange,
        Rule::FieldValue,
        Rule::LowWordDiversity,
        Rule::RepeatedWord,
        Rule::KeywordMismatch,
    ];

    /// Whether a finding of this rule is an error or a warning.
    pub fn severity(self) -> Severity {
        match self {
            Rule::LowWordDiversity | Rule::RepeatedWord | Rule::KeywordMismatch => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    /// The rule's id, as in reports (`text_too_long`).
    pub fn id(self) -> &'static str {
        match self {
            Rule::Unreadable => "unreadable",
            Rule::Structure => "structure",
            Rule::EmptyText => "empty_text",
            Rule::TextTooShort => "text_too_short",
            Rule::TextTooLong => "text_too_long",
            Rule::LabelNotAllowed => "label_not_allowed",
            Rule::ConfidenceOutOfRange => "confidence_out_of_range",
            Rule::FieldValue => "field_value",
            Rule::LowWordDiversity => "low_word_diversity",
            Rule::RepeatedWord => "repeated_word",
            Rule::KeywordMismatch => "keyword_mismatch",
        }
    }
}

/// One finding about one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub rule: Rule,
    pub message: String,
}

impl Issue {
    /// A finding of `rule`.
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        Issue {
            rule,
            message: message.into(),
        }
    }
}

/// The fields the rules look at, already extracted and type-checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub text: Option<String>,
    pub label: Option<String>,
    pub confidence: Option<f64>,
    pub audience: Option<String>,
    pub complexity: Option<String>,
    pub technical_level: Option<f64>,
    pub style: Option<String>,
    pub topic: Option<String>,
    /// Set for generated edge cases (typos, other languages ...): keyword alignment
    /// does not apply to them.
    pub edge_case: bool,
}

/// The settings of the record rules.
#[derive(Debug, Clone)]
pub struct RuleConfig {
    /// Shortest and longest text, in characters of the trimmed text.
    pub min_chars: usize,
    pub max_chars: usize,
    /// Allowed confidence range, inclusive.
    pub min_confidence: f64,
    pub max_confidence: f64,
    /// Allowed labels; `None` accepts any non-empty label.
    pub labels: Option<HashSet<String>>,
    /// Whether a missing label is a structure error.
    pub require_label: bool,
    /// Lowest unique-word ratio, checked on texts of at least `diversity_min_words` words.
    pub min_unique_ratio: f64,
    pub diversity_min_words: usize,
    /// Most times one (non-stopword) word may occur in a text.
    pub max_word_repeats: usize,
    /// Keywords per label, lowercased; a label without keywords is not checked.
    pub keywords: Option<HashMap<String, Vec<String>>>,
    /// Check audience, complexity and technical_level against the intent dataset's sets.
    pub intent_fields: bool,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig {
            min_chars: 3,
            max_chars: 1000,
            min_confidence: 0.3,
            max_confidence: 0.99,
            labels: None,
            require_label: true,
            min_unique_ratio: 0.4,
            diversity_min_words: 8,
            max_word_repeats: 8,
            keywords: None,
            intent_fields: false,
        }
    }
}

/// Words so common that repeating them says nothing about a text's diversity.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is", "it",
    "me", "my", "of", "on", "or", "that", "the", "this", "to", "was", "what", "with", "you",
    "your",
];

/// Lowercased words of `text` with surrounding punctuation removed.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// Applies the content rules to one record's fields, appending findings to `issues`.
pub fn check(fields: &Fields, cfg: &RuleConfig, issues: &mut Vec<Issue>) {
    check_prepared(fields, cfg, None, issues)
}

/// The keywords of `RuleConfig::keywords` prepared once per label: a substring
/// searcher per keyword (built once, not per record), and the lowercased text in a
/// reused buffer when it is ASCII. The verdict is the same: some keyword occurs in the
/// lowercased text.
#[derive(Debug, Clone, Default)]
pub struct KeywordMatchers {
    by_label: HashMap<String, Vec<memchr::memmem::Finder<'static>>>,
}

impl KeywordMatchers {
    /// Prepares every label's list.
    pub fn new(keywords: &HashMap<String, Vec<String>>) -> Self {
        let by_label = keywords
            .iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(label, list)| {
                let finders = list
                    .iter()
                    .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
                    .collect();
                (label.clone(), finders)
            })
            .collect();
        KeywordMatchers { by_label }
    }

    /// Whether some keyword of `label` occurs in the lowercased `text`; `None` when the
    /// label has no list.
    fn any_in(&self, label: &str, text: &str) -> Option<bool> {
        thread_local! {
            static LOWER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let finders = self.by_label.get(label)?;
        if !text.is_ascii() {
            let lower = text.to_lowercase();
            return Some(finders.iter().any(|f| f.find(lower.as_bytes()).is_some()));
        }
        Some(LOWER.with(|cell| {
            let mut lower = cell.borrow_mut();
            lower.clear();
            lower.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
            finders.iter().any(|f| f.find(&lower).is_some())
        }))
    }
}

/// [`check`] with the keyword lists compiled ([`KeywordMatchers`]); same findings.
pub fn check_prepared(
    fields: &Fields,
    cfg: &RuleConfig,
    matchers: Option<&KeywordMatchers>,
    issues: &mut Vec<Issue>,
) {
    check_prepared_words(fields, cfg, matchers, None, issues)
}

/// [`check_prepared`] given the text's [`word_hashes`] when already computed (`None`:
/// computed here); same findings.
pub fn check_prepared_words(
    fields: &Fields,
    cfg: &RuleConfig,
    matchers: Option<&KeywordMatchers>,
    words: Option<&[u64]>,
    issues: &mut Vec<Issue>,
) {
    if let Some(text) = &fields.text {
        check_text(text, cfg, words, issues);
        if let (Some(label), Some(keywords)) = (&fields.label, &cfg.keywords) {
            if !fields.edge_case && !text.trim().is_empty() {
                match matchers.and_then(|m| m.any_in(label, text)) {
                    Some(true) => {}
                    Some(false) => issues.push(keyword_mismatch(label)),
                    None => check_keywords(text, label, keywords, issues),
                }
            }
        }
    }
    match (&fields.label, &cfg.labels) {
        (Some(label), Some(allowed)) if !allowed.contains(label) => issues.push(Issue::new(
            Rule::LabelNotAllowed,
            format!("label \"{}\" is not in the allowed set", clip(label, 60)),
        )),
        (Some(label), _) if label.trim().is_empty() => {
            issues.push(Issue::new(Rule::LabelNotAllowed, "label is empty"))
        }
        _ => {}
    }
    if let Some(c) = fields.confidence {
        if !(cfg.min_confidence..=cfg.max_confidence).contains(&c) {
            issues.push(Issue::new(
                Rule::ConfidenceOutOfRange,
                format!(
                    "confidence {c} is outside [{}, {}]",
                    cfg.min_confidence, cfg.max_confidence
                ),
            ));
        }
    }
    if cfg.intent_fields {
        check_set(
            "audience",
            fields.audience.as_deref(),
            &crate::intents::AUDIENCES,
            issues,
        );
        check_set(
            "complexity",
            fields.complexity.as_deref(),
            &crate::intents::COMPLEXITIES,
            issues,
        );
        if let Some(t) = fields.technical_level {
            if !(1.0..=5.0).contains(&t) || t.fract() != 0.0 {
                issues.push(Issue::new(
                    Rule::FieldValue,
                    format!("technical_level {t} is not an integer 1-5"),
                ));
            }
        }
    }
}

fn check_set(name: &str, value: Option<&str>, allowed: &[&str], issues: &mut Vec<Issue>) {
    if let Some(v) = value {
        if !allowed.contains(&v) {
            issues.push(Issue::new(
                Rule::FieldValue,
                format!(
                    "{name} \"{}\" is not one of {}",
                    clip(v, 40),
                    allowed.join(", ")
                ),
            ));
        }
    }
}

fn check_text(text: &str, cfg: &RuleConfig, prepared: Option<&[u64]>, issues: &mut Vec<Issue>) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        let what = if text.is_empty() {
            "text is empty"
        } else {
            "text is whitespace only"
        };
        issues.push(Issue::new(Rule::EmptyText, what));
        return;
    }
    let chars = trimmed.chars().count();
    if chars < cfg.min_chars {
        issues.push(Issue::new(
            Rule::TextTooShort,
            format!("text is {chars} chars, fewer than {}", cfg.min_chars),
        ));
    }
    if chars > cfg.max_chars {
        issues.push(Issue::new(
            Rule::TextTooLong,
            format!("text is {chars} chars, more than {}", cfg.max_chars),
        ));
    }
    // Word diversity: skipped for texts far beyond the length limit (already an error,
    // and a 10 MB line should not be tokenised into a map).
    if chars > cfg.max_chars.saturating_mul(4).max(4096) {
        return;
    }
    // Words as lowercase hashes, sorted, so that runs are repeats: no per-word String.
    let mut hashes: Vec<u64> = match prepared {
        Some(w) => w.to_vec(),
        None => word_hashes(trimmed),
    };
    let total = hashes.len();
    hashes.sort_unstable();
    let stop = stopword_hashes();
    let (mut distinct, mut best) = (0usize, (0usize, 0u64));
    let mut i = 0;
    while i < hashes.len() {
        let mut j = i + 1;
        while j < hashes.len() && hashes[j] == hashes[i] {
            j += 1;
        }
        distinct += 1;
        if j - i > best.0 && !stop.contains(&hashes[i]) {
            best = (j - i, hashes[i]);
        }
        i = j;
    }
    if total >= cfg.diversity_min_words {
        let ratio = distinct as f64 / total as f64;
        if ratio < cfg.min_unique_ratio {
            issues.push(Issue::new(
                Rule::LowWordDiversity,
                format!(
                    "unique-word ratio {ratio:.2} ({distinct} of {total} words) is below {}",
                    cfg.min_unique_ratio
                ),
            ));
        }
    }
    let (n, h) = best;
    if n > cfg.max_word_repeats {
        let word = words(trimmed)
            .find(|w| crate::validate::metrics::DistinctCounter::token_hash(w) == h)
            .unwrap_or_default();
        issues.push(Issue::new(
            Rule::RepeatedWord,
            format!(
                "word \"{}\" occurs {n} times, more than {}",
                clip(&word, 40),
                cfg.max_word_repeats
            ),
        ));
    }
}

/// The words of a (trimmed) text as the word-diversity rules see them: split on
/// whitespace, ends trimmed of non-alphanumerics, empty ones dropped, each as the
/// lowercase `token_hash`.
pub fn word_hashes(trimmed: &str) -> Vec<u64> {
    if trimmed.is_ascii() {
        return ascii_word_hashes(trimmed);
    }
    let word_of = |w: &'_ str| -> Option<u64> {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        (!w.is_empty()).then(|| crate::validate::metrics::DistinctCounter::token_hash(w))
    };
    trimmed.split_whitespace().filter_map(word_of).collect()
}

/// The word hashes of an ASCII text as the general path computes them (split on
/// whitespace, ends trimmed of non-alphanumerics, lowercased, `token_hash`), in one pass
/// over the bytes.
fn ascii_word_hashes(text: &str) -> Vec<u64> {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, carriage
    // return, space.
    for tok in text
        .as_bytes()
        .split(|&b| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '))
    {
        let Some(start) = tok.iter().position(|b| b.is_ascii_alphanumeric()) else {
            continue;
        };
        let end = tok
            .iter()
            .rposition(|b| b.is_ascii_alphanumeric())
            .unwrap_or(start);
        let mut h = FNV_OFFSET;
        for &b in &tok[start..=end] {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        }
        out.push(h);
    }
    out
}

fn stopword_hashes() -> &'static [u64] {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        STOPWORDS
            .iter()
            .map(|w| crate::validate::metrics::DistinctCounter::token_hash(w))
            .collect()
    })
}

fn check_keywords(
    text: &str,
    label: &str,
    keywords: &HashMap<String, Vec<String>>,
    issues: &mut Vec<Issue>,
) {
    let Some(list) = keywords.get(label) else {
        return;
    };
    if list.is_empty() {
        return;
    }
    let lower = text.to_lowercase();
    if !list.iter().any(|k| lower.contains(k.as_str())) {
        issues.push(keyword_mismatch(label));
    }
}

fn keyword_mismatch(label: &str) -> Issue {
    Issue::new(
        Rule::KeywordMismatch,
        format!(
            "no keyword of intent \"{}\" occurs in the text",
            clip(label, 60)
        ),
    )
}

/// At most `max` characters of `s`, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(fields: &Fields, cfg: &RuleConfig) -> Vec<Rule> {
        let mut issues = Vec::new();
        check(fields, cfg, &mut issues);
        issues.into_iter().map(|i| i.rule).collect()
    }

    fn text(t: &str) -> Fields {
        Fields {
            text: Some(t.to_string()),
            label: Some("reasoning".into()),
            ..Fields::default()
        }
    }

    #[test]
    fn ascii_word_hashes_equal_the_general_path() {
        let general = |t: &str| -> Vec<u64> {
            t.split_whitespace()
                .filter_map(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    (!w.is_empty())
                        .then(|| crate::validate::metrics::DistinctCounter::token_hash(w))
                })
                .collect()
        };
        let every: String = (0u8..128).map(char::from).collect();
        for t in [
            "Hello, World!  (again)",
            "--- ... ???",
            "a\x0bb\x0cc\rd\ne\tf",
            "x\x1cy\x1fz",
            "it's 42% of C++ code",
            "",
            every.as_str(),
        ] {
            assert_eq!(ascii_word_hashes(t), general(t), "{t:?}");
        }
    }

    #[test]
    fn compiled_keywords_give_the_same_findings() {
        let mut kw = HashMap::new();
        kw.insert(
            "reasoning".to_string(),
            vec!["why".to_string(), "logic".to_string(), "é".to_string()],
        );
        kw.insert("other".to_string(), vec![]);
        let cfg = RuleConfig {
            keywords: Some(kw.clone()),
            ..RuleConfig::default()
        };
        let m = KeywordMatchers::new(&kw);
        for (t, label) in [
            ("Explain WHY the sky is blue", "reasoning"),
            ("pure LOGIC please", "reasoning"),
            ("nothing to see here", "reasoning"),
            ("CAFÉ culture today", "reasoning"),
            ("whatever text", "other"),
            ("whatever text", "unknown"),
        ] {
            let f = Fields {
                text: Some(t.to_string()),
                label: Some(label.to_string()),
                ..Fields::default()
            };
            let (mut a, mut b) = (Vec::new(), Vec::new());
            check(&f, &cfg, &mut a);
            check_prepared(&f, &cfg, Some(&m), &mut b);
            assert_eq!(a, b, "{t:?}");
        }
    }

    #[test]
    fn severities_are_fixed_by_rule() {
        assert_eq!(Rule::TextTooLong.severity(), Severity::Error);
        assert_eq!(Rule::KeywordMismatch.severity(), Severity::Warning);
        assert_eq!(Rule::RepeatedWord.severity(), Severity::Warning);
        assert_eq!(Rule::LowWordDiversity.severity(), Severity::Warning);
        assert_eq!(Rule::ALL.len(), 11);
    }

    #[test]
    fn empty_and_whitespace_text() {
        let cfg = RuleConfig::default();
        assert_eq!(fired(&text(""), &cfg), vec![Rule::EmptyText]);
        assert_eq!(fired(&text(" \t\n"), &cfg), vec![Rule::EmptyText]);
    }

    #[test]
    fn length_bounds_inclusive() {
        let cfg = RuleConfig::default();
        assert_eq!(fired(&text("ab"), &cfg), vec![Rule::TextTooShort]);
        assert!(fired(&text("abc"), &cfg).is_empty());
        assert!(fired(&text(&"x".repeat(1000)), &cfg).is_empty());
        assert_eq!(
            fired(&text(&"x".repeat(1001)), &cfg),
            vec![Rule::TextTooLong]
        );
        // Characters, not bytes.
        assert!(fired(&text("ééé"), &cfg).is_empty());
    }

    #[test]
    fn labels_and_confidence() {
        let cfg = RuleConfig {
            labels: Some(["reasoning".to_string()].into_iter().collect()),
            ..RuleConfig::default()
        };
        let mut f = text("why is the sky blue");
        assert!(fired(&f, &cfg).is_empty());
        f.label = Some("weather".into());
        assert_eq!(fired(&f, &cfg), vec![Rule::LabelNotAllowed]);
        f.label = Some("reasoning".into());
        f.confidence = Some(0.3);
        assert!(fired(&f, &cfg).is_empty());
        f.confidence = Some(0.995);
        assert_eq!(fired(&f, &cfg), vec![Rule::ConfidenceOutOfRange]);
        f.confidence = Some(0.29);
        assert_eq!(fired(&f, &cfg), vec![Rule::ConfidenceOutOfRange]);
    }

    #[test]
    fn word_diversity_and_repeats() {
        let cfg = RuleConfig::default();
        let low = "go go go go go go go stop stop";
        let rules = fired(&text(low), &cfg);
        assert!(rules.contains(&Rule::LowWordDiversity), "{rules:?}");
        let rep = "alpha beta gamma delta one two three four five six seven eight nine ten \
                   data data data data data data data data data";
        let rules = fired(&text(rep), &cfg);
        assert_eq!(rules, vec![Rule::RepeatedWord]);
        // Stopwords may repeat.
        let the = "the cat the dog the bird the fish the cow the pig the hen the rat the owl";
        assert!(fired(&text(the), &cfg).is_empty());
    }

    #[test]
    fn keyword_alignment() {
        let keywords = [(
            "reasoning".to_string(),
            vec!["why".to_string(), "explain".to_string()],
        )];
        let cfg = RuleConfig {
            keywords: Some(keywords.into_iter().collect()),
            ..RuleConfig::default()
        };
        assert!(fired(&text("Why is the sky blue"), &cfg).is_empty());
        assert_eq!(
            fired(&text("write me a poem"), &cfg),
            vec![Rule::KeywordMismatch]
        );
        let mut edge = text("write me a poem");
        edge.edge_case = true;
        assert!(fired(&edge, &cfg).is_empty());
        let mut other = text("write me a poem");
        other.label = Some("unlisted".into());
        assert!(fired(&other, &cfg).is_empty());
    }

    #[test]
    fn intent_field_sets() {
        let cfg = RuleConfig {
            intent_fields: true,
            ..RuleConfig::default()
        };
        let mut f = text("why is the sky blue");
        f.audience = Some("expert".into());
        f.complexity = Some("simple".into());
        f.technical_level = Some(3.0);
        assert!(fired(&f, &cfg).is_empty());
        f.audience = Some("aliens".into());
        f.technical_level = Some(7.0);
        assert_eq!(fired(&f, &cfg), vec![Rule::FieldValue, Rule::FieldValue]);
    }
}
