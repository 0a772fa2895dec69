//! OAuth 2.0 access tokens: fetched with the client-credentials grant (RFC
//! 6749 §4.4), or from a provider the caller writes, cached and renewed by
//! the client; or one fixed token.
//!
//! One token is kept per set of scopes. Getting it holds that set's lock, so
//! any number of concurrent calls make one token request, and a token that
//! runs out within its last tenth (at most a minute) is renewed before it is
//! used.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use serde::Deserialize;

use super::auth::Secret;
use super::error::AuthError;

/// The error a [`TokenProvider`] returns.
pub type ProviderError = Box<dyn std::error::Error + Send + Sync>;

/// An access token and how long it lasts, as a token endpoint or a
/// [`TokenProvider`] gives it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AccessToken {
    /// The token, sent as `Authorization: Bearer …`.
    pub token: Secret,
    /// How long it lasts from now; `None` when unknown (it is then used
    /// until the server refuses it with 401).
    pub expires_in: Option<Duration>,
}

impl AccessToken {
    /// A token that lasts `expires_in` (`None`: unknown).
    pub fn new(token: impl Into<String>, expires_in: Option<Duration>) -> Self {
        AccessToken {
            token: Secret::new(token),
            expires_in,
        }
    }
}

/// What the client asks a [`TokenProvider`] for.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct TokenRequest<'a> {
    /// The scopes the call needs (the operation's, or those set with
    /// [`OAuth2::scopes`]).
    pub scopes: &'a [String],
    /// The token URL of the security scheme's flow, when it declares one.
    pub token_url: Option<&'a str>,
    /// Whether the server refused the last token (401): a cached token of
    /// the provider's own should not be given again.
    pub renew: bool,
}

/// A source of access tokens for any OAuth 2.0 flow the client does not run
/// itself (authorization code, device code, a token exchange, a secret
/// store). The client caches what it returns until `expires_in` runs out.
/// (A generated crate's README has this example, compiled, with its own
/// paths.)
///
/// ```ignore
/// struct FromEnvironment;
///
/// impl TokenProvider for FromEnvironment {
///     async fn token(&self, _: TokenRequest<'_>) -> Result<AccessToken, ProviderError> {
///         Ok(AccessToken::new(std::env::var("API_TOKEN")?, None))
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync + 'static {
    /// A token for `request`.
    fn token(
        &self,
        request: TokenRequest<'_>,
    ) -> impl Future<Output = Result<AccessToken, ProviderError>> + Send;
}

/// [`TokenProvider`] in a form that can be kept behind a pointer.
trait DynProvider: Send + Sync {
    fn token<'a>(
        &'a self,
        request: TokenRequest<'a>,
    ) -> BoxFuture<'a, Result<AccessToken, ProviderError>>;
}

impl<P: TokenProvider> DynProvider for P {
    fn token<'a>(
        &'a self,
        request: TokenRequest<'a>,
    ) -> BoxFuture<'a, Result<AccessToken, ProviderError>> {
        Box::pin(TokenProvider::token(self, request))
    }
}

/// How the client authenticates itself to the token endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// HTTP Basic with the form-encoded client ID and secret (RFC 6749
    /// §2.3.1), which every authorization server must accept.
    #[default]
    Basic,
    /// `client_id` and `client_secret` in the form body.
    Body,
}

/// The OAuth 2.0 credential of a security scheme: pass it to the builder's
/// setter named after the scheme. A `&str` or `String` converts into a fixed
/// token.
#[derive(Clone)]
pub struct OAuth2 {
    how: How,
}

#[derive(Clone)]
enum How {
    Fixed(Secret),
    ClientCredentials {
        client_id: String,
        client_secret: Secret,
        scopes: Option<Vec<String>>,
        auth: ClientAuth,
    },
    Provider {
        provider: Arc<dyn DynProvider>,
        scopes: Option<Vec<String>>,
    },
}

