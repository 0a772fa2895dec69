//! Credentials, one per security scheme, and how they go on a request.

use std::fmt;

use reqwest::header::{HeaderValue, AUTHORIZATION, COOKIE};
use reqwest::RequestBuilder;

use super::error::InvalidRequest;

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

/// How one security scheme's credential is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
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

    /// Puts credentials on `request` for the first alternative of `requirements`
    /// that this client has every credential of. An operation with no
    /// requirements, or with an empty alternative, may go without. When no
    /// alternative can be met the request goes without credentials, and the
    /// server's answer says what is missing.
    pub fn apply(
        &self,
        mut request: RequestBuilder,
        requirements: &[&[&str]],
    ) -> Result<RequestBuilder, InvalidRequest> {
        let chosen = requirements
            .iter()
            .find(|all| all.iter().all(|scheme| self.get(scheme).is_some()));
        if let Some(all) = chosen {
            for scheme in all.iter() {
                if let Some(credential) = self.get(scheme) {
                    request = credential.apply(scheme, request)?;
                }
            }
        }
        Ok(request)
    }
}
