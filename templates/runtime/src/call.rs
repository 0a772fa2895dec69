//! What every generated client shares: the HTTP client, the base URL, the
//! credentials, and the steps of a call that do not depend on the operation.
//! Generated methods only build the request and pick the outcome by status, so
//! the code stamped out per operation stays small.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::auth::{Credential, Credentials, Need};
use super::download::Download;
use super::error::{BuildError, Error, Failure, InvalidRequest};
use super::pairs::{Pairs, Style};
use super::response::ApiResponse;
use super::retry::RetryPolicy;

/// How much of a response body a client reads before it gives up, unless set
/// otherwise: far above any JSON an API sends, far below what would hurt.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// How long a client the runtime builds waits for a connection, unless set
/// otherwise. There is no total timeout by default: a large download may take
/// long, and only its caller knows how long is too long.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A function that sees, and may change, each request just before it is sent
/// (each try of it): to sign it, or to trace it.
pub type RequestHook = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;

/// A function that sees each response as it arrives, before its body is read.
pub type ResponseHook = Arc<dyn Fn(&reqwest::Response) + Send + Sync>;

/// The hooks of a client.
#[derive(Clone, Default)]
struct Hooks {
    request: Option<RequestHook>,
    response: Option<ResponseHook>,
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hooks")
            .field("request", &self.request.is_some())
            .field("response", &self.response.is_some())
            .finish()
    }
}

/// What a generated method tells the client about its operation, for the
/// steps every call shares: credentials, retries, traces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The operation's ID (or the method's name when the spec gives none).
    pub operation: &'static str,
    /// The path template (`/pets/{id}`): traces show it, never the filled
    /// URL, which may hold secrets.
    pub path: &'static str,
    /// The security requirements: alternatives, each the schemes (and
    /// OAuth 2.0 scopes) it needs.
    pub security: &'static [&'static [Need]],
    /// Whether the operation is idempotent by the spec (an `Idempotency-Key`
    /// header, or `x-idempotent`), so that the retry policy may send it
    /// again whatever its method.
    pub idempotent: bool,
}

/// A server the API lists: its URL template and variables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Server {
    /// The URL, with `{name}` where a variable goes.
    pub url: &'static str,
    /// The server's description.
    pub description: &'static str,
    /// Its variables.
    pub variables: &'static [ServerVariable],
}

/// A variable of a server URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerVariable {
    /// The name in the URL's braces.
    pub name: &'static str,
    /// The value used when none is set.
    pub default: &'static str,
    /// The values allowed (empty: any).
    pub values: &'static [&'static str],
}

impl Server {
    /// The URL with each variable replaced by its value in `chosen`, else its
    /// default.
    ///
    /// # Errors
    ///
    /// When `chosen` names a variable the server does not have, or gives one a
    /// value it does not allow.
    pub fn url(&self, chosen: &[(String, String)]) -> Result<String, BuildError> {
        for (name, value) in chosen {
            let variable = self
                .variables
                .iter()
                .find(|v| v.name == name)
                .ok_or_else(|| BuildError::Server {
                    server: self.url.to_owned(),
                    reason: format!("it has no variable `{name}`"),
                })?;
            if !variable.values.is_empty() && !variable.values.contains(&value.as_str()) {
                return Err(BuildError::Server {
                    server: self.url.to_owned(),
                    reason: format!(
                        "`{name}` may be {}, not {value:?}",
                        variable.values.join(", ")
                    ),
                });
            }
        }
        Ok(self.filled(chosen))
    }

    /// The URL with each variable replaced by its value in `chosen`, else its
    /// default, unchecked.
    fn filled(&self, chosen: &[(String, String)]) -> String {
        let mut url = self.url.to_owned();
        for variable in self.variables {
            let value = chosen
                .iter()
                .rev()
                .find(|(name, _)| name == variable.name)
                .map_or(variable.default, |(_, value)| value.as_str());
            url = url.replace(&format!("{{{}}}", variable.name), value);
        }
        url
    }
}

