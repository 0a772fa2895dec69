//! The `blocking` module (behind the generated crate's `blocking` feature): a
//! client whose methods wait for the answer, for programs without an async
//! runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::outcome_tokens;
use super::docs::doc_attrs;
use super::paging::stream_read;
use super::{client_methods, ident, type_tokens, Part};
use crate::ir::{Api, Operation, Paging};

/// The whole `blocking` file.
pub fn blocking_rs(api: &Api) -> Vec<Part<'_>> {
    let (main, gated) = client_methods(api, method);
    let head = Part::new(move || {
        let methods: TokenStream = main.iter().map(|op| method(op)).collect();
        head(methods)
    });
    let mut parts = vec![head];
    parts.extend(gated);
    parts
}

/// The module's docs, `Client` and its main `impl` block holding `methods`.
fn head(methods: TokenStream) -> TokenStream {
    quote! {
        #![doc = " A blocking client: [`Client`] wraps the async [`crate::Client`] and drives each"]
        #![doc = " call to its end on a runtime of its own. Enabled by the `blocking` feature."]
        #![doc = ""]
        #![doc = " Do not call it from async code: waiting inside a runtime panics."]
        // The methods return what the async ones return, unchanged: the
        // async client's `Error` (its headers make it large) and the spec's
        // own types (nested maps make some "complex"). Clippy does not check
        // async signatures for either; changing them here alone would make
        // the two APIs differ.
        #![allow(clippy::result_large_err, clippy::type_complexity)]

        /// What a call returns: the async method's `Result`, named once so that
        /// the signatures stay short.
        pub type Outcome<T, E> = Result<
            super::runtime::response::ApiResponse<T>,
            super::runtime::error::Error<E>,
        >;

        /// A stream of the async client walked by waiting for each item: the
        /// pages or items of a paginated operation, the events or lines of a
        /// streamed response.
        #[derive(Debug)]
        pub struct Iter<S> {
            stream: S,
            runtime: std::sync::Arc<tokio::runtime::Runtime>,
        }

        impl<S> Iter<S> {
            /// The async stream inside.
            pub fn into_inner(self) -> S {
                self.stream
            }
        }

        impl<S: futures_util::Stream + Unpin> Iterator for Iter<S> {
            type Item = S::Item;

            fn next(&mut self) -> Option<S::Item> {
                self.runtime.block_on(futures_util::StreamExt::next(&mut self.stream))
            }
        }

        /// The API's client with methods that wait for the answer.
        ///
        /// Clones share one connection pool and one runtime.
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: super::client::Client,
            runtime: std::sync::Arc<tokio::runtime::Runtime>,
        }

        impl Client {
            /// Wraps `client` (built with [`crate::Client::builder`], with its
            /// credentials, base URL, retries and timeouts).
            ///
            /// # Errors
            ///
            /// When the runtime cannot be started (the system refuses a thread
            /// or a timer).
            pub fn new(client: super::client::Client) -> std::io::Result<Self> {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                Ok(Client {
                    inner: client,
                    runtime: std::sync::Arc::new(runtime),
                })
            }

            /// The async client inside, for what has no blocking twin
            /// (`base_url`, or a call made from async code).
            pub fn client(&self) -> &super::client::Client {
                &self.inner
            }

            /// A copy whose calls give up on each try after `timeout`; see
            /// [`crate::Client::with_timeout`].
            pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
                Client { inner: self.inner.with_timeout(timeout), runtime: self.runtime.clone() }
            }

            /// A copy whose calls retry as `policy` says.
            pub fn with_retry(&self, policy: super::runtime::retry::RetryPolicy) -> Self {
                Client { inner: self.inner.with_retry(policy), runtime: self.runtime.clone() }
            }

            /// A copy whose calls also send header `name: value`; see
            /// [`crate::Client::with_header`].
            pub fn with_header(&self, name: &str, value: &str) -> Self {
                Client { inner: self.inner.with_header(name, value), runtime: self.runtime.clone() }
            }

            /// Runs `future` to its end on this client's runtime: for reading a
            /// [`crate::Download`] (`client.block_on(download.bytes())`).
            pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
                self.runtime.block_on(future)
            }

            #methods
        }
    }
}

