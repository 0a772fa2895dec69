//! When a call is sent again, and how long the client waits first.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// Which failures a client retries, how often, and how long it waits between
/// tries: exponential backoff with jitter, or the server's `Retry-After`.
///
/// By default a call is tried up to three times (two retries) when the
/// connection fails or times out, or the server answers 429 Too Many Requests
/// or 503 Service Unavailable, and only for idempotent methods (GET, HEAD,
/// OPTIONS, TRACE, PUT, DELETE), which a server may receive twice without
/// harm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first try; 0 turns retrying off.
    pub max_retries: u32,
    /// The wait before the first retry; each next one doubles it.
    pub initial_backoff: Duration,
    /// The longest wait between tries. A `Retry-After` longer than this is not
    /// waited for: the response is returned as it is.
    pub max_backoff: Duration,
    /// Whether POST and PATCH are retried too (only safe when the API
    /// deduplicates them, with an idempotency key for instance).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Whether a call with `method` may be sent again at all.
    pub fn allows(&self, method: &Method) -> bool {
        let idempotent = matches!(
            *method,
            Method::GET
                | Method::HEAD
                | Method::OPTIONS
                | Method::TRACE
                | Method::PUT
                | Method::DELETE
        );
        idempotent || self.retry_non_idempotent
    }

    /// Whether a response with `status` is worth another try.
    pub fn retries_status(status: StatusCode) -> bool {
        status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
    }

    /// Whether a failure to get a response is worth another try: the
    /// connection failed or timed out. (A request the server may have begun
    /// to process is retried only for methods `allows` lets through.)
    pub fn retries_error(error: &reqwest::Error) -> bool {
        error.is_connect() || error.is_timeout()
    }

    /// How long to wait before retry number `retry` (0 for the first): the
    /// server's `Retry-After` when it gave one, else the backoff. `None` when
    /// the server asks for a longer wait than `max_backoff`.
    pub fn delay(&self, retry: u32, headers: Option<&HeaderMap>) -> Option<Duration> {
        if let Some(wait) = headers.and_then(retry_after) {
            return (wait <= self.max_backoff).then_some(wait);
        }
        Some(self.backoff(retry))
    }

    /// Exponential backoff with "equal jitter": half the doubled wait, plus a
    /// random part of the other half, so that many clients that failed
    /// together do not retry together.
    pub fn backoff(&self, retry: u32) -> Duration {
        let doubled = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.min(16)));
        let capped = doubled.min(self.max_backoff);
        let half = capped / 2;
        let random = RandomState::new().hash_one(retry) % (half.as_millis() as u64 + 1);
        half + Duration::from_millis(random)
    }
}

/// The wait a `Retry-After` header asks for: seconds, or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}