/// The state shared by all operations of a client. Cloning is cheap: the HTTP
/// client is reference-counted.
#[derive(Clone, Debug)]
pub struct Core {
    http: reqwest::Client,
    base_url: String,
    /// Whether the caller set the base URL, which then wins over an
    /// operation's own servers too.
    base_url_set: bool,
    credentials: Credentials,
    max_response_bytes: usize,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    hooks: Hooks,
    /// The URL of the next call, as a server gave it (a `Link` header's next
    /// page), in place of the operation's path and query.
    next_url: Option<String>,
    /// Headers sent with every call of this client (`with_header`), marked
    /// sensitive.
    headers: Vec<(HeaderName, HeaderValue)>,
    /// A header `with_header` could not make: every call fails with it
    /// rather than go without the header.
    invalid: Option<InvalidRequest>,
}

/// A response whose body has not been read yet, with the most of it that may
/// be read.
#[derive(Debug)]
pub struct Reply {
    response: reqwest::Response,
    max_body: usize,
}

impl Reply {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        self.response.headers()
    }

    pub(super) fn into_parts(self) -> (reqwest::Response, usize) {
        (self.response, self.max_body)
    }

    pub(super) fn from_parts(response: reqwest::Response, max_body: usize) -> Self {
        Reply { response, max_body }
    }
}

impl Core {
    /// The base URL requests go to, with no trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Starts a request to `path` (which begins with `/`, its parameters
    /// already encoded) below the base URL, with the query string of `query`.
    pub fn request(&self, method: Method, path: &str, query: &Pairs) -> RequestBuilder {
        self.request_below(&self.base_url, method, path, query)
    }

    /// As [`Core::request`], for an operation that lists servers of its own:
    /// below the first, `server` (its variables at their defaults), unless
    /// the caller set the client's base URL, which wins (a proxy or a test
    /// server sees every call).
    pub fn request_on(
        &self,
        server: &Server,
        method: Method,
        path: &str,
        query: &Pairs,
    ) -> RequestBuilder {
        if self.base_url_set {
            return self.request(method, path, query);
        }
        let base = server.filled(&[]);
        self.request_below(base.trim_end_matches('/'), method, path, query)
    }

    /// A copy of this core whose calls go to `url` (a next page's link from
    /// a response), which must be on the base URL's origin.
    ///
    /// # Errors
    ///
    /// When `url` is on another origin, or is no absolute URL.
    pub fn following(&self, url: &str) -> Result<Core, InvalidRequest> {
        super::paginate::same_origin(&self.base_url, url)?;
        Ok(Core {
            next_url: Some(url.to_owned()),
            ..self.clone()
        })
    }

    fn request_below(
        &self,
        base: &str,
        method: Method,
        path: &str,
        query: &Pairs,
    ) -> RequestBuilder {
        if let Some(url) = &self.next_url {
            return self.http.request(method, url);
        }
        let url = if query.is_empty() {
            format!("{base}{path}")
        } else {
            format!("{base}{path}?{}", query.query_string())
        };
        self.http.request(method, url)
    }

    /// A copy whose calls give up on each try after `timeout`; it shares the
    /// connection pool and token cache.
    pub fn with_timeout(&self, timeout: Duration) -> Core {
        Core {
            timeout: Some(timeout),
            ..self.clone()
        }
    }

    /// A copy whose calls retry as `policy` says.
    pub fn with_retry(&self, policy: RetryPolicy) -> Core {
        Core {
            retry: policy,
            ..self.clone()
        }
    }

    /// A copy whose calls also send header `name: value` (marked sensitive,
    /// so it stays out of debug output). A name or value a header cannot
    /// carry makes every call of the copy fail with
    /// [`Error::InvalidRequest`], never go without it.
    pub fn with_header(&self, name: &str, value: &str) -> Core {
        let mut core = self.clone();
        let parsed = HeaderName::from_bytes(name.as_bytes())
            .ok()
            .zip(HeaderValue::from_str(value).ok());
        match parsed {
            Some((name, mut value)) => {
                value.set_sensitive(true);
                core.headers.push((name, value));
            }
            None => {
                core.invalid = Some(InvalidRequest::new(
                    format!(
                        "the header `{}` set with `with_header`",
                        name.escape_debug()
                    ),
                    "has a name or value a header cannot carry",
                ))
            }
        }
        core
    }