impl OAuth2 {
    /// The client-credentials grant: the client asks the scheme's
    /// `tokenUrl` for tokens as `client_id`, with the scopes each operation
    /// requires unless [`scopes`](Self::scopes) sets them.
    pub fn client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        OAuth2 {
            how: How::ClientCredentials {
                client_id: client_id.into(),
                client_secret: Secret::new(client_secret),
                scopes: None,
                auth: ClientAuth::Basic,
            },
        }
    }

    /// One access token, obtained elsewhere, sent as it is.
    pub fn token(access_token: impl Into<String>) -> Self {
        OAuth2 {
            how: How::Fixed(Secret::new(access_token)),
        }
    }

    /// Tokens from `provider`, for any other flow.
    pub fn provider(provider: impl TokenProvider) -> Self {
        OAuth2 {
            how: How::Provider {
                provider: Arc::new(provider),
                scopes: None,
            },
        }
    }

    /// Asks for these scopes on every call instead of each operation's own.
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        let chosen: Vec<String> = scopes.into_iter().map(Into::into).collect();
        match &mut self.how {
            How::ClientCredentials { scopes, .. } | How::Provider { scopes, .. } => {
                *scopes = Some(chosen)
            }
            How::Fixed(_) => {}
        }
        self
    }

    /// Authenticates to the token endpoint as `auth` says (HTTP Basic by
    /// default).
    pub fn client_auth(mut self, chosen: ClientAuth) -> Self {
        if let How::ClientCredentials { auth, .. } = &mut self.how {
            *auth = chosen;
        }
        self
    }

    /// This credential bound to the token URLs of its scheme: the token
    /// source a client keeps.
    pub fn bind(self, token_url: Option<&'static str>) -> TokenSource {
        TokenSource {
            how: self.how,
            token_url,
            cache: Arc::new(Mutex::new(HashMap::new())),
        }
    }
}

impl From<&str> for OAuth2 {
    fn from(token: &str) -> Self {
        OAuth2::token(token)
    }
}

impl From<String> for OAuth2 {
    fn from(token: String) -> Self {
        OAuth2::token(token)
    }
}

impl fmt::Debug for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            How::Fixed(token) => f.debug_tuple("Token").field(token).finish(),
            How::ClientCredentials {
                client_id,
                client_secret,
                scopes,
                auth,
            } => f
                .debug_struct("ClientCredentials")
                .field("client_id", client_id)
                .field("client_secret", client_secret)
                .field("scopes", scopes)
                .field("auth", auth)
                .finish(),
            How::Provider { scopes, .. } => f
                .debug_struct("Provider")
                .field("scopes", scopes)
                .finish_non_exhaustive(),
        }
    }
}

impl fmt::Debug for OAuth2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.how.fmt(f)
    }
}

/// A token cached for one set of scopes. `generation` counts the tokens
/// that slot has held, so that a call refused with 401 renews only the token
/// it used, not one another call has renewed meanwhile.
#[derive(Default)]
struct Slot {
    token: Option<Cached>,
    generation: u64,
}

struct Cached {
    token: Secret,
    refresh: Option<Secret>,
    renew_at: Option<Instant>,
}

type Slots = HashMap<String, Arc<tokio::sync::Mutex<Slot>>>;

/// An [`OAuth2`] credential with its scheme's token URL and its cache of
/// tokens, shared by the clones of a client.
#[derive(Clone)]
pub struct TokenSource {
    how: How,
    token_url: Option<&'static str>,
    cache: Arc<Mutex<Slots>>,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("how", &self.how)
            .field("token_url", &self.token_url)
            .finish_non_exhaustive()
    }
}

/// A token handed out for one try of a call: its value, and what renews it
/// if the server refuses it.
pub struct Lease {
    /// The access token.
    pub token: Secret,
    scopes: Option<String>,
    generation: u64,
}

impl fmt::Debug for Lease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lease")
            .field("token", &self.token)
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl PartialEq for TokenSource {
    /// Two sources are the same when they share one cache.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.cache, &other.cache)
    }
}

impl Eq for TokenSource {}

/// The token endpoint's answer (RFC 6749 §5.1), or the part of it the client
/// uses.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default, deserialize_with = "seconds")]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

/// An error answer of the token endpoint (RFC 6749 §5.2).
#[derive(Deserialize)]
struct TokenErrorResponse {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// `expires_in` as a number, or as a string of digits (some servers send
/// one).
fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Number(f64),
        Text(String),
    }
    Ok(match Option::<Either>::deserialize(d)? {
        Some(Either::Number(n)) if n >= 0.0 => Some(n as u64),
        Some(Either::Text(text)) => text.trim().parse().ok(),
        _ => None,
    })
}

