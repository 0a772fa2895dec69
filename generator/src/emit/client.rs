//! The `client` module: `Client`, its builder, and one method per operation.

use std::collections::BTreeMap;
use std::sync::Arc;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, doc_or};
use super::example_code::Examples;
use super::{client_methods, default_base_url, ident, type_tokens, CrateInfo, Part};
use crate::ir::{
    Api, BodyContent, Operation, Parameter, ParameterLocation, PathSegment, Response,
    ResponseMedia, SecurityKind, SecurityScheme, Server, SplitPlan, Status, Style, TypeKind,
    TypeRef,
};

/// Which client a `client` module holds.
#[derive(Debug, Clone, Copy)]
pub enum Shape<'a> {
    /// The whole crate's: each method makes its call.
    Whole,
    /// A split workspace's crate of one group of operations: the same
    /// methods, on a client the facade makes from its own core; no builder.
    Group,
    /// A split workspace's facade: the whole crate's client and builder,
    /// whose methods hand each call to the client of the operation's group
    /// crate, held in a field.
    Facade(&'a SplitPlan),
}

/// The whole `client` file: the client and its first methods, further blocks
/// of methods, and the builder, a part each.
pub fn client_rs<'a>(
    api: &'a Api,
    info: &CrateInfo,
    examples: Option<Arc<Examples<'a>>>,
    shape: Shape<'a>,
) -> Vec<Part<'a>> {
    let fields: Arc<BTreeMap<&str, &str>> = Arc::new(match shape {
        Shape::Facade(plan) => plan
            .groups
            .iter()
            .flat_map(|g| {
                g.operations
                    .iter()
                    .map(move |&i| (api.operations[i].id.as_str(), g.field.as_str()))
            })
            .collect(),
        Shape::Whole | Shape::Group => BTreeMap::new(),
    });
    let method = move |op: &Operation| {
        let delegate = fields.get(op.id.as_str()).map(|field| ident(field));
        method(api, op, examples.as_deref(), delegate.as_ref())
    };
    let (main, gated) = client_methods(api, method.clone());
    let user_agent = format!("{}/{}", info.name, info.version);
    let head = Part::new(move || {
        let methods: TokenStream = main.iter().map(|op| method(op)).collect();
        match shape {
            Shape::Group => group_head(api, methods),
            Shape::Whole | Shape::Facade(_) => client_head(api, &user_agent, methods, shape),
        }
    });
    let mut parts = vec![head];
    parts.extend(gated);
    if !matches!(shape, Shape::Group) {
        parts.push(Part::new(move || builder(api, shape)));
    }
    parts
}