    /// Puts credentials on `request` as the endpoint's security asks and
    /// sends it: again as the retry policy says when the connection fails
    /// or the server answers 429 or 503, and once more with a renewed token
    /// when the server refuses an OAuth 2.0 token with 401.
    pub async fn send(
        &self,
        request: RequestBuilder,
        endpoint: &Endpoint,
    ) -> Result<Reply, Failure> {
        let mut request = request;
        if let Some(invalid) = &self.invalid {
            return Err(invalid.clone().into());
        }
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        let mut request = request.build()?;
        for (name, value) in &self.headers {
            request.headers_mut().append(name.clone(), value.clone());
        }
        let call = super::trace::Call::start(endpoint, request.method());
        let outcome = call.instrument(self.tries(request, endpoint, &call)).await;
        call.finish(&outcome);
        outcome
    }

    /// [`send`](Self::send), then [`Reply::read`]: the whole answer, as
    /// one future. A generated method whose responses are all read whole
    /// awaits only this, so its own state machine has one await point, not
    /// one per status it documents (what the borrow checker of a crate of
    /// hundreds of operations spends most of its time on).
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send)'s and [`Reply::read`]'s.
    pub async fn call(
        &self,
        request: RequestBuilder,
        endpoint: &Endpoint,
    ) -> Result<FullReply, Failure> {
        self.send(request, endpoint).await?.read().await
    }

    /// The tries of one call.
    async fn tries(
        &self,
        mut request: reqwest::Request,
        endpoint: &Endpoint,
        call: &super::trace::Call,
    ) -> Result<Reply, Failure> {
        let retryable = endpoint.idempotent || self.retry.allows(request.method());
        let mut retry = 0;
        let mut refused = Vec::new();
        let mut renewed = false;
        loop {
            call.attempt(retry + u32::from(renewed) + 1);
            // A copy for the next try, without credentials; a streamed body
            // cannot be copied, and is sent once.
            let mut next = request.try_clone();
            let (mut sent, leases) = self.authorize(request, endpoint, &refused).await?;
            join_cookies(sent.headers_mut());
            if let Some(hook) = &self.hooks.request {
                hook(&mut sent);
            }
            let outcome = self.http.execute(sent).await;
            if let (Ok(response), Some(hook)) = (&outcome, &self.hooks.response) {
                hook(response);
            }
            // A token the server refuses is renewed, and the call sent once
            // more whatever its method: the server did not act on it.
            let refused_token = matches!(&outcome, Ok(response)
                if response.status() == StatusCode::UNAUTHORIZED);
            if refused_token && !leases.is_empty() && !renewed {
                if let Some(again) = next.take() {
                    call.retrying("the server refused the access token (401)", Duration::ZERO);
                    renewed = true;
                    refused = leases;
                    request = again;
                    continue;
                }
            }
            let wait = match &outcome {
                Ok(response) if RetryPolicy::retries_status(response.status()) => {
                    self.retry.delay(retry, Some(response.headers()))
                }
                Err(error) if RetryPolicy::retries_error(error) => self.retry.delay(retry, None),
                _ => None,
            };
            let next = next.filter(|_| retryable && retry < self.retry.max_retries);
            match (next, wait) {
                (Some(next), Some(wait)) => {
                    call.retrying(
                        match &outcome {
                            Ok(response) if response.status() == StatusCode::TOO_MANY_REQUESTS => {
                                "429 Too Many Requests"
                            }
                            Ok(_) => "503 Service Unavailable",
                            Err(error) if error.is_timeout() => "timed out",
                            Err(_) => "the connection failed",
                        },
                        wait,
                    );
                    tokio::time::sleep(wait).await;
                    request = next;
                    retry += 1;
                }
                _ => {
                    return Ok(Reply {
                        response: outcome?,
                        max_body: self.max_response_bytes,
                    })
                }
            }
        }
    }

    /// `request` with the credentials `endpoint` needs, and the OAuth 2.0
    /// leases it holds.
    async fn authorize(
        &self,
        request: reqwest::Request,
        endpoint: &Endpoint,
        refused: &[(&'static str, super::oauth2::Lease)],
    ) -> Result<(reqwest::Request, Vec<(&'static str, super::oauth2::Lease)>), Failure> {
        if endpoint.security.is_empty() {
            return Ok((request, Vec::new()));
        }
        let builder = RequestBuilder::from_parts(self.http.clone(), request);
        let (builder, leases) = self
            .credentials
            .apply(
                builder,
                endpoint.security,
                refused,
                &self.http,
                &self.base_url,
            )
            .await?;
        Ok((builder.build()?, leases))
    }
}

/// Joins every `Cookie` header into one (`a=1; b=2`), as RFC 6265 asks of a
/// client; it stays sensitive if one of them was (an API key).
fn join_cookies(headers: &mut reqwest::header::HeaderMap) {
    use reqwest::header::{HeaderValue, COOKIE};
    let values: Vec<HeaderValue> = headers.get_all(COOKIE).iter().cloned().collect();
    if values.len() < 2 {
        return;
    }
    let sensitive = values.iter().any(HeaderValue::is_sensitive);
    let joined: Vec<&[u8]> = values.iter().map(HeaderValue::as_bytes).collect();
    if let Ok(mut value) = HeaderValue::from_bytes(&joined.join(&b"; "[..])) {
        value.set_sensitive(sensitive);
        headers.insert(COOKIE, value);
    }
}

/// Builds a [`Core`]. Generated `ClientBuilder`s wrap it and add one setter per
/// security scheme.
#[derive(Clone, Debug)]
pub struct CoreBuilder {
    base_url: String,
    base_url_set: bool,
    servers: &'static [Server],
    server: usize,
    variables: Vec<(String, String)>,
    user_agent: String,
    credentials: Credentials,
    http: Option<reqwest::Client>,
    max_response_bytes: usize,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    hooks: Hooks,
}

impl CoreBuilder {
    /// A builder for a client of `base_url` that sends `user_agent`; an
    /// empty `base_url` (the API lists no server) must be set before
    /// `build`.
    pub fn new(base_url: &str, user_agent: &str) -> Self {
        CoreBuilder {
            base_url: base_url.to_owned(),
            base_url_set: false,
            servers: &[],
            server: 0,
            variables: Vec::new(),
            user_agent: user_agent.to_owned(),
            credentials: Credentials::default(),
            http: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::default(),
            timeout: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            hooks: Hooks::default(),
        }
    }

    /// Retries as `policy` says (see [`RetryPolicy`]; `RetryPolicy::none()`
    /// turns retrying off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Gives up on each try of a call after `timeout`, from sending the
    /// request to the end of the response's headers and body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Gives up connecting after `timeout` (default 10 s). Set it on your own
    /// client instead when you bring one with `http_client`.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Calls `hook` with each request just before it is sent (each try), to
    /// change it (sign it, add a header) or trace it.
    pub fn on_request(
        mut self,
        hook: impl Fn(&mut reqwest::Request) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.request = Some(Arc::new(hook));
        self
    }

    /// Calls `hook` with each response as it arrives, before its body is read.
    pub fn on_response(
        mut self,
        hook: impl Fn(&reqwest::Response) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.response = Some(Arc::new(hook));
        self
    }

    /// Refuses response bodies longer than `bytes` with
    /// [`Error::BodyTooLarge`] instead of reading them into memory.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Sends requests to `url` instead of the default server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self.base_url_set = true;
        self
    }

    /// The servers the API lists, which `server` and `server_variable`
    /// choose from.
    pub fn servers(mut self, servers: &'static [Server]) -> Self {
        self.servers = servers;
        self
    }

    /// Sends requests to the listed server at `index` (the first by default).
    pub fn server(mut self, index: usize) -> Self {
        self.server = index;
        self
    }

    /// Sets variable `name` of the chosen server's URL to `value`.
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.variables.push((name.into(), value.into()));
        self
    }

    /// Sets the credential of one security scheme.
    pub fn credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.set(scheme, credential);
        self
    }

    /// Uses a `reqwest::Client` set up by the caller (proxies, TLS roots,
    /// timeouts) instead of a new one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the base URL and sets up the HTTP client.
    pub fn build(mut self) -> Result<Core, BuildError> {
        // A base URL set by hand wins; else the chosen server, its variables
        // filled in.
        if !self.base_url_set && (self.server > 0 || !self.variables.is_empty()) {
            let server = self
                .servers
                .get(self.server)
                .ok_or_else(|| BuildError::Server {
                    server: format!("#{}", self.server),
                    reason: format!("the API lists {} servers", self.servers.len()),
                })?;
            self.base_url = server.url(&self.variables)?;
        }
        if self.base_url.is_empty() {
            return Err(BuildError::NoBaseUrl);
        }
        if let Some(scheme) = self.credentials.unusable() {
            return Err(BuildError::NoTokenUrl {
                scheme: scheme.to_owned(),
            });
        }
        let url =
            reqwest::Url::parse(&self.base_url).map_err(|error| BuildError::InvalidBaseUrl {
                url: self.base_url.clone(),
                reason: error.to_string(),
            })?;
        if url.cannot_be_a_base() {
            return Err(BuildError::InvalidBaseUrl {
                url: self.base_url,
                reason: "not a base URL (expected http:// or https://)".to_owned(),
            });
        }
        let http = match self.http {
            Some(client) => client,
            None => reqwest::Client::builder()
                .user_agent(self.user_agent)
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(Core {
            http,
            base_url: self.base_url.trim_end_matches('/').to_owned(),
            base_url_set: self.base_url_set,
            credentials: self.credentials,
            max_response_bytes: self.max_response_bytes,
            retry: self.retry,
            timeout: self.timeout,
            hooks: self.hooks,
            next_url: None,
            headers: Vec::new(),
            invalid: None,
        })
    }
}

