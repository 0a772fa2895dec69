//! The `oauth2` module of a crate whose API has no OAuth 2.0 scheme: the
//! same names `auth` and `call` use, with a `TokenSource` that cannot be
//! made. Such a client never holds a token source, so the token flows of
//! `oauth2.rs` (a tenth of the runtime, and about 0.4 s of every build of
//! the generated crate) are not compiled into it.

use super::auth::Secret;
use super::error::AuthError;

/// An OAuth 2.0 credential; there is none in this crate, so no value of
/// this type exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenSource {}

/// A token handed out for one try of a call; never made in this crate.
#[derive(Debug)]
pub struct Lease {
    /// The access token.
    pub token: Secret,
}

impl TokenSource {
    /// Whether the token can be renewed.
    pub fn renews(&self) -> bool {
        match *self {}
    }

    /// Whether the credential has what it needs.
    pub fn usable(&self) -> bool {
        match *self {}
    }

    /// A token for a call needing `scopes`.
    pub async fn lease(
        &self,
        _scheme: &str,
        _scopes: &[&str],
        _refused: Option<&Lease>,
        _http: &reqwest::Client,
        _base_url: &str,
    ) -> Result<Lease, AuthError> {
        match *self {}
    }
}