/// How the client is made from a core (`core` names it): a facade's also
/// makes the client of each group crate from it.
fn from_core(shape: Shape<'_>, core: TokenStream) -> TokenStream {
    match shape {
        Shape::Facade(_) => quote!(Client::from_core(#core)),
        Shape::Whole | Shape::Group => quote!(Client { core: #core }),
    }
}

/// A facade's fields holding the clients of the group crates, and the
/// function that makes them from a core; each is there when its crate is.
fn facade_parts(plan: &SplitPlan) -> (TokenStream, TokenStream) {
    let mut fields = TokenStream::new();
    let mut made = TokenStream::new();
    for group in &plan.groups {
        let field = ident(&group.field);
        let lib = ident(&crate::naming::lib_name(&group.crate_name));
        let gate = super::gate(&group.enabled_by);
        fields.extend(quote! {
            #gate
            #field: #lib::Client,
        });
        made.extend(quote! {
            #gate
            #field: #lib::Client::from_core(core.clone()),
        });
    }
    let make = quote! {
        /// The client over `core`, and the group crates' clients over
        /// copies of it.
        fn from_core(core: super::runtime::call::Core) -> Self {
            Client { #made core }
        }
    };
    (fields, make)
}

/// A group crate's `client` module: its `Client` and the methods of its
/// operations.
fn group_head(api: &Api, methods: TokenStream) -> TokenStream {
    let follow_link = follow_link(api);
    let lints = lint_allows();
    quote! {
        #![doc = " The client of this crate's operations: the facade crate's `Client` hands each"]
        #![doc = " call of them to one."]
        #lints

        /// Makes the calls of this crate's operations.
        #[derive(Clone, Debug)]
        pub struct Client {
            core: super::runtime::call::Core,
        }

        impl Client {
            /// A client whose calls go through `core`: the facade client's.
            #[doc(hidden)]
            pub fn from_core(core: super::runtime::call::Core) -> Self {
                Client { core }
            }

            #methods
        }

        #follow_link
    }
}

/// The lints a `client` module allows, and why: each method's request and
/// reply are made by functions (see `runtime::pending`) that return the
/// operation's `Error`, large because it keeps a failed call's status,
/// headers and body for the caller (boxing it in them alone would only add a
/// step); a method's type names the spec's own types, which nested maps make
/// "complex".
fn lint_allows() -> TokenStream {
    quote!(#![allow(clippy::result_large_err, clippy::type_complexity)])
}

/// Pages that follow `Link` headers send the next call to the URL given,
/// through the client's core (which refuses another origin).
fn follow_link(api: &Api) -> Option<TokenStream> {
    api.has_linked_pages().then(|| {
        quote! {
            impl super::runtime::paginate::FollowLink for Client {
                fn following(&self, url: &str) -> Result<Self, super::runtime::error::InvalidRequest> {
                    Ok(Client { core: self.core.following(url)? })
                }
            }
        }
    })
}

/// The constants, `Client` and its main `impl` block holding `methods`.
fn client_head(api: &Api, user_agent: &str, methods: TokenStream, shape: Shape<'_>) -> TokenStream {
    let client_doc = format!(" A client of the {}.", api_name(api));
    // Without a server in the spec there is no default to name: `build`
    // fails until `base_url` is set.
    let (default_const, start, builder_doc) = match default_base_url(api) {
        Some(url) => (
            quote! {
                /// The base URL a new client sends requests to.
                pub const DEFAULT_BASE_URL: &str = #url;
            },
            quote!(DEFAULT_BASE_URL),
            " Starts building a client that talks to [`DEFAULT_BASE_URL`].",
        ),
        None => (
            TokenStream::new(),
            quote!(""),
            " Starts building a client. The API lists no server: set one with \
             [`ClientBuilder::base_url`], or `build` fails with \
             [`BuildError::NoBaseUrl`](crate::BuildError::NoBaseUrl).",
        ),
    };
    let servers = api.servers.iter().map(server_tokens);
    // A facade's pages are its group crates'. Its debug output shows the
    // core once, as the unsplit crate's does, not again in each group's
    // client.
    let (follow_link, group_fields, make, debug) = match shape {
        Shape::Facade(plan) => {
            let (fields, make) = facade_parts(plan);
            let debug = quote! {
                impl std::fmt::Debug for Client {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.debug_struct("Client").field("core", &self.core).finish()
                    }
                }
            };
            (None, fields, make, Some(debug))
        }
        Shape::Whole | Shape::Group => (
            follow_link(api),
            TokenStream::new(),
            TokenStream::new(),
            None,
        ),
    };
    let derives = match debug {
        Some(_) => quote!(#[derive(Clone)]),
        None => quote!(#[derive(Clone, Debug)]),
    };
    let timeout = from_core(shape, quote!(self.core.with_timeout(timeout)));
    let retry = from_core(shape, quote!(self.core.with_retry(policy)));
    let header = from_core(shape, quote!(self.core.with_header(name, value)));
    let lints = lint_allows();
    quote! {
        #![doc = " The API client: one method per operation, whose call is awaited."]
        #lints

        #default_const

        /// The `User-Agent` header a new client sends.
        pub const USER_AGENT: &str = #user_agent;

        /// The servers the API lists: [`ClientBuilder::server`] picks one,
        /// [`ClientBuilder::server_variable`] fills in its variables.
        pub const SERVERS: &[super::runtime::call::Server] = &[#(#servers),*];

        #[doc = #client_doc]
        ///
        /// Build one with [`Client::builder`]; clones share one connection pool.
        #derives
        pub struct Client {
            #group_fields
            core: super::runtime::call::Core,
        }

        #debug

        /// Builds a [`Client`]: the base URL, the credentials of each security
        /// scheme, and optionally a `reqwest::Client` of your own.
        #[derive(Clone, Debug)]
        pub struct ClientBuilder {
            inner: super::runtime::call::CoreBuilder,
        }

        impl Client {
            #[doc = #builder_doc]
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: super::runtime::call::CoreBuilder::new(#start, USER_AGENT)
                        .servers(SERVERS),
                }
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            /// A copy whose calls give up on each try after `timeout`. Copies
            /// share the connection pool and cached tokens.
            pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
                #timeout
            }

            /// A copy whose calls retry as `policy` says.
            pub fn with_retry(&self, policy: super::runtime::retry::RetryPolicy) -> Self {
                #retry
            }

            /// A copy whose calls also send header `name: value` (kept out of
            /// debug output). A name or value a header cannot carry makes
            /// each call of the copy fail with `Error::InvalidRequest`, unsent.
            pub fn with_header(&self, name: &str, value: &str) -> Self {
                #header
            }

            #make

            #methods
        }

        #follow_link
    }
}

/// `ClientBuilder`'s methods.
fn builder(api: &Api, shape: Shape<'_>) -> TokenStream {
    let build = from_core(shape, quote!(self.inner.build()?));
    let servers_doc = servers_doc(api);
    let setters = api.security_schemes.iter().map(setter);
    let base_url_doc = if api.servers.is_empty() {
        " Sends requests to `url`: the API lists no server, so a client needs one."
    } else {
        " Sends requests to `url` instead of [`DEFAULT_BASE_URL`]."
    };
    quote! {
        impl ClientBuilder {
            #[doc = #base_url_doc]
            ///
            #servers_doc
            pub fn base_url(self, url: impl Into<String>) -> Self {
                ClientBuilder { inner: self.inner.base_url(url) }
            }

            /// Sends requests to the server at `index` in [`SERVERS`] (the first
            /// by default), its variables at their defaults unless set with
            /// `server_variable`. A `base_url` set by hand wins.
            pub fn server(self, index: usize) -> Self {
                ClientBuilder { inner: self.inner.server(index) }
            }

            /// Sets variable `name` of the chosen server's URL to `value`;
            /// `build` fails when the server has no such variable or does
            /// not allow the value.
            pub fn server_variable(
                self,
                name: impl Into<String>,
                value: impl Into<String>,
            ) -> Self {
                ClientBuilder { inner: self.inner.server_variable(name, value) }
            }

            /// Sends requests through `client` (set up with your own proxies, TLS
            /// roots or timeouts) instead of a new one.
            pub fn http_client(self, client: reqwest::Client) -> Self {
                ClientBuilder { inner: self.inner.http_client(client) }
            }

            /// Refuses response bodies longer than `bytes` (default 64 MiB) with
            /// `Error::BodyTooLarge` instead of reading them into memory.
            pub fn max_response_bytes(self, bytes: usize) -> Self {
                ClientBuilder { inner: self.inner.max_response_bytes(bytes) }
            }

            /// Retries as `policy` says. By default a call is tried up to three
            /// times when the connection fails or the server answers 429 or 503
            /// (after its `Retry-After`, else an exponential backoff with
            /// jitter), for idempotent methods only; `RetryPolicy::none()`
            /// turns retrying off.
            pub fn retry(self, policy: super::runtime::retry::RetryPolicy) -> Self {
                ClientBuilder { inner: self.inner.retry(policy) }
            }

            /// Gives up on each try of a call after `timeout` (none by default).
            pub fn timeout(self, timeout: std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.timeout(timeout) }
            }

            /// Gives up connecting after `timeout` (default 10 s); with
            /// `http_client`, set it on that client instead.
            pub fn connect_timeout(self, timeout: std::time::Duration) -> Self {
                ClientBuilder { inner: self.inner.connect_timeout(timeout) }
            }

            /// Calls `hook` with each request just before it is sent (each try),
            /// to change it (sign it, add a header) or to trace it.
            pub fn on_request(
                self,
                hook: impl Fn(&mut reqwest::Request) + Send + Sync + 'static,
            ) -> Self {
                ClientBuilder { inner: self.inner.on_request(hook) }
            }

            /// Calls `hook` with each response as it arrives, before its body is
            /// read.
            pub fn on_response(
                self,
                hook: impl Fn(&reqwest::Response) + Send + Sync + 'static,
            ) -> Self {
                ClientBuilder { inner: self.inner.on_response(hook) }
            }

            #(#setters)*

            /// Builds the client.
            ///
            /// # Errors
            ///
            /// When the base URL is not an absolute URL, or the HTTP client cannot
            /// be set up.
            pub fn build(self) -> Result<Client, super::runtime::error::BuildError> {
                Ok(#build)
            }
        }
    }
}

fn api_name(api: &Api) -> String {
    if api.title.trim().is_empty() {
        "API".to_owned()
    } else {
        api.title.trim().to_owned()
    }
}

/// One entry of `SERVERS`.
fn server_tokens(server: &Server) -> TokenStream {
    let url = &server.template;
    let description = server.description.as_deref().unwrap_or("").trim();
    let variables = server.variables.iter().map(|variable| {
        let (name, default, values) = (&variable.name, &variable.default, &variable.values);
        quote! {
            super::runtime::call::ServerVariable {
                name: #name,
                default: #default,
                values: &[#(#values),*],
            }
        }
    });
    quote! {
        super::runtime::call::Server {
            url: #url,
            description: #description,
            variables: &[#(#variables),*],
        }
    }
}

/// The list of the spec's servers, for the docs of `base_url`.
fn servers_doc(api: &Api) -> TokenStream {
    if api.servers.len() < 2 {
        return TokenStream::new();
    }
    let mut text = String::from("The servers the API lists:\n");
    for server in &api.servers {
        match &server.description {
            Some(description) => {
                text.push_str(&format!("- `{}`: {}\n", server.url, description.trim()))
            }
            None => text.push_str(&format!("- `{}`\n", server.url)),
        }
    }
    doc_attrs(&text)
}

/// The builder setter of one security scheme, named after its key.
fn setter(scheme: &SecurityScheme) -> TokenStream {
    let name = ident(&scheme.setter);
    let key = &scheme.key;
    let (fallback, params, credential) = match &scheme.kind {
        SecurityKind::Bearer => (
            format!("Sends `token` as a bearer token (security scheme `{key}`)."),
            quote!(token: impl Into<String>),
            quote!(Bearer(super::runtime::auth::Secret::new(token))),
        ),
        SecurityKind::OAuth2 { token_url } => {
            let (fallback, bound) = match token_url {
                Some(url) => (
                    format!(
                        "Sets the OAuth 2.0 credential of security scheme `{key}`: \
                         `OAuth2::client_credentials(id, secret)` (the client fetches, \
                         caches and renews tokens from `{url}`), `OAuth2::token(…)` (or \
                         a plain string), or `OAuth2::provider(…)`."
                    ),
                    quote!(Some(#url)),
                ),
                None => (
                    format!(
                        "Sets the OAuth 2.0 credential of security scheme `{key}`: \
                         `OAuth2::token(…)` (or a plain string) or `OAuth2::provider(…)` \
                         (the scheme declares no client-credentials flow for the client \
                         to run)."
                    ),
                    quote!(None),
                ),
            };
            let docs = doc_or(scheme.doc.as_deref(), &fallback);
            return quote! {
                #docs
                pub fn #name(self, credential: impl Into<super::runtime::oauth2::OAuth2>) -> Self {
                    ClientBuilder {
                        inner: self.inner.credential(
                            #key,
                            super::runtime::auth::Credential::OAuth2(credential.into().bind(#bound)),
                        ),
                    }
                }
            };
        }
        SecurityKind::Basic => (
            format!("Sends HTTP basic credentials (security scheme `{key}`)."),
            quote!(username: impl Into<String>, password: impl Into<String>),
            quote!(Basic {
                username: username.into(),
                password: super::runtime::auth::Secret::new(password),
            }),
        ),
        SecurityKind::ApiKeyHeader(header) => (
            format!("Sends `key` in the `{header}` header (security scheme `{key}`)."),
            quote!(key: impl Into<String>),
            quote!(ApiKeyHeader {
                name: #header,
                value: super::runtime::auth::Secret::new(key),
            }),
        ),
        SecurityKind::ApiKeyQuery(param) => (
            format!("Sends `key` as the `{param}` query parameter (security scheme `{key}`)."),
            quote!(key: impl Into<String>),
            quote!(ApiKeyQuery {
                name: #param,
                value: super::runtime::auth::Secret::new(key),
            }),
        ),
        SecurityKind::ApiKeyCookie(cookie) => (
            format!("Sends `key` as the `{cookie}` cookie (security scheme `{key}`)."),
            quote!(key: impl Into<String>),
            quote!(ApiKeyCookie {
                name: #cookie,
                value: super::runtime::auth::Secret::new(key),
            }),
        ),
    };
    let docs = doc_or(scheme.doc.as_deref(), &fallback);
    quote! {
        #docs
        pub fn #name(self, #params) -> Self {
            ClientBuilder {
                inner: self.inner.credential(#key, super::runtime::auth::Credential::#credential),
            }
        }
    }
}

/// One operation's method.
/// One operation's methods. With `delegate` (a split workspace's facade),
/// each hands the call to the client in that field, whose methods these are.
fn method(
    api: &Api,
    op: &Operation,
    examples: Option<&Examples<'_>>,
    delegate: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let name = ident(&op.method_name);
    let request_type = ident(&op.request_type);
    let deprecated = super::models::deprecated_attr(op.deprecated);
    let docs = method_docs(api, op, examples);
    let docs = quote!(#docs #deprecated);
    let success = outcome_tokens(op.success.as_ref());
    let error = outcome_tokens(op.error.as_ref());
    let http_method = ident(op.method.as_str());
    let path = path_expr(op);
    let query = query_tokens(op);
    let headers = params_in(
        op,
        ParameterLocation::Header,
        |name, value, text| quote!(super::runtime::encode::header(builder, #name, #value, #text)?),
    );
    // One `Cookie` header per parameter; the runtime joins them (and an API
    // key sent as a cookie) into the one header RFC 6265 allows.
    let cookies = params_in(
        op,
        ParameterLocation::Cookie,
        |name, value, text| quote!(super::runtime::encode::cookie(builder, #name, #value, #text)?),
    );
    // The media types the responses document, JSON first: without it a
    // server may answer in a media type the client cannot read.
    let accept = op
        .accept
        .as_deref()
        .map(|accept| quote!(let builder = builder.header(reqwest::header::ACCEPT, #accept);));
    let default_encoding = match op.body.as_ref().map(|b| &b.send_as) {
        Some(BodyContent::FormUrlEncoded) => quote!(super::runtime::call::BodyEncoding::Form),
        _ => quote!(super::runtime::call::BodyEncoding::Json),
    };
    let endpoint = endpoint_tokens(op);
    let key = undeclared_key(op);
    let argument = op
        .takes_request()
        .then(|| quote!(request: super::operations::#request_type,));
    let encoding_method = op.encoding_method.as_deref().map(ident);
    // An operation that answers only a stream returns it; one that answers
    // JSON or a stream gets a twin that asks for the stream.
    let stream = op
        .streaming
        .as_ref()
        .map(|s| (s, super::paging::stream_read(op, s)));
    let (returns, reading) = match &stream {
        Some((streaming, read)) if streaming.twin.is_none() => {
            let ty = &read.ty;
            (
                quote!(Result<#ty, super::runtime::error::Error<#error>>),
                Some(&read.read),
            )
        }
        _ => (
            quote! {
                Result<
                    super::runtime::response::ApiResponse<#success>,
                    super::runtime::error::Error<#error>,
                >
            },
            None,
        ),
    };
    // The line that sends and waits, then the match on the status.
    let answer = |reading: Option<&TokenStream>| {
        let send = send_tokens(op, reading, &endpoint);
        let arms = status_arms(api, op, reading);
        quote!(#send #arms)
    };
    // A method that builds its request without waiting and reads its answer
    // whole is a plain function handing both steps to the runtime (see
    // `runtime::pending`); the rest are `async fn`s.
    let pending = reads_whole(op, reading) && !body_awaits(op);
    let returns = if pending {
        quote!(super::runtime::pending::Pending<'_, #success, #error>)
    } else {
        returns
    };
    let (body, encoding_param) = match &encoding_method {
        Some(_) => (
            body_tokens(api, op, &quote!(encoding)),
            quote!(encoding: super::runtime::call::BodyEncoding,),
        ),
        None => (body_tokens(api, op, &default_encoding), TokenStream::new()),
    };
    // An operation with servers of its own is sent to the first of them.
    let request = |core: TokenStream| match op.servers.first() {
        None => quote!(#core.request(reqwest::Method::#http_method, #path, &query)),
        Some(server) => {
            let server = server_tokens(server);
            quote!(#core.request_on(&#server, reqwest::Method::#http_method, #path, &query))
        }
    };
    let build = |core: TokenStream, accept: &Option<TokenStream>, body: &TokenStream| {
        let request = request(core);
        quote! {
            #query
            let builder = #request;
            #accept
            #(#headers)*
            #key
            #(#cookies)*
            #body
        }
    };
    let call = |accept: &Option<TokenStream>, body: &TokenStream, reading: Option<&TokenStream>| {
        let build = build(quote!(self.core), accept, body);
        let answer = answer(reading);
        quote!(#build #answer)
    };
    // The plain function's body: the request built by a function of the core
    // and the method's argument, the answer read by one of the reply, both
    // handed to the runtime as function pointers. They are functions, not
    // closures: a closure made a function pointer costs a shim of its own
    // (`FnOnce::call_once`), two per operation.
    // The method's arguments go to the first as one value: the request, with
    // the body's encoding where the method takes one.
    let exchange = |body: &TokenStream, encoding: bool| {
        let build = build(quote!(core), &accept, body);
        let arms = status_arms(api, op, None);
        // The method's argument and its type (`()` for an operation that
        // takes none).
        let (argument, argument_type) = if op.takes_request() {
            (quote!(request), quote!(super::operations::#request_type))
        } else {
            (quote!(()), quote!(()))
        };
        // The same tokens pass the value and, in the build function, take
        // it apart again (but `()`, taken as `_`).
        let (value, pattern, value_type) = match (encoding, op.takes_request()) {
            (true, _) => (
                quote!((#argument, encoding)),
                quote!((#argument, encoding)),
                quote!((#argument_type, super::runtime::call::BodyEncoding)),
            ),
            (false, true) => (argument.clone(), argument, argument_type),
            (false, false) => (argument, quote!(_), argument_type),
        };
        quote! {
            fn build(
                core: &super::runtime::call::Core,
                #pattern: #value_type,
            ) -> Result<reqwest::RequestBuilder, super::runtime::error::Error<#error>> {
                #build
                Ok(builder)
            }
            fn decode(
                response: super::runtime::call::FullReply,
            ) -> super::runtime::pending::Outcome<#success, #error> {
                #arms
            }
            self.core.exchange(#value, build, &#endpoint, decode)
        }
    };
    let paging = super::paging::pagination_methods(op, delegate);
    let request_arg = op.takes_request().then(|| quote!(request,));
    // The signature of a method and its body, or, delegating, a method
    // returning the group crate's future.
    let define = |name: &proc_macro2::Ident,
                  params: TokenStream,
                  returns: &TokenStream,
                  body: TokenStream,
                  args: TokenStream,
                  pending: bool| match (delegate, pending) {
        (None, false) => quote! {
            pub async fn #name(&self, #params) -> #returns {
                #body
            }
        },
        (None, true) => quote! {
            pub fn #name(&self, #params) -> #returns {
                #body
            }
        },
        (Some(field), false) => quote! {
            pub fn #name(&self, #params) -> impl std::future::Future<Output = #returns> + '_ {
                self.#field.#name(#args)
            }
        },
        (Some(field), true) => quote! {
            pub fn #name(&self, #params) -> #returns {
                self.#field.#name(#args)
            }
        },
    };
    let twin = stream.as_ref().and_then(|(streaming, read)| {
        let twin = ident(streaming.twin.as_deref()?);
        let accept = &streaming.accept;
        let accept = Some(quote!(let builder = builder.header(reqwest::header::ACCEPT, #accept);));
        let body = body_tokens(api, op, &default_encoding);
        let call = call(&accept, &body, Some(&read.read));
        let ty = &read.ty;
        let docs = doc_attrs(&format!(
            "[`{name}`](Self::{name}) asking for its answer as a stream (`Accept: {media}`), \
             read as it arrives.{hint}\n\n# Errors\n\nAs [`{name}`](Self::{name})'s; an \
             answer in another media type is `Error::Decode`, with its body.",
            name = op.method_name.trim_start_matches("r#"),
            media = streaming.media_type,
            hint = if op.body.is_some() {
                " The request's body must ask for it too where the API says so (a `stream` \
                 property set to `true`)."
            } else {
                ""
            },
        ));
        let returns = quote!(Result<#ty, super::runtime::error::Error<#error>>);
        let method = define(
            &twin,
            quote!(#argument),
            &returns,
            call,
            quote!(#request_arg),
            false,
        );
        Some(quote! {
            #docs
            #deprecated
            #method
        })
    });
    let extras = quote!(#paging #twin);
    let takes_encoding = encoding_method.is_some();
    let made = |body: &TokenStream| {
        if pending {
            exchange(body, takes_encoding)
        } else {
            call(&accept, body, reading)
        }
    };
    let Some(encoding_method) = encoding_method else {
        let method = define(
            &name,
            quote!(#argument),
            &returns,
            made(&body),
            quote!(#request_arg),
            pending,
        );
        return quote! {
            #docs
            #method

            #extras
        };
    };
    let as_docs = doc_attrs(&format!(
        "[`{0}`](Self::{0}) with the body sent as `encoding`: the operation takes it \
         as JSON (the default) or as a form (`application/x-www-form-urlencoded`).",
        op.method_name.trim_start_matches("r#")
    ));
    let wait = (!pending).then(|| quote!(.await));
    let main = define(
        &name,
        quote!(#argument),
        &returns,
        quote!(self.#encoding_method(request, #default_encoding) #wait),
        quote!(#request_arg),
        pending,
    );
    let with_encoding = define(
        &encoding_method,
        quote!(#argument #encoding_param),
        &returns,
        made(&body),
        quote!(#request_arg encoding),
        pending,
    );
    quote! {
        #docs
        #main

        #as_docs
        #deprecated
        #with_encoding

        #extras
    }
}

fn method_docs(api: &Api, op: &Operation, examples: Option<&Examples<'_>>) -> TokenStream {
    let mut text = String::new();
    if let Some(summary) = op
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        text.push_str(summary);
        text.push_str("\n\n");
    }
    text.push_str(&format!("`{} {}`", op.method.as_str(), op.path));
    if let Some(description) = op.description.as_deref().map(str::trim) {
        if !description.is_empty() {
            text.push_str("\n\n");
            text.push_str(description);
        }
    }
    super::models::append_notes(&mut text, api.notes_under(&op.origin));
    if let Some(note) = own_server_note(op) {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    if let crate::ir::Paging::Unclear(why) = &op.paging {
        text.push_str(&format!(
            "\n\nThis operation looks paged, but sdkgen left its pages alone: {why}. Walk \
             them by hand, or state them with an `x-pagination` extension."
        ));
    }
    text.push_str(
        "\n\n# Errors\n\nAn error status the operation documents gives `Error::Api` with the \
         parsed body; any other status `Error::UnexpectedStatus`; a body that does not parse \
         `Error::Decode`; a failed connection `Error::Transport`. An empty body is no error \
         where the status carries none (204, 205, 304) or the body's type accepts `null`.",
    );
    if api.needs_token(op) {
        text.push_str(
            " No access token (the token endpoint or provider failed) is `Error::Auth`; \
             the call is then not sent.",
        );
    }
    let docs = doc_attrs(&text);
    // The example is sdkgen's text, not the spec's: it skips the cleaning.
    // It is a doctest of the crate (`no_run`: it would call the API). Code
    // that will be a module of another crate has none: it would name a crate
    // that does not exist there.
    let example = examples.and_then(|e| e.call_example(op)).map(|code| {
        let mut lines = vec![
            String::new(),
            " # Example".to_owned(),
            String::new(),
            " ```rust,no_run".to_owned(),
        ];
        lines.extend(code.lines().map(|line| format!(" {line}")));
        lines.push(" ```".to_owned());
        quote! { #(#[doc = #lines])* }
    });
    quote! { #docs #example }
}

/// Where an operation with servers of its own is sent, for its docs.
pub(super) fn own_server_note(op: &Operation) -> Option<String> {
    op.servers.first().map(|server| {
        format!(
            "Sent to `{}`, this operation's own server, unless the client's base URL is set \
             (`ClientBuilder::base_url`).",
            server.url
        )
    })
}

/// The type of a call's success or error body: `ty`, or `()` for none.
pub(super) fn outcome_tokens(ty: Option<&TypeRef>) -> TokenStream {
    match ty {
        Some(ty) => type_tokens(ty, None),
        None => quote!(()),
    }
}

/// The path as a `&str` expression: a literal when it has no parameters, else
/// the pieces concatenated, each parameter percent-encoded as one segment.
fn path_expr(op: &Operation) -> TokenStream {
    if op
        .path_segments
        .iter()
        .all(|s| matches!(s, PathSegment::Literal(_)))
    {
        let path = &op.path;
        return quote!(#path);
    }
    let pieces = op.path_segments.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote!(#text),
        PathSegment::Parameter(index) => {
            let parameter = &op.parameters[*index];
            let field = ident(&parameter.rust_name);
            let name = &parameter.wire_name;
            // Each is an error, not an empty segment, when the value is
            // `null` or does not serialize.
            match (parameter.style, &parameter.ty) {
                // `label` and `matrix` values come encoded, their marks kept.
                (Style::Label { explode }, _) => {
                    quote!(super::runtime::encode::label(#name, &request.#field, #explode)?.as_str())
                }
                (Style::Matrix { explode }, _) => {
                    quote!(super::runtime::encode::matrix(#name, &request.#field, #explode)?.as_str())
                }
                (Style::Json, _) => quote!(super::runtime::encode::path(
                    #name,
                    &request.#field,
                    super::runtime::encode::Text::Json,
                )?
                .as_str()),
                (_, TypeRef::String) => {
                    quote!(super::runtime::encode::path_segment(&request.#field).as_str())
                }
                _ => quote!(super::runtime::encode::path(
                    #name,
                    &request.#field,
                    super::runtime::encode::Text::Simple,
                )?
                .as_str()),
            }
        }
    });
    quote!(&[#(#pieces),*].concat())
}

/// One statement per parameter of `location`: `add(name, value, text)` adds
/// it to `builder` (the runtime leaves out a `None`), `text` being how its
/// value becomes text.
fn params_in(
    op: &Operation,
    location: ParameterLocation,
    add: impl Fn(&str, TokenStream, TokenStream) -> TokenStream,
) -> Vec<TokenStream> {
    op.parameters
        .iter()
        .enumerate()
        .filter(|(_, p)| p.location == location)
        .map(|(index, p): (usize, &Parameter)| {
            let field = ident(&p.rust_name);
            let text = match p.style {
                Style::Json => quote!(super::runtime::encode::Text::Json),
                _ => quote!(super::runtime::encode::Text::Simple),
            };
            // An idempotency key the caller left unset is made here, once per
            // call: every retry of the call sends the same one.
            let keyed = op
                .idempotency
                .as_ref()
                .is_some_and(|i| i.generated && i.parameter == Some(index));
            let value = if keyed {
                quote! {
                    &Some(request.#field.clone().unwrap_or_else(super::runtime::idempotency::new_key))
                }
            } else {
                quote!(&request.#field)
            };
            let add = add(&p.wire_name, value, text);
            quote!(let builder = #add;)
        })
        .collect()
}

/// The idempotency key header of an operation that declares no parameter
/// for it (`x-idempotent`): a fresh key per call, kept on its retries.
fn undeclared_key(op: &Operation) -> Option<TokenStream> {
    let idempotency = op.idempotency.as_ref()?;
    if idempotency.parameter.is_some() {
        return None;
    }
    let header = &idempotency.header;
    Some(quote! {
        let builder = builder.header(#header, super::runtime::idempotency::new_key());
    })
}

/// `let query = …;`: the query parameters as pairs, each in its style.
fn query_tokens(op: &Operation) -> TokenStream {
    let pushes: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Query)
        .map(|p| {
            let name = &p.wire_name;
            let field = ident(&p.rust_name);
            let style = style_tokens(p.style);
            quote!(query.push(#name, &request.#field, #style)?;)
        })
        .collect();
    if pushes.is_empty() {
        return quote!(let query = super::runtime::pairs::Pairs::new(););
    }
    quote! {
        let mut query = super::runtime::pairs::Pairs::new();
        #(#pushes)*
    }
}

/// The runtime's `Style` for one of the IR's.
fn style_tokens(style: Style) -> TokenStream {
    let variant = match style {
        // `simple`, `label` and `matrix` are not query styles; path and
        // header values are written by `encode`, and never reach here.
        Style::Simple | Style::Label { .. } | Style::Matrix { .. } | Style::Form => quote!(Form),
        Style::FormJoined => quote!(FormJoined),
        Style::SpaceDelimited => quote!(SpaceDelimited),
        Style::PipeDelimited => quote!(PipeDelimited),
        Style::DeepObject => quote!(DeepObject),
        Style::Json => quote!(Json),
    };
    quote!(super::runtime::pairs::Style::#variant)
}

/// The statement that adds the body to `builder`. `encoding` is the
/// expression for the encoding of a JSON or form body: the default one, or the
/// argument of an operation whose body may be sent either way.
fn body_tokens(api: &Api, op: &Operation, encoding: &TokenStream) -> TokenStream {
    let Some(body) = &op.body else {
        return TokenStream::new();
    };
    let field = ident(&body.rust_name);
    let error = outcome_tokens(op.error.as_ref());
    let owned = |send: TokenStream| {
        if body.required {
            quote!(let builder = { let body = request.#field; #send };)
        } else {
            quote! {
                let builder = match request.#field {
                    Some(body) => #send,
                    None => builder,
                };
            }
        }
    };
    match &body.send_as {
        BodyContent::Json | BodyContent::FormUrlEncoded => {
            let styles: Vec<TokenStream> = body
                .encoding
                .iter()
                .map(|(name, style)| {
                    let style = style_tokens(*style);
                    quote!((#name, #style))
                })
                .collect();
            let send = |value: TokenStream| quote!(super::runtime::call::encode_body(builder, #value, #encoding, &[#(#styles),*])?);
            by_reference(body.required, &field, send)
        }
        BodyContent::Text => by_reference(body.required, &field, |value| {
            quote!(builder
                .header(reqwest::header::CONTENT_TYPE, "text/plain")
                .body(String::from(#value)))
        }),
        BodyContent::Multipart => {
            let files = upload_fields(api, &body.ty).into_iter().map(|(wire, rust, required, list)| {
                let rust = ident(rust);
                let uploads = match (required, list) {
                    (true, false) => quote!([body.#rust]),
                    (false, true) => quote!(body.#rust.into_iter().flatten()),
                    _ => quote!(body.#rust),
                };
                quote!(let form = super::runtime::upload::files::<#error>(form, #wire, #uploads).await?;)
            });
            owned(quote!({
                let form = super::runtime::upload::text_parts(&body)?;
                #(#files)*
                builder.multipart(form)
            }))
        }
        BodyContent::Other(media_type) => owned(quote!(
            super::runtime::upload::body::<#error>(builder, body, #media_type).await?
        )),
    }
}

/// `let builder = …;` for a body sent by reference: `send(value)` adds it.
fn by_reference(
    required: bool,
    field: &proc_macro2::Ident,
    send: impl Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    if required {
        let send = send(quote!(&request.#field));
        quote!(let builder = #send;)
    } else {
        let send = send(quote!(body));
        quote! {
            let builder = match &request.#field {
                Some(body) => #send,
                None => builder,
            };
        }
    }
}

/// The fields of a multipart body's struct that hold uploads: wire name,
/// Rust name, whether required, whether a list.
fn upload_fields<'a>(api: &'a Api, ty: &TypeRef) -> Vec<(&'a str, &'a str, bool, bool)> {
    let Some(TypeKind::Struct(fields)) = api.named(ty).map(|def| &def.kind) else {
        return Vec::new();
    };
    fields
        .fields
        .iter()
        .filter(|f| super::models::is_upload(&f.ty))
        .map(|f| {
            let list = matches!(f.ty, TypeRef::Vec(_));
            (f.wire_name.as_str(), f.rust_name.as_str(), f.required, list)
        })
        .collect()
}

/// The `Endpoint` an operation's calls describe themselves with: its ID and
/// path template, its security requirements (alternatives of schemes with
/// their scopes), and whether a retry is safe whatever the method.
fn endpoint_tokens(op: &Operation) -> TokenStream {
    let alternatives = op.security.iter().map(|needs| {
        let needs = needs.iter().map(|need| {
            let (scheme, scopes) = (&need.scheme, &need.scopes);
            quote!((#scheme, &[#(#scopes),*]))
        });
        quote!(&[#(#needs),*])
    });
    let (id, path) = (&op.id, &op.path);
    let idempotent = op.idempotency.is_some();
    quote! {
        super::runtime::call::Endpoint {
            operation: #id,
            path: #path,
            security: &[#(#alternatives),*],
            idempotent: #idempotent,
        }
    }
}

/// The expression that turns `response` into the result: a match on the status
/// with success statuses that carry the success type, documented error
/// statuses (exact codes before ranges before `default`), and the rest as
/// unexpected. With no response documented, any 2xx is an empty success.
fn status_arms(api: &Api, op: &Operation, stream: Option<&TokenStream>) -> TokenStream {
    let whole = reads_whole(op, stream);
    let full = full_reply(whole);
    if op.responses.is_empty() {
        // No response documented (3.1 allows leaving them out): any 2xx is a
        // success without a body, the rest unexpected.
        return quote! {
            match response.status().as_u16() {
                200..=299 => response.empty(),
                _ => #full.unexpected(),
            }
        };
    }
    let mut arms: Vec<(Vec<Pattern>, TokenStream)> = Vec::new();
    let mut has_default = false;
    for response in &op.responses {
        let pattern = match response.status {
            Status::Code(code) => Pattern::Code(code),
            Status::Range(hundreds) => {
                let low = u16::from(hundreds) * 100;
                Pattern::Range(low, low + 99)
            }
            Status::Default => {
                has_default = true;
                Pattern::Any
            }
        };
        let handler = match stream {
            // Read as a stream: a success with the stream is read so, any
            // other success is unexpected here.
            Some(read) if response.status.is_success() => match &response.stream {
                Some(_) => read.clone(),
                None => quote!(#full.unexpected()),
            },
            _ => handler(api, op, response, whole),
        };
        match arms.last_mut() {
            // Adjacent statuses with the same handler share an arm; only
            // adjacent ones, because a code must stay before its range.
            Some((patterns, last)) if last.to_string() == handler.to_string() && !has_default => {
                patterns.push(pattern)
            }
            _ => arms.push((vec![pattern], handler)),
        }
    }
    if !has_default {
        arms.push((vec![Pattern::Any], quote!(#full.unexpected())));
    }
    if let [(_, handler)] = arms.as_slice() {
        // Every status is handled alike (only `default` is documented).
        return handler.clone();
    }
    let arms = arms.into_iter().map(|(patterns, handler)| {
        let patterns = collapse_runs(patterns);
        quote!(#(#patterns)|* => #handler,)
    });
    quote! {
        match response.status().as_u16() {
            #(#arms)*
        }
    }
}

/// How one documented response is turned into the result: its body read as
/// the operation's success or error type, or put into the variant of the
/// operation's enum for its status.
fn handler(api: &Api, op: &Operation, response: &Response, whole: bool) -> TokenStream {
    // Sending and reading the body are the runtime's, the same futures for
    // every operation; only the last, synchronous step is typed per operation.
    let full = full_reply(whole);
    let read = match (response.body.is_some(), response.media) {
        (false, _) => quote!(response.empty()),
        (true, ResponseMedia::Json) => quote!(#full.json()),
        (true, ResponseMedia::Text) => quote!(#full.text()),
        (true, ResponseMedia::Binary) => quote!(response.download()),
        // Read as a stream only by the method that returns one
        // (`status_arms`); a method that reads a whole body cannot.
        (true, ResponseMedia::Stream(_)) => quote!(#full.unexpected()),
    };
    let outcome = if response.status.is_success() {
        &op.success
    } else {
        &op.error
    };
    if let Some(variant) = status_variant(api, outcome.as_ref(), response.status) {
        let (enum_name, variant) = (ident(&variant.0), ident(&variant.1));
        let wrap = if response.body.is_some() {
            quote!(super::operations::#enum_name::#variant)
        } else {
            quote!(|()| super::operations::#enum_name::#variant)
        };
        // A JSON body goes to the variant's constructor as a function
        // pointer, whose parameter says which type to read: no closure per
        // status for the compiler to check.
        let json = response.body.is_some() && response.media == ResponseMedia::Json;
        return match (response.status.is_success(), json) {
            (true, true) => quote!(#full.json_as(#wrap)),
            (true, false) => quote!(#read.map(|response| response.map(#wrap))),
            (false, true) => quote!(#full.api_error_as(#wrap)),
            (false, false) => {
                let body = response.body.as_ref().map(|ty| type_tokens(ty, None));
                quote!(#full.api_error::<_, #body>().map_err(|error| error.map_api(#wrap)))
            }
        };
    }
    match (response.status.is_success(), &response.body, outcome) {
        (true, None, None) => read,
        (true, Some(body), Some(success)) if body == success => read,
        (false, Some(_), Some(_)) => quote!(#full.api_error()),
        _ => quote!(#full.unexpected()),
    }
}

/// Whether every response of `op` (as its method reads it: `stream` is the
/// reading of a streamed answer) is read whole. Such a method awaits one
/// future (`Core::call`, sending and reading) and then only turns the
/// `FullReply` into its result; one with a download or a stream awaits the
/// `Reply` and reads the body per status.
fn reads_whole(op: &Operation, stream: Option<&TokenStream>) -> bool {
    stream.is_none()
        && !op
            .responses
            .iter()
            .any(|r| r.body.is_some() && r.media == ResponseMedia::Binary)
}

/// Whether building `op`'s request waits: a multipart body reads its files,
/// a body of another media type may stream one.
fn body_awaits(op: &Operation) -> bool {
    op.body
        .as_ref()
        .is_some_and(|body| matches!(body.send_as, BodyContent::Multipart | BodyContent::Other(_)))
}

/// The whole answer, from `response`: itself when it was read whole, else
/// read now.
fn full_reply(whole: bool) -> TokenStream {
    if whole {
        quote!(response)
    } else {
        quote!(response.read().await?)
    }
}

/// The line that sends the request and waits for the answer: read whole
/// (`Core::call`) or only its head (`Core::send`), as [`reads_whole`] says.
fn send_tokens(
    op: &Operation,
    stream: Option<&TokenStream>,
    endpoint: &TokenStream,
) -> TokenStream {
    if reads_whole(op, stream) {
        quote!(let response = self.core.call(builder, &#endpoint).await?;)
    } else {
        quote!(let response = self.core.send(builder, &#endpoint).await?;)
    }
}

/// The enum and variant names for `status` when `outcome` is an operation's
/// enum of responses that has a variant for it.
fn status_variant(
    api: &Api,
    outcome: Option<&TypeRef>,
    status: Status,
) -> Option<(String, String)> {
    let def = api.named(outcome?)?;
    let TypeKind::Statuses(variants) = &def.kind else {
        return None;
    };
    let variant = variants.iter().find(|v| v.status == status)?;
    Some((def.name.clone(), variant.rust_name.clone()))
}

/// One arm's patterns merged: a code inside a range of the same arm dropped,
/// and a run of three or more codes, or touching ranges, written as one range
/// (`400..=403`, `400..=599`), as clippy prefers.
fn collapse_runs(patterns: Vec<Pattern>) -> Vec<TokenStream> {
    let mut intervals: Vec<(u16, u16)> = Vec::new();
    let mut out = Vec::new();
    for pattern in patterns {
        let (low, high) = match pattern {
            Pattern::Code(code) => (code, code),
            Pattern::Range(low, high) => (low, high),
            Pattern::Any => {
                out.push(quote!(_));
                continue;
            }
        };
        intervals.push((low, high));
    }
    // Patterns of one arm share its handler, so their order does not matter:
    // sorted, a code inside a range of the same arm goes, and touching
    // intervals merge.
    intervals.sort_unstable();
    let intervals =
        intervals
            .into_iter()
            .fold(Vec::new(), |mut merged: Vec<(u16, u16)>, (low, high)| {
                match merged.last_mut() {
                    Some(last) if low <= last.1.saturating_add(1) => last.1 = last.1.max(high),
                    _ => merged.push((low, high)),
                }
                merged
            });
    let mut merged: Vec<TokenStream> = intervals
        .into_iter()
        .flat_map(|(low, high)| match high - low {
            0 => vec![code_tokens(low)],
            1 => vec![code_tokens(low), code_tokens(high)],
            _ => vec![range_tokens(low, high)],
        })
        .collect();
    merged.extend(out);
    merged
}

fn code_tokens(code: u16) -> TokenStream {
    let code = Literal::u16_unsuffixed(code);
    quote!(#code)
}

fn range_tokens(low: u16, high: u16) -> TokenStream {
    let (low, high) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
    quote!(#low..=#high)
}

/// A status pattern of a match arm.
#[derive(Clone, Copy)]
enum Pattern {
    Code(u16),
    Range(u16, u16),
    Any,
}