/// One operation's blocking methods: its own (and the one taking the body's
/// encoding), and those walking its pages or stream.
fn method(op: &Operation) -> TokenStream {
    let deprecated = super::models::deprecated_attr(op.deprecated);
    let names = std::iter::once((&op.method_name, false))
        .chain(op.encoding_method.iter().map(|name| (name, true)));
    let success = outcome_tokens(op.success.as_ref());
    let error = outcome_tokens(op.error.as_ref());
    let request_type = ident(&op.request_type);
    let (request_param, request_arg) = if op.takes_request() {
        (
            Some(quote!(request: super::operations::#request_type)),
            Some(quote!(request)),
        )
    } else {
        (None, None)
    };
    let stream = op.streaming.as_ref().map(|s| (s, stream_read(op, s)));
    let stream_only = stream
        .as_ref()
        .filter(|(s, _)| s.twin.is_none())
        .map(|(_, read)| &read.ty);
    let methods = names.map(|(name, takes_encoding)| {
        let method = ident(name);
        let docs = doc_attrs(&format!(
            "[`crate::Client::{0}`], waiting for the answer.",
            name.trim_start_matches("r#")
        ));
        let mut params: Vec<TokenStream> = request_param.iter().cloned().collect();
        let mut args: Vec<TokenStream> = request_arg.iter().cloned().collect();
        if takes_encoding {
            params.push(quote!(encoding: super::runtime::call::BodyEncoding));
            args.push(quote!(encoding));
        }
        let call = quote!(self.runtime.block_on(self.inner.#method(#(#args),*)));
        let (returns, body) = match stream_only {
            Some(ty) => (
                quote!(Result<Iter<#ty>, super::runtime::error::Error<#error>>),
                quote!(#call.map(|stream| Iter { stream, runtime: self.runtime.clone() })),
            ),
            None => (quote!(Outcome<#success, #error>), call),
        };
        quote! {
            #docs
            ///
            /// # Errors
            ///
            /// As the async method's.
            #deprecated
            pub fn #method(&self, #(#params),*) -> #returns {
                #body
            }
        }
    });
    let twin = stream.as_ref().and_then(|(streaming, read)| {
        let twin = ident(streaming.twin.as_deref()?);
        let ty = &read.ty;
        let docs = doc_attrs(&format!(
            "[`crate::Client::{twin}`], its stream walked by waiting for each item.\n\n# Errors\n\nAs the async method's."
        ));
        Some(quote! {
            #docs
            #deprecated
            pub fn #twin(&self, #request_param) -> Result<Iter<#ty>, super::runtime::error::Error<#error>> {
                self.runtime
                    .block_on(self.inner.#twin(#request_arg))
                    .map(|stream| Iter { stream, runtime: self.runtime.clone() })
            }
        })
    });
    let pages = match &op.paging {
        Paging::Paged(pagination) => {
            let item = type_tokens(&pagination.item, None);
            let (pages, items) = (
                ident(&pagination.pages_method),
                ident(&pagination.stream_method),
            );
            let pages_doc = doc_attrs(&format!(
                "[`crate::Client::{pages}`] as an iterator: each page is fetched when asked for."
            ));
            let items_doc = doc_attrs(&format!(
                "[`crate::Client::{items}`] as an iterator: each page is fetched when the items of the last are used up."
            ));
            quote! {
                #pages_doc
                #deprecated
                pub fn #pages(&self, #request_param) -> Iter<super::runtime::paginate::Pages<#success, #error>> {
                    Iter { stream: self.inner.#pages(#request_arg), runtime: self.runtime.clone() }
                }

                #items_doc
                #deprecated
                pub fn #items(&self, #request_param) -> Iter<super::runtime::paginate::Items<#item, #error>> {
                    Iter { stream: self.inner.#items(#request_arg), runtime: self.runtime.clone() }
                }
            }
        }
        Paging::Single | Paging::Unclear(_) => TokenStream::new(),
    };
    quote!(#(#methods)* #twin #pages)
}
