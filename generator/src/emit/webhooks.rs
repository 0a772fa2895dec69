//! The `webhooks` module: a `Verifier` that checks the signature of a
//! request the API sends (a webhook or a callback) and reads its payload,
//! one method per webhook.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_or;
use super::{ident, type_tokens};
use crate::ir::{Api, Webhook, WebhookSignature};

/// The whole `webhooks` file.
pub fn webhooks_rs(api: &Api) -> TokenStream {
    let scheme = scheme_tokens(&api.webhook_signature);
    let (scheme_doc, secret_doc) = match &api.webhook_signature {
        WebhookSignature::StandardWebhooks => (
            "Standard Webhooks: `webhook-id`, `webhook-timestamp` and `webhook-signature`."
                .to_owned(),
            "`secret` is the `whsec_…` signing secret the API gave.",
        ),
        WebhookSignature::HexBody { header, prefix } => (
            format!("the body's HMAC-SHA256 as hex in `{header}`, after `{prefix}`."),
            "`secret` is the webhook secret set up with the API.",
        ),
        WebhookSignature::Timestamped { header } => (
            format!("`t=…,v1=…` in `{header}`: HMAC-SHA256 of the timestamp and the body."),
            "`secret` is the endpoint's signing secret the API gave.",
        ),
    };
    let scheme_doc = format!(" How the API signs the requests it sends: {scheme_doc}");
    let new_doc = format!(
        " A verifier of the API's webhooks; {secret_doc}\n\n # Errors\n\n When the secret \
         is not of the scheme's form."
    );
    let methods = api.webhooks.iter().map(method);
    quote! {
        #![doc = " The requests the API sends to your server (webhooks and callbacks): their signatures checked, their payloads typed."]
        #![doc = ""]
        #![doc = " Give [`Verifier`] the raw body as it arrived (before any JSON parsing) and the request's headers."]

        pub use reqwest::header::HeaderMap;
        pub use super::runtime::webhooks::{Scheme, WebhookError, DEFAULT_TOLERANCE};

        #[doc = #scheme_doc]
        pub const SCHEME: Scheme = #scheme;

        /// Checks that a request comes from the API (its signature, in
        /// constant time, and its timestamp, within
        /// [`DEFAULT_TOLERANCE`] unless set) and reads its payload.
        #[derive(Clone, Debug)]
        pub struct Verifier {
            inner: super::runtime::webhooks::Verifier,
        }

        impl Verifier {
            #[doc = #new_doc]
            pub fn new(secret: &str) -> Result<Self, WebhookError> {
                Ok(Verifier {
                    inner: super::runtime::webhooks::Verifier::new(SCHEME, secret)?,
                })
            }

            /// Accepts timestamps up to `tolerance` from now.
            pub fn tolerance(self, tolerance: std::time::Duration) -> Self {
                Verifier { inner: self.inner.tolerance(tolerance) }
            }

            /// Checks timestamps against `now` instead of the clock.
            pub fn at(self, now: std::time::SystemTime) -> Self {
                Verifier { inner: self.inner.at(now) }
            }

            /// Checks a request's signature (and timestamp) only.
            ///
            /// # Errors
            ///
            /// When the signature does not match, a header is missing or
            /// malformed, or the timestamp is out of tolerance.
            pub fn verify(
                &self,
                headers: &HeaderMap,
                body: &[u8],
            ) -> Result<(), WebhookError> {
                self.inner.verify(headers, body)
            }

            #(#methods)*
        }
    }
}

/// The runtime's `Scheme` for the IR's.
fn scheme_tokens(signature: &WebhookSignature) -> TokenStream {
    match signature {
        WebhookSignature::StandardWebhooks => quote!(Scheme::StandardWebhooks),
        WebhookSignature::HexBody { header, prefix } => {
            let header = header.to_ascii_lowercase();
            quote!(Scheme::HexBody { header: #header, prefix: #prefix })
        }
        WebhookSignature::Timestamped { header } => {
            let header = header.to_ascii_lowercase();
            quote!(Scheme::Timestamped { header: #header })
        }
    }
}

/// The method that checks and reads one webhook.
fn method(webhook: &Webhook) -> TokenStream {
    let name = ident(&webhook.method_name);
    let payload = type_tokens(&webhook.payload, None);
    let fallback = format!("The `{}` webhook.", webhook.key);
    let docs = doc_or(webhook.doc.as_deref(), &fallback);
    let how = format!(
        " Sent as `{}` by the API (`{}`). Checks the request, then reads its body.\n\n \
         # Errors\n\n As [`Verifier::verify`]'s; a body that is not the payload's type is \
         `WebhookError::Payload`.",
        webhook.method.as_str(),
        webhook.key
    );
    quote! {
        #docs
        ///
        #[doc = #how]
        pub fn #name(
            &self,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<#payload, WebhookError> {
            self.inner.payload(headers, body)
        }
    }
}
