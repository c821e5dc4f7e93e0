//! Code generation: one unit struct per policy, implementing
//! `cors_runtime::Policy` by quoting the policy's [`Plan`] into `static`
//! header values and `match` arms over byte strings. Every decision about
//! what the values are was made when `cors-dsl` lowered the model into the
//! plan; this file only writes them down as Rust.

use cors_core::index::{arrange, host_key, EXACT_KIND};

/// Up to this many exact origins, `match_origin` is a `match` on their
/// bytes: rustc compiles it into the fastest lookup there is, but its build
/// time grows much faster than the list (about 1 s at 1,000 origins, about
/// 2 minutes at 10,000, measured in release). Longer lists are looked up in
/// the core's hash buckets, as the interpreter does.
const EXACT_MATCH_MAX: usize = 1024;
use cors_core::plan::{MethodsPlan, OriginListPlan, OriginsPlan, Plan, RequestHeadersPlan};
use cors_core::{
    PreflightMode, PreflightStatus, WebSocketMode, WildcardHost, WildcardPattern, WildcardPort,
};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

/// The declaration of one policy type: its name (spanned where the user
/// wrote it), visibility and docs.
pub struct Declaration<'a> {
    /// The identifier written after `policy`.
    pub name: &'a str,
    /// Where the user wrote it (or the `include` that brought it in).
    pub span: Span,
    /// The visibility as written.
    pub visibility: &'a str,
    /// The doc comment lines.
    pub docs: &'a [String],
}

/// Expands one valid policy: the unit struct and its `Policy` impl.
pub fn policy(declaration: &Declaration<'_>, plan: &Plan) -> syn::Result<TokenStream> {
    let header = unit_struct(declaration)?;
    let name = syn::Ident::new(declaration.name, declaration.span);
    let policy_name = declaration.name;
    let config = config(plan);
    let (origin_statics, match_origin) = match_origin(&plan.origins);
    let allows_method = match &plan.methods {
        MethodsPlan::Any => any_of(quote!(method), &[]),
        MethodsPlan::Listed(methods) => any_of(quote!(method), methods),
    };
    let allows_request_header = match &plan.request_headers {
        RequestHeadersPlan::Any { .. } => any_of(quote!(name), &[]),
        RequestHeadersPlan::Listed { names, .. } => any_of(quote!(name), names),
    };

    Ok(quote_spanned! {declaration.span=>
        #header

        const _: () = {
            use ::cors_runtime::__private as __cors;
            #origin_statics
            static CONFIG: __cors::PolicyConfig = #config;

            impl __cors::Policy for #name {
                #[inline]
                fn name(&self) -> &str {
                    #policy_name
                }

                #[inline]
                fn config(&self) -> &__cors::PolicyConfig {
                    &CONFIG
                }

                #[inline]
                fn match_origin(&self, origin: &[u8]) -> __cors::OriginMatch<'_> {
                    #match_origin
                }

                #[inline]
                fn allows_method(&self, method: &[u8]) -> bool {
                    #allows_method
                }

                #[inline]
                fn allows_request_header(&self, name: &[u8]) -> bool {
                    #allows_request_header
                }
            }
        };
    })
}

/// Expands the type of a policy that has errors: the unit struct and a
/// `Policy` impl that refuses every origin, so that code using it still
/// type-checks and the user sees only the real errors (which are emitted
/// beside it, so the crate never builds).
pub fn fallback(declaration: &Declaration<'_>) -> syn::Result<TokenStream> {
    let header = unit_struct(declaration)?;
    let name = syn::Ident::new(declaration.name, declaration.span);
    let policy_name = declaration.name;
    Ok(quote_spanned! {declaration.span=>
        #header

        const _: () = {
            use ::cors_runtime::__private as __cors;
            impl __cors::Policy for #name {
                fn name(&self) -> &str {
                    #policy_name
                }
                fn config(&self) -> &__cors::PolicyConfig {
                    ::core::unreachable!("a policy with errors does not compile")
                }
                fn match_origin(&self, _: &[u8]) -> __cors::OriginMatch<'_> {
                    __cors::OriginMatch::Refused
                }
                fn allows_method(&self, _: &[u8]) -> bool {
                    false
                }
                fn allows_request_header(&self, _: &[u8]) -> bool {
                    false
                }
            }
        };
    })
}

