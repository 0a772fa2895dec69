//! What every generated client shares: the HTTP client, the base URL, the
//! credentials, and the steps of a call that do not depend on the operation.
//! Generated methods only build the request and pick the outcome by status, so
//! the code stamped out per operation stays small.

use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;

use super::auth::{Credential, Credentials};
use super::error::{BuildError, Error};
use super::response::ApiResponse;

/// The state shared by all operations of a client. Cloning is cheap: the HTTP
/// client is reference-counted.
#[derive(Clone, Debug)]
pub struct Core {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
}

impl Core {
    /// The base URL requests go to, with no trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Starts a request to `path` (which begins with `/`) below the base URL.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base_url))
    }

    /// Puts credentials on `request` as `requirements` ask (alternatives, each a
    /// list of scheme keys) and sends it.
    pub async fn send<E>(
        &self,
        request: RequestBuilder,
        requirements: &[&[&str]],
    ) -> Result<reqwest::Response, Error<E>> {
        let request = self.credentials.apply(request, requirements);
        Ok(request.send().await?)
    }
}

/// Builds a [`Core`]. Generated `ClientBuilder`s wrap it and add one setter per
/// security scheme.
#[derive(Clone, Debug)]
pub struct CoreBuilder {
    base_url: String,
    user_agent: String,
    credentials: Credentials,
    http: Option<reqwest::Client>,
}

impl CoreBuilder {
    /// A builder for a client of `base_url` that sends `user_agent`.
    pub fn new(base_url: &str, user_agent: &str) -> Self {
        CoreBuilder {
            base_url: base_url.to_owned(),
            user_agent: user_agent.to_owned(),
            credentials: Credentials::default(),
            http: None,
        }
    }

    /// Sends requests to `url` instead of the default server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
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
    pub fn build(self) -> Result<Core, BuildError> {
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
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(Core {
            http,
            base_url: self.base_url.trim_end_matches('/').to_owned(),
            credentials: self.credentials,
        })
    }
}

/// A success response whose body is JSON of type `T`.
pub async fn json<T: DeserializeOwned, E>(
    response: reqwest::Response,
) -> Result<ApiResponse<T>, Error<E>> {
    let (status, headers, body) = read(response).await?;
    match serde_json::from_slice(&body) {
        Ok(value) => Ok(ApiResponse::new(status, headers, value)),
        Err(source) => Err(Error::Decode {
            status,
            headers,
            body,
            source,
        }),
    }
}

/// A success response whose body, if any, is not read.
pub async fn empty<E>(response: reqwest::Response) -> Result<ApiResponse<()>, Error<E>> {
    let status = response.status();
    let headers = response.headers().clone();
    Ok(ApiResponse::new(status, headers, ()))
}

/// A documented error status whose body is JSON of type `E`.
pub async fn api_error<T, E: DeserializeOwned>(response: reqwest::Response) -> Result<T, Error<E>> {
    let (status, headers, body) = read(response).await?;
    Err(match serde_json::from_slice(&body) {
        Ok(value) => Error::Api(ApiResponse::new(status, headers, value)),
        Err(source) => Error::Decode {
            status,
            headers,
            body,
            source,
        },
    })
}

/// A status the operation does not document.
pub async fn unexpected<T, E>(response: reqwest::Response) -> Result<T, Error<E>> {
    let (status, headers, body) = read(response).await?;
    Err(Error::UnexpectedStatus {
        status,
        headers,
        body,
    })
}

async fn read<E>(
    response: reqwest::Response,
) -> Result<(StatusCode, reqwest::header::HeaderMap, Vec<u8>), Error<E>> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await?.to_vec();
    Ok((status, headers, body))
}