impl AuthError {
    /// An error of `scheme` before any token endpoint answered.
    fn unanswered(scheme: &str, token_url: Option<&str>, reason: String) -> Self {
        AuthError {
            scheme: scheme.to_owned(),
            token_url: token_url.map(str::to_owned),
            status: None,
            error: None,
            reason,
        }
    }
}

/// The margin before a token's end at which it is renewed: a tenth of its
/// life, at most a minute, so that a token is not sent as it runs out.
/// A lifetime beyond what the clock can hold (`expires_in` of 10^30) means
/// no renewal by time, not a panic.
fn renew_at(expires_in: Option<Duration>) -> Option<Instant> {
    let life = expires_in?;
    let margin = (life / 10).min(Duration::from_secs(60));
    Instant::now().checked_add(life - margin)
}

impl TokenSource {
    /// Whether the token can be renewed (a fixed one cannot).
    pub fn renews(&self) -> bool {
        !matches!(self.how, How::Fixed(_))
    }

    /// Whether the credential has what it needs: a client-credentials
    /// grant needs a token URL.
    pub fn usable(&self) -> bool {
        self.token_url.is_some() || !matches!(self.how, How::ClientCredentials { .. })
    }

    /// A token for a call needing `scopes`, fetched (once for all concurrent
    /// callers) unless a fresh one is cached. `refused` is the lease the
    /// server answered 401 to: that token is renewed, not given again.
    pub async fn lease(
        &self,
        scheme: &str,
        scopes: &[&str],
        refused: Option<&Lease>,
        http: &reqwest::Client,
        base_url: &str,
    ) -> Result<Lease, AuthError> {
        let (scopes, key) = match &self.how {
            How::Fixed(token) => {
                return Ok(Lease {
                    token: token.clone(),
                    scopes: None,
                    generation: 0,
                })
            }
            How::ClientCredentials {
                scopes: Some(own), ..
            }
            | How::Provider {
                scopes: Some(own), ..
            } => (own.clone(), own.join(" ")),
            _ => {
                let own: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
                let key = own.join(" ");
                (own, key)
            }
        };
        let slot = {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            cache.entry(key.clone()).or_default().clone()
        };
        let mut slot = slot.lock().await;
        let refused_here = refused.is_some_and(|lease| {
            lease.scopes.as_deref() == Some(&key) && lease.generation == slot.generation
        });
        if let Some(cached) = &slot.token {
            let fresh = cached.renew_at.is_none_or(|at| Instant::now() < at);
            if fresh && !refused_here {
                return Ok(Lease {
                    token: cached.token.clone(),
                    scopes: Some(key),
                    generation: slot.generation,
                });
            }
        }
        let refresh = slot.token.as_ref().and_then(|c| c.refresh.clone());
        let fetched = self
            .fetch(scheme, &scopes, refresh, refused_here, http, base_url)
            .await?;
        slot.generation += 1;
        let lease = Lease {
            token: fetched.token.clone(),
            scopes: Some(key),
            generation: slot.generation,
        };
        slot.token = Some(fetched);
        Ok(lease)
    }

    async fn fetch(
        &self,
        scheme: &str,
        scopes: &[String],
        refresh: Option<Secret>,
        renew: bool,
        http: &reqwest::Client,
        base_url: &str,
    ) -> Result<Cached, AuthError> {
        match &self.how {
            How::Fixed(token) => Ok(Cached {
                token: token.clone(),
                refresh: None,
                renew_at: None,
            }),
            How::Provider { provider, .. } => {
                let request = TokenRequest {
                    scopes,
                    token_url: self.token_url,
                    renew,
                };
                let token = provider.token(request).await.map_err(|error| {
                    AuthError::unanswered(
                        scheme,
                        None,
                        format!("the token provider failed: {error}"),
                    )
                })?;
                Ok(Cached {
                    token: token.token,
                    refresh: None,
                    renew_at: renew_at(token.expires_in),
                })
            }
            How::ClientCredentials {
                client_id,
                client_secret,
                auth,
                ..
            } => {
                let grant = Grant {
                    scheme,
                    client_id,
                    client_secret,
                    auth: *auth,
                    http,
                    url: self.url(scheme, base_url)?,
                };
                // A refresh token is tried first; when the server no longer
                // takes it, a new grant.
                if let Some(refresh) = refresh {
                    if let Ok(cached) = grant
                        .ask(&[
                            ("grant_type", "refresh_token"),
                            ("refresh_token", refresh.expose()),
                        ])
                        .await
                    {
                        return Ok(cached);
                    }
                }
                let scope = scopes.join(" ");
                let mut form = vec![("grant_type", "client_credentials")];
                if !scope.is_empty() {
                    form.push(("scope", &scope));
                }
                grant.ask(&form).await
            }
        }
    }