/// How a body that may be JSON or a form is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyEncoding {
    /// `application/json`.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`, each property in its style.
    Form,
}

/// Adds `body` to `request` as `encoding` says; a form body's properties
/// take the styles `styles` names (the request body's `encoding`).
pub fn encode_body<T: Serialize + ?Sized>(
    request: RequestBuilder,
    body: &T,
    encoding: BodyEncoding,
    styles: &[(&str, Style)],
) -> Result<RequestBuilder, InvalidRequest> {
    // The body is made JSON first, its one step per type: what follows is
    // compiled once, not once per request body type. A body that does not
    // serialize is refused here, before anything is sent.
    encode_json(request, super::pairs::json_body(body)?, encoding, styles)
}

/// [`encode_body`] of a body already made JSON.
fn encode_json(
    request: RequestBuilder,
    body: serde_json::Value,
    encoding: BodyEncoding,
    styles: &[(&str, Style)],
) -> Result<RequestBuilder, InvalidRequest> {
    Ok(match encoding {
        BodyEncoding::Json => request.json(&body),
        BodyEncoding::Form => request
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(super::pairs::form_of(body, styles)?),
    })
}

// `result_large_err`: these steps return the operation's own `Error<E>`,
// whose variants keep the status, headers and body for the caller; the
// generated methods give the same type (their modules allow the lint too),
// so boxing it here alone would only add a step.
#[allow(clippy::result_large_err)]
impl Reply {
    /// Reads the whole body, in chunks, refusing it as soon as it is known to
    /// be longer than the limit (from `Content-Length`, or while it arrives).
    ///
    /// # Errors
    ///
    /// When the body is too long, or the connection fails while reading.
    pub async fn read(self) -> Result<FullReply, Failure> {
        let Reply {
            mut response,
            max_body,
        } = self;
        let status = response.status();
        let headers = response.headers().clone();
        let too_large = |headers| Failure::BodyTooLarge {
            status,
            headers,
            limit: max_body,
        };
        if response
            .content_length()
            .is_some_and(|length| length > max_body as u64)
        {
            return Err(too_large(headers));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > max_body {
                return Err(too_large(headers));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(FullReply {
            status,
            headers,
            body,
        })
    }

    /// A success response whose body is of another media type: returned
    /// unread, to be read whole, in chunks or into a file.
    pub fn download<E>(self) -> Result<ApiResponse<Download>, Error<E>> {
        let status = self.status();
        let headers = self.response.headers().clone();
        Ok(ApiResponse::new(status, headers, Download::new(self)))
    }

    /// A success response whose body, if any, is not read.
    pub fn empty<E>(self) -> Result<ApiResponse<()>, Error<E>> {
        let status = self.status();
        let headers = self.response.headers().clone();
        Ok(ApiResponse::new(status, headers, ()))
    }
}

/// A response read whole: what a generated method turns into its result, by
/// status. Only these last steps depend on the operation's types, and they do
/// not wait on anything, so each operation compiles little of its own.
#[derive(Debug)]
pub struct FullReply {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

#[allow(clippy::result_large_err)] // as on `Reply`'s impl above
impl FullReply {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The body, without status and headers.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    /// A success response whose body is JSON of type `T`. An empty body is
    /// read as `null`: it is no error when `T` accepts `null` (an `Option`,
    /// any JSON value), as a server may leave out a body whose schema allows
    /// absence; a `T` that needs a value gives `Error::Decode`.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ApiResponse<T>, Error<E>> {
        let FullReply {
            status,
            headers,
            body,
        } = self;
        let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &body
        };
        match serde_json::from_slice(text) {
            Ok(value) => Ok(ApiResponse::new(status, headers, value)),
            Err(source) => Err(Error::Decode {
                status,
                headers,
                body,
                source,
            }),
        }
    }

    /// A success response whose body is text (`text/*`). A body that is not
    /// UTF-8 is `Error::Decode`, with its bytes: replacing what does not
    /// decode would change the text without a word.
    pub fn text<E>(self) -> Result<ApiResponse<String>, Error<E>> {
        match String::from_utf8(self.body) {
            Ok(text) => Ok(ApiResponse::new(self.status, self.headers, text)),
            Err(error) => {
                let source = <serde_json::Error as serde::de::Error>::custom(format_args!(
                    "the text body is not UTF-8: {}",
                    error.utf8_error()
                ));
                Err(Error::Decode {
                    status: self.status,
                    headers: self.headers,
                    body: error.into_bytes(),
                    source,
                })
            }
        }
    }

    /// A success response documented without a body: what came is dropped
    /// (read whole, so the connection can be used again).
    pub fn empty<E>(self) -> Result<ApiResponse<()>, Error<E>> {
        Ok(ApiResponse::new(self.status, self.headers, ()))
    }

    /// A success response whose body is JSON of type `B`, put into the
    /// variant of the operation's enum of answers by status that `variant`
    /// makes (a constructor, passed as a function: no closure per status to
    /// compile).
    pub fn json_as<B: DeserializeOwned, S, E>(
        self,
        variant: fn(B) -> S,
    ) -> Result<ApiResponse<S>, Error<E>> {
        // Matches and a plain call of `variant`, not `map` with closures:
        // each closure, and each call of a function pointer through
        // `FnOnce`, would be one more function compiled per body type.
        match self.json::<B, E>() {
            Ok(response) => {
                let (status, headers, body) = response.into_parts();
                Ok(ApiResponse::new(status, headers, variant(body)))
            }
            Err(error) => Err(error),
        }
    }

    /// A documented error status whose body is JSON of type `E`.
    pub fn api_error<T, E: DeserializeOwned>(self) -> Result<T, Error<E>> {
        match self.json::<E, E>() {
            Ok(response) => Err(Error::Api(response)),
            Err(error) => Err(error),
        }
    }

    /// A documented error status whose body is JSON of type `B`, put into
    /// the variant of the operation's enum of errors that `variant` makes.
    pub fn api_error_as<T, B: DeserializeOwned, E>(
        self,
        variant: fn(B) -> E,
    ) -> Result<T, Error<E>> {
        // As `json_as`: the body read as `B` straight into `Error<E>`.
        match self.json::<B, E>() {
            Ok(response) => {
                let (status, headers, body) = response.into_parts();
                Err(Error::Api(ApiResponse::new(status, headers, variant(body))))
            }
            Err(error) => Err(error),
        }
    }

    /// A status the operation does not document.
    pub fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus {
            status: self.status,
            headers: self.headers,
            body: self.body,
        })
    }
}
