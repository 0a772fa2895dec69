//! The `blocking` module (behind the generated crate's `blocking` feature): a
//! client whose methods wait for the answer, for programs without an async
//! runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::outcome_tokens;
use super::docs::doc_attrs;
use super::{client_methods, ident, Part};
use crate::ir::{Api, Operation};

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

            /// Runs `future` to its end on this client's runtime: for reading a
            /// [`crate::Download`] (`client.block_on(download.bytes())`).
            pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
                self.runtime.block_on(future)
            }

            #methods
        }
    }
}

/// One operation's blocking method (and the one taking the body's encoding).
fn method(op: &Operation) -> TokenStream {
    let names = std::iter::once((&op.method_name, false))
        .chain(op.encoding_method.iter().map(|name| (name, true)));
    let success = outcome_tokens(op.success.as_ref());
    let error = outcome_tokens(op.error.as_ref());
    let request_type = ident(&op.request_type);
    let methods = names.map(|(name, takes_encoding)| {
        let method = ident(name);
        let docs = doc_attrs(&format!(
            "[`crate::Client::{0}`], waiting for the answer.",
            name.trim_start_matches("r#")
        ));
        let mut params = Vec::new();
        let mut args = Vec::new();
        if op.takes_request() {
            params.push(quote!(request: super::operations::#request_type));
            args.push(quote!(request));
        }
        if takes_encoding {
            params.push(quote!(encoding: super::runtime::call::BodyEncoding));
            args.push(quote!(encoding));
        }
        quote! {
            #docs
            ///
            /// # Errors
            ///
            /// As the async method's.
            pub fn #method(&self, #(#params),*) -> Outcome<#success, #error> {
                self.runtime.block_on(self.inner.#method(#(#args),*))
            }
        }
    });
    quote!(#(#methods)*)
}
