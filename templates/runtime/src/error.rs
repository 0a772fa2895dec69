//! The errors of a client call and of building a client.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::response::ApiResponse;

/// How much of an unparsed body an error message shows.
const BODY_SNIPPET_CHARS: usize = 200;

/// Why a call did not return its success value. `E` is the type of the error
/// bodies the operation documents (`()` when it documents none).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = ()> {
    /// The server answered with an error status the spec documents, and its body
    /// parsed as the documented type.
    Api(ApiResponse<E>),
    /// The server answered with a status the spec does not document for the
    /// operation, or documents without a body.
    UnexpectedStatus {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The raw body.
        body: Vec<u8>,
    },
    /// The body of a documented status did not parse as its documented type.
    Decode {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The raw body.
        body: Vec<u8>,
        /// Why it did not parse.
        source: serde_json::Error,
    },
    /// The response body was longer than the client's limit and was not read
    /// (see `max_response_bytes` on the builder).
    BodyTooLarge {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request could not be sent, or the response could not be read
    /// (connection, TLS, timeout, …).
    Transport(reqwest::Error),
    /// The request was not sent: a value cannot be sent as the spec says
    /// (a header value with a line break, a credential a header cannot
    /// carry, a value that does not serialize, a path parameter without a
    /// value). Nothing of the request reached the server.
    InvalidRequest(InvalidRequest),
    /// No OAuth 2.0 access token could be had: the token endpoint refused
    /// or failed (it names the token URL, never a secret). The call was not
    /// sent.
    Auth(AuthError),
    /// A file to upload could not be opened, or a download could not be
    /// written to its file.
    File {
        /// The file's path.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(response) => Some(response.status()),
            Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. }
            | Error::BodyTooLarge { status, .. } => Some(*status),
            Error::Transport(error) => error.status(),
            Error::File { .. } | Error::InvalidRequest(_) | Error::Auth(_) => None,
        }
    }

    /// The response headers, when the server answered.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(response) => Some(response.headers()),
            Error::UnexpectedStatus { headers, .. }
            | Error::Decode { headers, .. }
            | Error::BodyTooLarge { headers, .. } => Some(headers),
            Error::Transport(_)
            | Error::File { .. }
            | Error::InvalidRequest(_)
            | Error::Auth(_) => None,
        }
    }

    /// The parsed error body of a documented error status.
    pub fn body(&self) -> Option<&E> {
        match self {
            Error::Api(response) => Some(response.body()),
            _ => None,
        }
    }

    /// The same error with a documented error body passed through `f` (the
    /// client puts a body into its operation's enum of errors this way).
    pub fn map_api<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Api(response) => Error::Api(response.map(f)),
            Error::UnexpectedStatus {
                status,
                headers,
                body,
            } => Error::UnexpectedStatus {
                status,
                headers,
                body,
            },
            Error::Decode {
                status,
                headers,
                body,
                source,
            } => Error::Decode {
                status,
                headers,
                body,
                source,
            },
            Error::BodyTooLarge {
                status,
                headers,
                limit,
            } => Error::BodyTooLarge {
                status,
                headers,
                limit,
            },
            Error::Transport(error) => Error::Transport(error),
            Error::InvalidRequest(invalid) => Error::InvalidRequest(invalid),
            Error::Auth(error) => Error::Auth(error),
            Error::File { path, source } => Error::File { path, source },
        }
    }

    /// The raw body, when it did not parse or its status was not documented.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::UnexpectedStatus { body, .. } | Error::Decode { body, .. } => Some(body),
            _ => None,
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(response) => write!(
                f,
                "the server answered {}: {:?}",
                response.status(),
                response.body()
            ),
            Error::UnexpectedStatus { status, body, .. } => {
                write!(f, "the server answered {status}: {}", snippet(body))
            }
            Error::Decode {
                status,
                body,
                source,
                ..
            } => write!(
                f,
                "the {status} response body does not match the API's schema ({source}): {}",
                snippet(body)
            ),
            Error::BodyTooLarge { status, limit, .. } => write!(
                f,
                "the {status} response body is longer than the client's limit of {limit} \
                 bytes, so it was not read"
            ),
            Error::Transport(error) => write!(f, "the request failed: {error}"),
            Error::InvalidRequest(invalid) => write!(f, "{invalid}"),
            Error::Auth(error) => write!(f, "{error}"),
            Error::File { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } => Some(source),
            Error::Transport(error) => Some(error),
            Error::File { source, .. } => Some(source),
            Error::InvalidRequest(invalid) => Some(invalid),
            Error::Auth(error) => Some(error),
            _ => None,
        }
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(error: reqwest::Error) -> Self {
        Error::Transport(redacted(error))
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(invalid: InvalidRequest) -> Self {
        Error::InvalidRequest(invalid)
    }
}

/// `error` without the parts of its URL that may hold a secret: the query
/// (an API key sent as a query parameter), the user name and password, the
/// fragment. reqwest prints the URL in the error's `Display` and `Debug`.
pub(crate) fn redacted(mut error: reqwest::Error) -> reqwest::Error {
    if let Some(url) = error.url_mut() {
        redact_url(url);
    }
    error
}

/// `url` without the parts that may hold a secret: query, fragment, user
/// name and password.
pub(crate) fn redact_url(url: &mut reqwest::Url) {
    url.set_query(None);
    url.set_fragment(None);
    let _ = url.set_username("");
    let _ = url.set_password(None);
}

