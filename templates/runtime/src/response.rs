//! A successful response: the parsed body with its status and headers.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A response body of type `T` together with the status and headers it came
/// with. It dereferences to the body, so fields can be read directly.
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> ApiResponse<T> {
    /// Puts a body together with its status and headers.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        ApiResponse {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The parsed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The parsed body, without status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body passed through `f` (the client puts
    /// a body into its operation's enum of responses this way).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }

    /// Status, headers and body, taken apart.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

impl<T> std::ops::Deref for ApiResponse<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}
