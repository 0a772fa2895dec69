//! The retry policy on its own: backoff, Retry-After, which methods.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use sdkgen_runtime::retry::RetryPolicy;

fn headers(retry_after: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
    headers
}

#[test]
fn backoff_doubles_within_its_jitter_and_cap() {
    let policy = RetryPolicy::default();
    for retry in 0..6 {
        let full = (Duration::from_millis(500) * 2u32.pow(retry)).min(policy.max_backoff);
        let wait = policy.backoff(retry);
        assert!(wait >= full / 2 && wait <= full, "retry {retry}: {wait:?}");
    }
    assert!(policy.backoff(40) <= policy.max_backoff);
}

#[test]
fn retry_after_is_honoured_in_seconds_and_dates() {
    let policy = RetryPolicy::default();
    assert_eq!(
        policy.delay(0, Some(&headers("3"))),
        Some(Duration::from_secs(3))
    );
    // A date in the past: retry at once.
    assert_eq!(
        policy.delay(0, Some(&headers("Wed, 21 Oct 2015 07:28:00 GMT"))),
        Some(Duration::ZERO)
    );
    // Longer than the policy waits: give up and return the response.
    assert_eq!(policy.delay(0, Some(&headers("3600"))), None);
    // Unreadable: the backoff.
    assert!(policy.delay(0, Some(&headers("soon"))).is_some());
}

#[test]
fn only_idempotent_methods_are_retried_by_default() {
    let policy = RetryPolicy::default();
    assert!(policy.allows(&Method::GET));
    assert!(policy.allows(&Method::DELETE));
    assert!(!policy.allows(&Method::POST));
    assert!(!policy.allows(&Method::PATCH));
    let all = RetryPolicy {
        retry_non_idempotent: true,
        ..RetryPolicy::default()
    };
    assert!(all.allows(&Method::POST));
    assert!(RetryPolicy::retries_status(StatusCode::SERVICE_UNAVAILABLE));
    assert!(RetryPolicy::retries_status(StatusCode::TOO_MANY_REQUESTS));
    assert!(!RetryPolicy::retries_status(
        StatusCode::INTERNAL_SERVER_ERROR
    ));
}