/// `#[doc] vis struct Name;` with the usual derives.
fn unit_struct(declaration: &Declaration<'_>) -> syn::Result<TokenStream> {
    let name = syn::Ident::new(declaration.name, declaration.span);
    let vis: syn::Visibility = syn::parse_str(declaration.visibility)
        .map_err(|e| syn::Error::new(declaration.span, format!("invalid visibility: {e}")))?;
    let docs = declaration.docs.iter().map(|line| quote!(#[doc = #line]));
    Ok(quote_spanned! {declaration.span=>
        #(#docs)*
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default)]
        #vis struct #name;
    })
}

/// `matches!(value, b"a" | b"b" | …)`, or `false` for an empty list.
fn any_of(value: TokenStream, items: &[String]) -> TokenStream {
    if items.is_empty() {
        return quote!({
            let _ = #value;
            false
        });
    }
    let items = items
        .iter()
        .map(|item| Literal::byte_string(item.as_bytes()));
    quote!(::core::matches!(#value, #(#items)|*))
}

fn const_value(text: &str) -> TokenStream {
    quote!(__cors::ConstValue::from_static(#text))
}

fn optional_value(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => {
            let value = const_value(text);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn config(plan: &Plan) -> TokenStream {
    let origins = match &plan.origins {
        OriginsPlan::Any => quote!(__cors::OriginRule::Any),
        OriginsPlan::Listed(list) => {
            let max_len = list.max_len;
            quote!(__cors::OriginRule::Listed { max_len: #max_len })
        }
    };
    let credentials = plan.credentials;
    let methods = match plan.methods {
        MethodsPlan::Any => quote!(__cors::MethodRule::Any),
        MethodsPlan::Listed(_) => quote!(__cors::MethodRule::Listed),
    };
    let request_headers = match &plan.request_headers {
        RequestHeadersPlan::Any { authorization } => {
            quote!(__cors::RequestHeaderRule::Any { authorization: #authorization })
        }
        RequestHeadersPlan::Listed {
            names,
            max_name_len,
            joined,
        } => {
            let count = names.len();
            let value = optional_value(joined.as_deref());
            quote!(__cors::RequestHeaderRule::Listed {
                count: #count,
                max_name_len: #max_name_len,
                value: #value,
            })
        }
    };
    let expose_headers = optional_value(plan.expose_headers.as_deref());
    let max_age = optional_value(plan.max_age.as_deref());
    let private_network = plan.private_network;
    let preflight_status = match plan.preflight_status {
        PreflightStatus::Ok => quote!(__cors::PreflightStatus::Ok),
        PreflightStatus::NoContent => quote!(__cors::PreflightStatus::NoContent),
    };
    let preflight = match plan.preflight {
        PreflightMode::Respond => quote!(__cors::PreflightMode::Respond),
        PreflightMode::Forward => quote!(__cors::PreflightMode::Forward),
    };
    let websocket = match plan.websocket {
        WebSocketMode::Unchecked => quote!(__cors::WebSocketMode::Unchecked),
        WebSocketMode::CheckOrigin => quote!(__cors::WebSocketMode::CheckOrigin),
    };
    quote!(__cors::PolicyConfig::__from_plan_parts(
        #origins,
        #credentials,
        #methods,
        #request_headers,
        #expose_headers,
        #max_age,
        #private_network,
        #preflight_status,
        #preflight,
        #websocket,
    ))
}

/// The statics the origin matcher needs, and the body of `match_origin`.
fn match_origin(origins: &OriginsPlan) -> (TokenStream, TokenStream) {
    let list: &OriginListPlan = match origins {
        // Never called: the decision core answers `*` itself.
        OriginsPlan::Any => {
            return (
                quote!(),
                quote!({
                    let _ = origin;
                    __cors::OriginMatch::Refused
                }),
            )
        }
        OriginsPlan::Listed(list) => list,
    };
    let mut statics = TokenStream::new();
    let mut arms = TokenStream::new();
    let mut lookup = TokenStream::new();
    if list.exact.len() <= EXACT_MATCH_MAX {
        // A `match` on the bytes: the fastest for a short list.
        for (i, origin) in list.exact.iter().enumerate() {
            let ident = format_ident!("ORIGIN_{}", i);
            let value = const_value(origin);
            let bytes = Literal::byte_string(origin.as_bytes());
            statics.extend(quote!(static #ident: __cors::ConstValue = #value;));
            arms.extend(quote!(#bytes => __cors::OriginMatch::Constant(&#ident),));
        }
    } else {
        // A long list: the core's hash buckets, as the interpreter holds
        // them (a `match` of thousands of arms takes minutes to compile).
        let mut origins = list.exact.clone();
        let starts = arrange(&mut origins, |o| (o.as_bytes(), EXACT_KIND));
        let count = origins.len();
        let buckets = starts.len();
        // One static per value: each is a constant evaluation of its own
        // (one array of 100,000 values is one evaluation, which rustc stops
        // as "taking a long time").
        let mut refs = Vec::with_capacity(count);
        for (i, origin) in origins.iter().enumerate() {
            let ident = format_ident!("ORIGIN_{}", i);
            let value = const_value(origin);
            statics.extend(quote!(static #ident: __cors::ConstValue = #value;));
            refs.push(quote!(&#ident));
        }
        statics.extend(quote!(
            static EXACT: [&__cors::ConstValue; #count] = [#(#refs),*];
            static EXACT_STARTS: [u32; #buckets] = [#(#starts),*];
        ));
        lookup = quote!(if let ::core::option::Option::Some(value) =
            __cors::find_exact(&EXACT, &EXACT_STARTS, origin)
        {
            return __cors::OriginMatch::Constant(value);
        });
    }
    let wildcard_arm = if list.patterns.is_empty() {
        quote!()
    } else {
        // Arranged in the core's hash buckets, with their starts.
        let mut patterns = list.patterns.clone();
        let starts = arrange(&mut patterns, host_key);
        let count = patterns.len();
        let buckets = starts.len();
        let patterns = patterns.iter().map(wildcard_pattern);
        statics.extend(quote!(
            static PATTERNS: [__cors::WildcardPattern; #count] = [#(#patterns),*];
            static PATTERN_STARTS: [u32; #buckets] = [#(#starts),*];
        ));
        quote!(_ if __cors::matches_any(&PATTERNS, &PATTERN_STARTS, origin) => __cors::OriginMatch::Echo,)
    };
    let body = quote!({
        #lookup
        match origin {
            #arms
            #wildcard_arm
            _ => __cors::OriginMatch::Refused,
        }
    });
    (statics, body)
}

fn wildcard_pattern(pattern: &WildcardPattern<String>) -> TokenStream {
    let scheme = &pattern.scheme;
    let host = match &pattern.host {
        WildcardHost::Exact(host) => quote!(__cors::WildcardHost::Exact(#host)),
        WildcardHost::Subdomains(suffix) => quote!(__cors::WildcardHost::Subdomains(#suffix)),
    };
    let port = match &pattern.port {
        WildcardPort::Default => quote!(__cors::WildcardPort::Default),
        WildcardPort::Exact(port) => quote!(__cors::WildcardPort::Exact(#port)),
        WildcardPort::Any => quote!(__cors::WildcardPort::Any),
    };
    quote!(__cors::WildcardPattern { scheme: #scheme, host: #host, port: #port })
}

/// `include_bytes!` of every policy file read, so that editing one rebuilds
/// the crate (cargo tracks the files `include_bytes!` reads).
pub fn track_files<'a>(paths: impl Iterator<Item = &'a str>) -> TokenStream {
    let paths = paths.map(|path| {
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    });
    let span = Span::call_site();
    quote_spanned!(span=> #(#paths)*)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `cors_policy!` emits for the policies of `text` (the block has
    /// no include, so nothing else is emitted).
    fn expansion(text: &str) -> String {
        let compiled = cors_dsl::compile_str("cors_policy!", text, None)
            .unwrap_or_else(|report| panic!("{report}"));
        let mut out = track_files(std::iter::empty());
        for policy in &compiled.policies {
            let declaration = Declaration {
                name: &policy.name,
                span: Span::call_site(),
                visibility: &policy.visibility,
                docs: &policy.docs,
            };
            out.extend(super::policy(&declaration, &cors_dsl::lower::plan(policy)).unwrap());
        }
        out.to_string()
    }

    /// Tests generate no run-time code: a block with test blocks expands to
    /// exactly the tokens of the same block without them.
    #[test]
    fn tests_expand_to_nothing() {
        let policy = r#"
            /// The API.
            pub policy Api {
                origins: "https://app.example.com", "https://*.example.org";
                methods: GET, PUT;
                request-headers: content-type;
                credentials: true;
            }
        "#;
        let tests = r#"
            test Api {
                allow GET from "https://app.example.com";
                allow preflight PUT from "https://a.example.org" with content-type;
                deny GET from "https://example.org" because origin;
            }
        "#;
        let without = expansion(policy);
        assert!(without.contains("Api"), "{without}");
        assert_eq!(expansion(&format!("{tests}{policy}")), without);
        assert_eq!(expansion(&format!("{policy}{tests}")), without);
    }
}
