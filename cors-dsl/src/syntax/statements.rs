//! The statement names of the language, their aliases, and "did you mean".

/// The statements a policy body can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum StatementKind {
    Origins,
    Methods,
    RequestHeaders,
    ExposeHeaders,
    Credentials,
    MaxAge,
    PrivateNetwork,
    PreflightStatus,
    Preflight,
    DangerouslyAllow,
}

impl StatementKind {
    /// Every statement, in the order of the language reference.
    pub(crate) const ALL: [StatementKind; 10] = [
        StatementKind::Origins,
        StatementKind::Methods,
        StatementKind::RequestHeaders,
        StatementKind::ExposeHeaders,
        StatementKind::Credentials,
        StatementKind::MaxAge,
        StatementKind::PrivateNetwork,
        StatementKind::PreflightStatus,
        StatementKind::Preflight,
        StatementKind::DangerouslyAllow,
    ];

    /// The name as written in policies.
    pub(crate) fn name(self) -> &'static str {
        match self {
            StatementKind::Origins => "origins",
            StatementKind::Methods => "methods",
            StatementKind::RequestHeaders => "request-headers",
            StatementKind::ExposeHeaders => "expose-headers",
            StatementKind::Credentials => "credentials",
            StatementKind::MaxAge => "max-age",
            StatementKind::PrivateNetwork => "private-network",
            StatementKind::PreflightStatus => "preflight-status",
            StatementKind::Preflight => "preflight",
            StatementKind::DangerouslyAllow => "dangerously-allow",
        }
    }

    /// The statement with this exact name.
    pub(crate) fn from_name(name: &str) -> Option<StatementKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What its values are, for messages: "the list of origins".
    pub(crate) fn list_description(self) -> &'static str {
        match self {
            StatementKind::Origins => "the list of origins",
            StatementKind::Methods => "the list of methods",
            StatementKind::RequestHeaders => "the list of request headers",
            StatementKind::ExposeHeaders => "the list of exposed headers",
            StatementKind::Credentials => "the `credentials` value",
            StatementKind::MaxAge => "the `max-age` value",
            StatementKind::PrivateNetwork => "the `private-network` value",
            StatementKind::PreflightStatus => "the `preflight-status` value",
            StatementKind::Preflight => "the `preflight` value",
            StatementKind::DangerouslyAllow => "the list of `dangerously-allow` opt-ins",
        }
    }
}

/// Names people write for a statement, from other CORS libraries and headers.
const ALIASES: &[(&str, StatementKind)] = &[
    ("allow-headers", StatementKind::RequestHeaders),
    ("allowed-headers", StatementKind::RequestHeaders),
    ("allow-request-headers", StatementKind::RequestHeaders),
    ("headers", StatementKind::RequestHeaders),
    (
        "access-control-allow-headers",
        StatementKind::RequestHeaders,
    ),
    ("max_age", StatementKind::MaxAge),
    ("maxage", StatementKind::MaxAge),
    ("access-control-max-age", StatementKind::MaxAge),
    ("allow-credentials", StatementKind::Credentials),
    (
        "access-control-allow-credentials",
        StatementKind::Credentials,
    ),
    ("supports-credentials", StatementKind::Credentials),
    ("allowed-origins", StatementKind::Origins),
    ("allow-origin", StatementKind::Origins),
    ("allow-origins", StatementKind::Origins),
    ("origin", StatementKind::Origins),
    ("access-control-allow-origin", StatementKind::Origins),
    ("allow-methods", StatementKind::Methods),
    ("allowed-methods", StatementKind::Methods),
    ("method", StatementKind::Methods),
    ("access-control-allow-methods", StatementKind::Methods),
    ("expose", StatementKind::ExposeHeaders),
    ("exposed-headers", StatementKind::ExposeHeaders),
    ("expose-header", StatementKind::ExposeHeaders),
    (
        "access-control-expose-headers",
        StatementKind::ExposeHeaders,
    ),
    ("allow-private-network", StatementKind::PrivateNetwork),
    ("dangerously-allows", StatementKind::DangerouslyAllow),
    ("allow", StatementKind::DangerouslyAllow),
];

/// The statement a mistyped name most likely meant.
pub(crate) fn suggest(written: &str) -> Option<StatementKind> {
    let normalized = written.to_ascii_lowercase().replace('_', "-");
    if let Some(kind) = StatementKind::from_name(&normalized) {
        return Some(kind);
    }
    if let Some((_, kind)) = ALIASES.iter().find(|(alias, _)| *alias == normalized) {
        return Some(*kind);
    }
    let mut best: Option<(usize, StatementKind)> = None;
    let candidates = StatementKind::ALL
        .iter()
        .map(|k| (k.name(), *k))
        .chain(ALIASES.iter().copied());
    for (name, kind) in candidates {
        let distance = edit_distance(&normalized, name);
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, kind));
        }
    }
    let limit = (normalized.chars().count() / 3).max(1);
    best.filter(|(d, _)| *d <= limit).map(|(_, k)| k)
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("allow-headers"),
            Some(StatementKind::RequestHeaders)
        );
        assert_eq!(suggest("max_age"), Some(StatementKind::MaxAge));
        assert_eq!(suggest("orgins"), Some(StatementKind::Origins));
        assert_eq!(suggest("Methods"), Some(StatementKind::Methods));
        assert_eq!(suggest("expose"), Some(StatementKind::ExposeHeaders));
        assert_eq!(suggest("zzzzzzzz"), None);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