/// A value that cannot be sent as the spec says, and the request that was
/// therefore not sent (see [`Error::InvalidRequest`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    /// The parameter, body or credential (`path parameter `id``).
    pub what: String,
    /// Why it cannot be sent.
    pub reason: String,
}

impl InvalidRequest {
    /// `what` cannot be sent, for `reason`.
    pub fn new(what: impl Into<String>, reason: impl Into<String>) -> Self {
        InvalidRequest {
            what: what.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the request was not sent: {} {}", self.what, self.reason)
    }
}

impl std::error::Error for InvalidRequest {}

/// A call that failed before any documented body was read: the request could
/// not be sent, or the response body could not be read or was too long. The
/// steps that fail this way (sending, retrying, reading) do not depend on the
/// operation, so they return this rather than an operation's `Error<E>`: they
/// are compiled once, not once per error type. It turns into any `Error<E>`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    /// See [`Error::Transport`].
    Transport(reqwest::Error),
    /// See [`Error::InvalidRequest`].
    InvalidRequest(InvalidRequest),
    /// See [`Error::Auth`].
    Auth(AuthError),
    /// See [`Error::BodyTooLarge`].
    BodyTooLarge {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The limit, in bytes.
        limit: usize,
    },
}

impl Failure {
    /// The kind of failure, in a word, for traces.
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::Transport(error) if error.is_timeout() => "timeout",
            Failure::Transport(_) => "transport",
            Failure::InvalidRequest(_) => "invalid_request",
            Failure::Auth(_) => "auth",
            Failure::BodyTooLarge { .. } => "body_too_large",
        }
    }
}

impl From<reqwest::Error> for Failure {
    fn from(error: reqwest::Error) -> Self {
        Failure::Transport(redacted(error))
    }
}

impl From<AuthError> for Failure {
    fn from(error: AuthError) -> Self {
        Failure::Auth(error)
    }
}

impl From<InvalidRequest> for Failure {
    fn from(invalid: InvalidRequest) -> Self {
        Failure::InvalidRequest(invalid)
    }
}

impl<E> From<Failure> for Error<E> {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Transport(error) => Error::Transport(error),
            Failure::InvalidRequest(invalid) => Error::InvalidRequest(invalid),
            Failure::Auth(error) => Error::Auth(error),
            Failure::BodyTooLarge {
                status,
                headers,
                limit,
            } => Error::BodyTooLarge {
                status,
                headers,
                limit,
            },
        }
    }
}

/// The start of a body as text, for error messages.
fn snippet(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".to_owned();
    }
    let text = String::from_utf8_lossy(body);
    let mut shown: String = text.chars().take(BODY_SNIPPET_CHARS).collect();
    if text.chars().count() > BODY_SNIPPET_CHARS {
        shown.push('…');
    }
    shown
}

/// Why a client could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// No base URL: the API lists no server and none was set with
    /// `base_url`.
    NoBaseUrl,
    /// The base URL does not parse as an absolute URL.
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// Why it does not parse.
        reason: String,
    },
    /// The HTTP client could not be set up (for instance, no TLS backend).
    Http(reqwest::Error),
    /// The chosen server does not exist, or a variable set for it does not
    /// fit it.
    Server {
        /// The server's URL template (or `#index`).
        server: String,
        /// What does not fit.
        reason: String,
    },
    /// An OAuth 2.0 client-credentials grant was set for a security scheme
    /// that declares no `clientCredentials` flow, so no token URL.
    NoTokenUrl {
        /// The security scheme.
        scheme: String,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::InvalidBaseUrl { url, reason } => {
                write!(f, "invalid base URL {url:?}: {reason}")
            }
            BuildError::NoBaseUrl => f.write_str(
                "no base URL: the API lists no server; set one with `ClientBuilder::base_url`",
            ),
            BuildError::Http(error) => write!(f, "could not set up the HTTP client: {error}"),
            BuildError::Server { server, reason } => {
                write!(f, "cannot use server {server}: {reason}")
            }
            BuildError::NoTokenUrl { scheme } => write!(
                f,
                "security scheme `{scheme}` declares no clientCredentials flow, so the \
                 client cannot fetch tokens for it; give it a token or a provider"
            ),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Http(error) => Some(error),
            BuildError::NoBaseUrl
            | BuildError::InvalidBaseUrl { .. }
            | BuildError::Server { .. }
            | BuildError::NoTokenUrl { .. } => None,
        }
    }
}

/// Why no access token could be had. Holds no secret: the token URL
/// without its query or user part, and what the endpoint said.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthError {
    /// The security scheme.
    pub scheme: String,
    /// The token URL asked (without query or user information), when one was.
    pub token_url: Option<String>,
    /// The token endpoint's status, when it answered.
    pub status: Option<u16>,
    /// Its `error` code (`invalid_client`, …), when it gave one.
    pub error: Option<String>,
    /// What went wrong.
    pub reason: String,
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no access token for security scheme `{}`", self.scheme)?;
        if let Some(url) = &self.token_url {
            write!(f, " from {url}")?;
        }
        if let Some(status) = self.status {
            write!(f, " (status {status})")?;
        }
        if let Some(error) = &self.error {
            write!(f, " [{error}]")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for AuthError {}
