//! The statements of the language: one table of what is known about each
//! (name, kind of values, one value or a list, how messages name them), the
//! names people write for them instead, and "did you mean".

use crate::suggest::closest;

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
    WebSocket,
    DangerouslyAllow,
}

/// What a statement's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// Origin strings, or the bare `*` or `null`.
    Origins,
    /// Method tokens, or `*`.
    Methods,
    /// Header names, or `*`.
    HeaderNames,
    /// `true` or `false`.
    Boolean,
    /// Seconds, or a number with `s`, `m` or `h`.
    Duration,
    /// `200` or `204`.
    Status,
    /// `respond` or `forward`.
    PreflightMode,
    /// `check-origin`.
    WebSocketMode,
    /// `dangerously-allow` names.
    OptIns,
}

/// What the language says about one statement.
struct Facts {
    /// The name as written in policies.
    name: &'static str,
    /// What its values are.
    values: ValueKind,
    /// It takes a list of values (otherwise exactly one).
    list: bool,
    /// Its values, for messages: "the list of origins".
    description: &'static str,
}

/// The facts of every statement, in the order of [`StatementKind`].
const FACTS: [Facts; 11] = [
    Facts {
        name: "origins",
        values: ValueKind::Origins,
        list: true,
        description: "the list of origins",
    },
    Facts {
        name: "methods",
        values: ValueKind::Methods,
        list: true,
        description: "the list of methods",
    },
    Facts {
        name: "request-headers",
        values: ValueKind::HeaderNames,
        list: true,
        description: "the list of request headers",
    },
    Facts {
        name: "expose-headers",
        values: ValueKind::HeaderNames,
        list: true,
        description: "the list of exposed headers",
    },
    Facts {
        name: "credentials",
        values: ValueKind::Boolean,
        list: false,
        description: "the `credentials` value",
    },
    Facts {
        name: "max-age",
        values: ValueKind::Duration,
        list: false,
        description: "the `max-age` value",
    },
    Facts {
        name: "private-network",
        values: ValueKind::Boolean,
        list: false,
        description: "the `private-network` value",
    },
    Facts {
        name: "preflight-status",
        values: ValueKind::Status,
        list: false,
        description: "the `preflight-status` value",
    },
    Facts {
        name: "preflight",
        values: ValueKind::PreflightMode,
        list: false,
        description: "the `preflight` value",
    },
    Facts {
        name: "websocket",
        values: ValueKind::WebSocketMode,
        list: false,
        description: "the `websocket` value",
    },
    Facts {
        name: "dangerously-allow",
        values: ValueKind::OptIns,
        list: true,
        description: "the list of `dangerously-allow` opt-ins",
    },
];

impl StatementKind {
    /// Every statement, in the order of the language reference.
    pub(crate) const ALL: [StatementKind; 11] = [
        StatementKind::Origins,
        StatementKind::Methods,
        StatementKind::RequestHeaders,
        StatementKind::ExposeHeaders,
        StatementKind::Credentials,
        StatementKind::MaxAge,
        StatementKind::PrivateNetwork,
        StatementKind::PreflightStatus,
        StatementKind::Preflight,
        StatementKind::WebSocket,
        StatementKind::DangerouslyAllow,
    ];

    /// The number of statements.
    pub(crate) const COUNT: usize = Self::ALL.len();

    fn facts(self) -> &'static Facts {
        &FACTS[self.index()]
    }

    /// The position of this statement in [`StatementKind::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The name as written in policies.
    pub(crate) fn name(self) -> &'static str {
        self.facts().name
    }

    /// The statement with this exact name.
    pub(crate) fn from_name(name: &str) -> Option<StatementKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What its values are.
    pub(crate) fn values(self) -> ValueKind {
        self.facts().values
    }

    /// It takes a list of values (otherwise exactly one).
    pub(crate) fn is_list(self) -> bool {
        self.facts().list
    }

    /// A set can stand for some of its values: `origins`, `methods`,
    /// `request-headers`, `expose-headers`.
    pub(crate) fn takes_sets(self) -> bool {
        matches!(
            self,
            StatementKind::Origins
                | StatementKind::Methods
                | StatementKind::RequestHeaders
                | StatementKind::ExposeHeaders
        )
    }

    /// What its values are, for messages: "the list of origins".
    pub(crate) fn list_description(self) -> &'static str {
        self.facts().description
    }
}

impl ValueKind {
    /// `(plural, hint)`: the values in a message ("durations are written
    /// without quotes") and how to write one.
    const fn text(self) -> (&'static str, &'static str) {
        match self {
            ValueKind::Origins => (
                "origins",
                "write origins in double quotes, or the bare `*` or `null`",
            ),
            ValueKind::Methods => ("methods", "write method names such as `GET, POST`"),
            ValueKind::HeaderNames => (
                "header names",
                "write header names such as `content-type, x-request-id`",
            ),
            ValueKind::Boolean => ("`true` and `false`", "write `true` or `false`"),
            ValueKind::Duration => (
                "durations",
                "write seconds such as `600`, or `30s`, `10m`, `2h`",
            ),
            ValueKind::Status => ("status codes", "write `200` or `204`"),
            ValueKind::PreflightMode => ("`respond` and `forward`", "write `respond` or `forward`"),
            ValueKind::WebSocketMode => ("`check-origin`", "write `check-origin`"),
            ValueKind::OptIns => (
                "opt-ins",
                "write `null-origin`, `insecure-origins` or `public-suffix-wildcards`",
            ),
        }
    }

    /// The values in a message: "durations", "`true` and `false`".
    pub(crate) fn plural(self) -> &'static str {
        self.text().0
    }

    /// How to write a value: "write `true` or `false`".
    pub(crate) fn hint(self) -> &'static str {
        self.text().1
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
    ("websockets", StatementKind::WebSocket),
    ("web-socket", StatementKind::WebSocket),
    ("dangerously-allows", StatementKind::DangerouslyAllow),
    ("allow", StatementKind::DangerouslyAllow),
];

/// The statement a name or alias stands for.
fn by_name_or_alias(name: &str) -> Option<StatementKind> {
    StatementKind::from_name(name).or_else(|| {
        ALIASES
            .iter()
            .find(|(alias, _)| *alias == name)
            .map(|(_, kind)| *kind)
    })
}

/// The statement a mistyped name most likely meant.
pub(crate) fn suggest(written: &str) -> Option<StatementKind> {
    let normalized = written.to_ascii_lowercase().replace('_', "-");
    if let Some(kind) = by_name_or_alias(&normalized) {
        return Some(kind);
    }
    let names = StatementKind::ALL
        .iter()
        .map(|k| k.name())
        .chain(ALIASES.iter().map(|(alias, _)| *alias));
    closest(&normalized, names).and_then(by_name_or_alias)
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
        assert_eq!(strsim::osa_distance("kitten", "sitting"), 3);
        assert_eq!(strsim::osa_distance("ab", "ba"), 1);
        assert_eq!(strsim::osa_distance("", "abc"), 3);
    }

    #[test]
    fn the_table_follows_the_enum() {
        for (i, kind) in StatementKind::ALL.into_iter().enumerate() {
            assert_eq!(kind.index(), i);
            assert_eq!(StatementKind::from_name(kind.name()), Some(kind));
        }
    }
}
