//! The README's sections on the work a client does around each call, each
//! present only when the API has what it is about: OAuth 2.0 tokens,
//! idempotency keys, webhooks.

use crate::ir::{Api, SecurityKind, WebhookSignature};

/// How the client gets OAuth 2.0 tokens, with a compiled example; empty
/// when no scheme is OAuth 2.0.
pub fn oauth2(api: &Api, lib: &str) -> String {
    let oauth: Vec<_> = api
        .security_schemes
        .iter()
        .filter_map(|scheme| match &scheme.kind {
            SecurityKind::OAuth2 { token_url } => Some((scheme, token_url)),
            _ => None,
        })
        .collect();
    let Some((first, _)) = oauth.first() else {
        return String::new();
    };
    let setter = first.setter.trim_start_matches("r#");
    let mut text = String::from("\n\n### OAuth2\n\n");
    let granted = oauth.iter().find(|(_, url)| url.is_some());
    if let Some((scheme, Some(url))) = granted {
        text.push_str(&format!(
            "Scheme `{key}` declares the client-credentials grant: with \
             `OAuth2::client_credentials(id, secret)` the client asks `{url}` for tokens \
             (a relative URL is taken from the base URL; the ID and secret go as HTTP \
             Basic, or in the form with `.client_auth(ClientAuth::Body)`), with the scopes \
             each operation requires unless `.scopes([…])` sets them. It keeps one token \
             per set of scopes, makes one token request for any number of concurrent \
             calls, renews a token in the last tenth of its life (at most a minute before \
             it runs out), with its refresh token when it got one, and renews it once when \
             the server answers 401, sending the call once more. A token endpoint that \
             refuses is `Error::Auth`, which names the token URL, never a secret.\n\n",
            key = scheme.key
        ));
        let setter = scheme.setter.trim_start_matches("r#");
        text.push_str(&format!(
            "```rust,no_run\nfn client() -> Result<{lib}::Client, {lib}::BuildError> {{\n    \
             {lib}::Client::builder()\n        .{setter}({lib}::OAuth2::client_credentials(\"<client id>\", \
             \"<client secret>\"))\n        .build()\n}}\n```\n\n"
        ));
    }
    text.push_str(&format!(
        "A token obtained elsewhere goes in as it is (`.{setter}(\"<token>\")`, sent until \
         the server refuses it). Any other flow (authorization code, device code, a secret \
         store) is a `TokenProvider` of yours; the client caches each token it returns until \
         `expires_in` runs out, and asks again with `renew` set after a 401:\n\n\
         ```rust,no_run\nuse std::time::Duration;\n\n\
         use {lib}::{{AccessToken, OAuth2, ProviderError, TokenProvider, TokenRequest}};\n\n\
         struct FromVault;\n\n\
         impl TokenProvider for FromVault {{\n    \
         async fn token(&self, request: TokenRequest<'_>) -> Result<AccessToken, ProviderError> {{\n        \
         println!(\"scopes {{:?}}, renew {{}}\", request.scopes, request.renew);\n        \
         Ok(AccessToken::new(\"<token>\", Some(Duration::from_secs(3600))))\n    \
         }}\n}}\n\n\
         fn client() -> Result<{lib}::Client, {lib}::BuildError> {{\n    \
         {lib}::Client::builder()\n        .{setter}(OAuth2::provider(FromVault))\n        .build()\n}}\n```"
    ));
    text
}

/// Which operations are retried whatever their method, with which key.
pub fn idempotency(api: &Api) -> String {
    let keyed: Vec<String> = api
        .operations
        .iter()
        .filter_map(|op| {
            let idempotency = op.idempotency.as_ref()?;
            Some(format!(
                "`{}` (`{}`)",
                op.method_name.trim_start_matches("r#"),
                idempotency.header
            ))
        })
        .collect();
    if keyed.is_empty() {
        return String::new();
    }
    format!(
        "\n\n### Idempotency\n\nThe server deduplicates {} by an idempotency key, so the \
         retry policy may send them again whatever their method. Unless you set a key, \
         each call makes a fresh one (a random UUID) and sends that same key on every \
         retry of the call; two calls never share one.",
        keyed.join(", ")
    )
}

/// The `webhooks` module's section, with a compiled example; empty when the
/// API sends none.
pub fn webhooks(api: &Api, lib: &str) -> String {
    let Some(first) = api.webhooks.first() else {
        return String::new();
    };
    let method = first.method_name.trim_start_matches("r#");
    let names: Vec<String> = api
        .webhooks
        .iter()
        .map(|w| format!("`{}`", w.method_name.trim_start_matches("r#")))
        .collect();
    let checks = match api.webhook_signature {
        WebhookSignature::HexBody { .. } => {
            "its HMAC-SHA256 signature, compared in constant time; the scheme signs no \
             timestamp, so a replayed request cannot be told from a new one"
        }
        _ => {
            "its HMAC-SHA256 signature, compared in constant time, and its timestamp, \
             within five minutes unless `.tolerance(…)` says otherwise"
        }
    };
    format!(
        "## Webhooks\n\nThe API sends requests of its own to your server ({names}). \
         `webhooks::Verifier` checks that one comes from the API ({checks}) and only then \
         reads its payload into its type. Give it the raw body as it arrived and the \
         request's headers (`webhooks::SCHEME` says which it reads).\n\n\
         ```rust,no_run\n\
         fn receive(\n    headers: &{lib}::webhooks::HeaderMap,\n    body: &[u8],\n\
         ) -> Result<(), {lib}::webhooks::WebhookError> {{\n    \
         let verifier = {lib}::webhooks::Verifier::new(\"<signing secret>\")?;\n    \
         let payload = verifier.{method}(headers, body)?;\n    \
         println!(\"{{payload:?}}\");\n    Ok(())\n}}\n```\n",
        names = names.join(", ")
    )
}
