//! Credentials, one per security scheme, and how they go on a request.

use std::fmt;

use reqwest::header::{HeaderValue, AUTHORIZATION, COOKIE};
use reqwest::RequestBuilder;

use super::error::{Failure, InvalidRequest};
use super::oauth2::{Lease, TokenSource};

/// One scheme an operation needs, and the OAuth 2.0 scopes it needs of it
/// (empty for other kinds of scheme).
pub type Need = (&'static str, &'static [&'static str]);

/// A credential's secret part. Its `Debug` output never shows the value, so a
/// client can be logged with `{:?}` safely.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for putting on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// How one security scheme's credential is sent. Non-exhaustive: a kind of
/// credential may be added without breaking code that matches on these.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credential {
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// `Authorization: Basic base64(username:password)`.
    Basic {
        /// The user name (or client ID, API key, …).
        username: String,
        /// The password (or secret).
        password: Secret,
    },
    /// An API key in the named header.
    ApiKeyHeader {
        /// The header name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// An API key in the named query parameter.
    ApiKeyQuery {
        /// The query parameter name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// An API key in the named cookie.
    ApiKeyCookie {
        /// The cookie name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// An OAuth 2.0 access token, fixed or fetched and renewed by the
    /// client, as `Authorization: Bearer <token>`.
    OAuth2(TokenSource),
}

impl Credential {
    /// Puts the credential of scheme `scheme` on `request`; a credential a
    /// header cannot carry (a line break) is an error, never an empty
    /// header.
    fn apply(
        &self,
        scheme: &str,
        request: RequestBuilder,
    ) -> Result<RequestBuilder, InvalidRequest> {
        let sensitive = |value: String| sensitive(scheme, value);
        Ok(match self {
            Credential::Bearer(token) => request.header(
                AUTHORIZATION,
                sensitive(format!("Bearer {}", token.expose()))?,
            ),
            Credential::Basic { username, password } => {
                // reqwest encodes both in base64: any text can be sent.
                request.basic_auth(username, Some(password.expose()))
            }
            Credential::ApiKeyHeader { name, value } => {
                request.header(*name, sensitive(value.expose().to_owned())?)
            }
            // The query is percent-encoded: any text can be sent.
            Credential::ApiKeyQuery { name, value } => request.query(&[(*name, value.expose())]),
            Credential::ApiKeyCookie { name, value } => {
                request.header(COOKIE, sensitive(format!("{name}={}", value.expose()))?)
            }
            // Put on by `Credentials::apply` with a token it holds a lease of.
            Credential::OAuth2(_) => request,
        })
    }
}

/// A header value marked sensitive, so reqwest and hyper keep it out of their
/// debug output. A value with bytes a header cannot carry is an error that
/// names the scheme, not the value.
fn sensitive(scheme: &str, value: String) -> Result<HeaderValue, InvalidRequest> {
    let mut header = HeaderValue::from_str(&value).map_err(|_| {
        InvalidRequest::new(
            format!("the credential of security scheme `{scheme}`"),
            "holds a character a header cannot carry (a line break or another control)",
        )
    })?;
    header.set_sensitive(true);
    Ok(header)
}

/// The credentials a client holds, by security scheme key.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    by_scheme: Vec<(&'static str, Credential)>,
}

impl Credentials {
    /// Sets the credential for `scheme`, replacing an earlier one.
    pub fn set(&mut self, scheme: &'static str, credential: Credential) {
        self.by_scheme.retain(|(key, _)| *key != scheme);
        self.by_scheme.push((scheme, credential));
    }

    fn get(&self, scheme: &str) -> Option<&Credential> {
        self.by_scheme
            .iter()
            .find(|(key, _)| *key == scheme)
            .map(|(_, credential)| credential)
    }

    /// Whether every OAuth 2.0 credential has the token URL its grant needs;
    /// the key of the first that has not.
    pub fn unusable(&self) -> Option<&'static str> {
        self.by_scheme
            .iter()
            .find_map(|(key, credential)| match credential {
                Credential::OAuth2(source) if !source.usable() => Some(*key),
                _ => None,
            })
    }

    /// Puts credentials on `request` for the first alternative of `needs`
    /// that this client has every credential of. An operation with no
    /// requirements, or with an empty alternative, may go without. When no
    /// alternative can be met the request goes without credentials, and the
    /// server's answer says what is missing.
    ///
    /// OAuth 2.0 tokens are leased from their source (fetched when none is
    /// fresh); `refused` holds the leases of a try the server answered 401,
    /// which are renewed rather than sent again. The leases used are
    /// returned with the request.
    pub async fn apply(
        &self,
        mut request: RequestBuilder,
        needs: &[&[Need]],
        refused: &[(&'static str, Lease)],
        http: &reqwest::Client,
        base_url: &str,
    ) -> Result<(RequestBuilder, Vec<(&'static str, Lease)>), Failure> {
        let mut leases = Vec::new();
        let chosen = needs
            .iter()
            .find(|all| all.iter().all(|(scheme, _)| self.get(scheme).is_some()));
        let Some(all) = chosen else {
            return Ok((request, leases));
        };
        for (scheme, scopes) in all.iter() {
            match self.get(scheme) {
                Some(Credential::OAuth2(source)) => {
                    let refused = refused
                        .iter()
                        .find(|(key, _)| key == scheme)
                        .map(|(_, lease)| lease);
                    let lease = source
                        .lease(scheme, scopes, refused, http, base_url)
                        .await?;
                    request = Credential::Bearer(lease.token.clone()).apply(scheme, request)?;
                    if source.renews() {
                        leases.push((*scheme, lease));
                    }
                }
                Some(credential) => request = credential.apply(scheme, request)?,
                None => {}
            }
        }
        Ok((request, leases))
    }
}