    /// The token URL, resolved against the base URL when relative.
    fn url(&self, scheme: &str, base_url: &str) -> Result<reqwest::Url, AuthError> {
        let given = self.token_url.ok_or_else(|| {
            AuthError::unanswered(
                scheme,
                None,
                "the scheme declares no clientCredentials flow with a tokenUrl".to_owned(),
            )
        })?;
        let base = reqwest::Url::parse(&format!("{base_url}/"));
        base.and_then(|base| base.join(given)).map_err(|error| {
            AuthError::unanswered(
                scheme,
                Some(given),
                format!("the token URL does not parse: {error}"),
            )
        })
    }
}

/// One token request of the client-credentials grant.
struct Grant<'a> {
    scheme: &'a str,
    client_id: &'a str,
    client_secret: &'a Secret,
    auth: ClientAuth,
    http: &'a reqwest::Client,
    url: reqwest::Url,
}

impl Grant<'_> {
    /// The URL as errors show it: no query, no user information.
    fn shown_url(&self) -> String {
        let mut url = self.url.clone();
        super::error::redact_url(&mut url);
        url.to_string()
    }

    fn error(&self, status: Option<u16>, error: Option<String>, reason: String) -> AuthError {
        AuthError {
            scheme: self.scheme.to_owned(),
            token_url: Some(self.shown_url()),
            status,
            error,
            reason,
        }
    }

    /// Posts `form` (with the client's authentication) and reads the token.
    async fn ask(&self, form: &[(&str, &str)]) -> Result<Cached, AuthError> {
        let mut form: Vec<(&str, &str)> = form.to_vec();
        let mut request = self
            .http
            .post(self.url.clone())
            .header(reqwest::header::ACCEPT, "application/json");
        match self.auth {
            ClientAuth::Basic => {
                // RFC 6749 §2.3.1: each part form-encoded before Basic.
                let encode = |text: &str| {
                    form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>()
                };
                request = request.basic_auth(
                    encode(self.client_id),
                    Some(encode(self.client_secret.expose())),
                );
            }
            ClientAuth::Body => {
                form.push(("client_id", self.client_id));
                form.push(("client_secret", self.client_secret.expose()));
            }
        }
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let response = request
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body)
            .send()
            .await
            .map_err(|error| {
                // The URL is in the error already, redacted.
                let error = error.without_url();
                self.error(None, None, format!("the request failed: {error}"))
            })?;
        let status = response.status();
        let body = response.bytes().await.map_err(|error| {
            self.error(
                Some(status.as_u16()),
                None,
                format!("the answer could not be read: {}", error.without_url()),
            )
        })?;
        if !status.is_success() {
            let said: Option<TokenErrorResponse> = serde_json::from_slice(&body).ok();
            let (error, reason) = match said {
                Some(said) => (
                    Some(said.error),
                    said.error_description
                        .unwrap_or_else(|| "the token endpoint refused the request".to_owned()),
                ),
                None => (None, "the token endpoint refused the request".to_owned()),
            };
            return Err(self.error(Some(status.as_u16()), error, reason));
        }
        // serde's message may quote a value of the answer, which could be
        // the token itself: only where it failed is said.
        let token: TokenResponse = serde_json::from_slice(&body).map_err(|error| {
            self.error(
                Some(status.as_u16()),
                None,
                format!(
                    "the answer is not a token response with an `access_token` (line {}, \
                     column {})",
                    error.line(),
                    error.column()
                ),
            )
        })?;
        if let Some(kind) = &token.token_type {
            if !kind.eq_ignore_ascii_case("bearer") {
                return Err(self.error(
                    Some(status.as_u16()),
                    None,
                    format!("the token is of type `{kind}`; the client sends bearer tokens only"),
                ));
            }
        }
        Ok(Cached {
            token: Secret::new(token.access_token),
            refresh: token.refresh_token.map(Secret::new),
            renew_at: renew_at(token.expires_in.map(Duration::from_secs)),
        })
    }
}
