//! Code generation: one unit struct per policy, implementing
//! `cors_runtime::Policy` with specialised `match` arms over byte strings and
//! `static` header values.

use cors_dsl::model::{
    ExposeHeaders, HostPattern, Methods, OriginList, OriginPattern, Origins, Policy, PortPattern,
    PreflightMode, RequestHeaders,
};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

/// Expands one validated policy. `name_span` is where the user wrote its
/// name (or the `include` that brought it in).
pub fn policy(policy: &Policy, name_span: Span) -> syn::Result<TokenStream> {
    let name = syn::Ident::new(&policy.name, name_span);
    let vis: syn::Visibility = syn::parse_str(&policy.visibility)
        .map_err(|e| syn::Error::new(name_span, format!("invalid visibility: {e}")))?;
    let docs = policy.docs.iter().map(|line| quote!(#[doc = #line]));

    let config = config(policy);
    let (origin_statics, match_origin) = match_origin(&policy.origins);
    let allows_method = match &policy.methods {
        Methods::Any => quote!({
            let _ = method;
            false
        }),
        Methods::List(methods) => any_of(quote!(method), methods),
    };
    let allows_request_header = match &policy.request_headers {
        RequestHeaders::Any { .. } => quote!({
            let _ = name;
            false
        }),
        RequestHeaders::List(names) => any_of(quote!(name), names),
    };

    Ok(quote_spanned! {name_span=>
        #(#docs)*
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default)]
        #vis struct #name;

        const _: () = {
            use ::cors_runtime::__private as __cors;
            #origin_statics
            static CONFIG: __cors::PolicyConfig = #config;

            impl __cors::Policy for #name {
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

fn optional_value(text: Option<String>) -> TokenStream {
    match text {
        Some(text) => {
            let value = const_value(&text);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn config(policy: &Policy) -> TokenStream {
    let origins = match &policy.origins {
        Origins::Any => quote!(__cors::OriginRule::Any),
        Origins::List(list) => {
            let exact = exact_origins(list);
            let patterns = (0..list.patterns.len()).map(|i| format_ident!("PATTERN_{}", i));
            quote!(__cors::OriginRule::Listed {
                max_len: __cors::origin_max_len(&[#(#exact),*], &[#(&#patterns),*]),
            })
        }
    };
    let credentials = policy.credentials;
    let methods = match policy.methods {
        Methods::Any => quote!(__cors::MethodRule::Any),
        Methods::List(_) => quote!(__cors::MethodRule::Listed),
    };
    let request_headers = match &policy.request_headers {
        RequestHeaders::Any { authorization } => {
            quote!(__cors::RequestHeaderRule::Any { authorization: #authorization })
        }
        RequestHeaders::List(names) => {
            quote!(__cors::request_header_rule(&[#(#names),*], __cors::header_list!(#(#names),*)))
        }
    };
    let expose_headers = match &policy.expose_headers {
        ExposeHeaders::Any => quote!(::core::option::Option::Some(
            __cors::ConstValue::from_static(__cors::EXPOSE_ANY)
        )),
        ExposeHeaders::List(names) => {
            quote!(__cors::expose_headers_value(&[#(#names),*], __cors::header_list!(#(#names),*)))
        }
    };
    let max_age = optional_value(policy.max_age.map(|seconds| seconds.to_string()));
    let private_network = policy.private_network;
    let preflight_status = policy.preflight_status;
    let preflight_status = quote!(__cors::preflight_status(#preflight_status));
    let preflight = match policy.preflight {
        PreflightMode::Respond => quote!(__cors::PreflightMode::Respond),
        PreflightMode::Forward => quote!(__cors::PreflightMode::Forward),
    };
    quote!(__cors::PolicyConfig {
        origins: #origins,
        credentials: #credentials,
        methods: #methods,
        request_headers: #request_headers,
        expose_headers: #expose_headers,
        max_age: #max_age,
        private_network: #private_network,
        preflight_status: #preflight_status,
        preflight: #preflight,
    })
}

/// The statics the origin matcher needs, and the body of `match_origin`.
fn match_origin(origins: &Origins) -> (TokenStream, TokenStream) {
    let list = match origins {
        // Never called: the decision core answers `*` itself.
        Origins::Any => {
            return (
                quote!(),
                quote!({
                    let _ = origin;
                    __cors::OriginMatch::Refused
                }),
            )
        }
        Origins::List(list) => list,
    };
    let mut statics = TokenStream::new();
    let mut arms = TokenStream::new();
    for (i, origin) in exact_origins(list).enumerate() {
        let ident = format_ident!("ORIGIN_{}", i);
        let value = const_value(origin);
        let bytes = Literal::byte_string(origin.as_bytes());
        statics.extend(quote!(static #ident: __cors::ConstValue = #value;));
        arms.extend(quote!(#bytes => __cors::OriginMatch::Constant(&#ident),));
    }
    let patterns: Vec<_> = (0..list.patterns.len())
        .map(|i| format_ident!("PATTERN_{}", i))
        .collect();
    for (ident, pattern) in patterns.iter().zip(&list.patterns) {
        let pattern = wildcard_pattern(pattern);
        statics.extend(quote!(static #ident: __cors::WildcardPattern<'static> = #pattern;));
    }
    let wildcard_arm = if patterns.is_empty() {
        quote!()
    } else {
        quote!(_ if #(#patterns.matches(origin))||* => __cors::OriginMatch::Echo,)
    };
    let body = quote!(match origin {
        #arms
        #wildcard_arm
        _ => __cors::OriginMatch::Refused,
    });
    (statics, body)
}

/// The origins answered with a constant: the exact entries, then `null`.
fn exact_origins(list: &OriginList) -> impl Iterator<Item = &str> {
    let exact = list.exact.iter().map(String::as_str);
    exact.chain(list.null.then_some("null"))
}

fn wildcard_pattern(pattern: &OriginPattern) -> TokenStream {
    let scheme = &pattern.scheme;
    let host = match &pattern.host {
        HostPattern::Exact(host) => quote!(__cors::WildcardHost::Exact(#host)),
        HostPattern::Subdomains(suffix) => quote!(__cors::WildcardHost::Subdomains(#suffix)),
    };
    let port = match pattern.port {
        PortPattern::Default => quote!(__cors::WildcardPort::Default),
        PortPattern::Exact(port) => {
            let port = port.to_string();
            quote!(__cors::WildcardPort::Exact(#port))
        }
        PortPattern::Any => quote!(__cors::WildcardPort::Any),
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
