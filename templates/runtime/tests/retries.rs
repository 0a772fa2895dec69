//! Retries, timeouts and hooks on the wire, against a real HTTP server on
//! 127.0.0.1 that answers as scripted. Waits are kept near zero (Retry-After:
//! 0, a 1 ms backoff); nothing here asserts a duration.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use sdkgen_runtime::call::CoreBuilder;
use sdkgen_runtime::error::Error;
use sdkgen_runtime::pairs::Pairs;
use sdkgen_runtime::retry::RetryPolicy;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A policy that waits a millisecond between tries.
fn quick() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(10),
        ..RetryPolicy::default()
    }
}

/// A server that answers `first` to the first `times` requests, then 204.
async fn failing(first: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(first.clone())
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

/// Sends one request and gives the status of the answer the client kept.
async fn call(builder: CoreBuilder, verb: Method) -> Result<u16, Error<()>> {
    let core = builder.build().unwrap();
    let request = core.request(verb, "/x", &Pairs::new());
    let reply = core.send(request, &common::endpoint(&[])).await?;
    Ok(reply.empty::<()>()?.status().as_u16())
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_503_is_retried_for_get_until_it_succeeds() {
    let server = failing(ResponseTemplate::new(503), 2).await;
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(quick());
    assert_eq!(call(builder, Method::GET).await.unwrap(), 204);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried() {
    let busy = ResponseTemplate::new(429).insert_header("Retry-After", "0");
    let server = failing(busy, 1).await;
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(quick());
    assert_eq!(call(builder, Method::GET).await.unwrap(), 204);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn retries_stop_after_the_limit_and_return_the_last_answer() {
    let server = failing(ResponseTemplate::new(503), 10).await;
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(quick());
    assert_eq!(call(builder, Method::GET).await.unwrap(), 503);
    assert_eq!(requests(&server).await, 3, "one try and two retries");
}

#[tokio::test]
async fn a_retry_after_beyond_the_policy_is_not_waited_for() {
    let busy = ResponseTemplate::new(503).insert_header("Retry-After", "3600");
    let server = failing(busy, 1).await;
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(quick());
    assert_eq!(call(builder, Method::GET).await.unwrap(), 503);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn post_is_not_retried_unless_the_policy_says_so() {
    let server = failing(ResponseTemplate::new(503), 1).await;
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(quick());
    assert_eq!(call(builder, Method::POST).await.unwrap(), 503);
    assert_eq!(requests(&server).await, 1);

    let server = failing(ResponseTemplate::new(503), 1).await;
    let all = RetryPolicy {
        retry_non_idempotent: true,
        ..quick()
    };
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(all);
    assert_eq!(call(builder, Method::POST).await.unwrap(), 204);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn other_errors_and_a_policy_of_none_are_not_retried() {
    let server = failing(ResponseTemplate::new(500), 1).await;
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(quick());
    assert_eq!(call(builder, Method::GET).await.unwrap(), 500);
    assert_eq!(requests(&server).await, 1);

    let server = failing(ResponseTemplate::new(503), 1).await;
    let builder = CoreBuilder::new(&server.uri(), "t/1").retry(RetryPolicy::none());
    assert_eq!(call(builder, Method::GET).await.unwrap(), 503);
    assert_eq!(requests(&server).await, 1);
}

/// A refused connection is retried; the request hook sees every try.
#[tokio::test]
async fn connection_errors_are_retried_and_hooks_see_each_try() {
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let tries = Arc::new(AtomicUsize::new(0));
    let seen = tries.clone();
    let builder = CoreBuilder::new(&format!("http://127.0.0.1:{port}"), "t/1")
        .retry(quick())
        .on_request(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        });
    let error = call(builder, Method::GET).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(tries.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn the_total_timeout_ends_a_slow_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let builder = CoreBuilder::new(&server.uri(), "t/1")
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(50));
    match call(builder, Method::GET).await {
        Err(Error::Transport(error)) => assert!(error.is_timeout(), "{error}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

/// A request hook can sign requests; a response hook sees statuses.
#[tokio::test]
async fn hooks_change_requests_and_see_responses() {
    let server = MockServer::start().await;
    Mock::given(header("x-signature", "signed"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let statuses = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = statuses.clone();
    let builder = CoreBuilder::new(&server.uri(), "t/1")
        .on_request(|request| {
            request
                .headers_mut()
                .insert("x-signature", "signed".parse().unwrap());
        })
        .on_response(move |response| seen.lock().unwrap().push(response.status().as_u16()));
    assert_eq!(call(builder, Method::GET).await.unwrap(), 204);
    assert_eq!(*statuses.lock().unwrap(), [204]);
}

#[tokio::test]
async fn an_idempotent_endpoint_retries_post() {
    let server = failing(ResponseTemplate::new(503), 1).await;
    let core = CoreBuilder::new(&server.uri(), "t/1")
        .retry(quick())
        .build()
        .unwrap();
    let endpoint = sdkgen_runtime::call::Endpoint {
        idempotent: true,
        ..common::endpoint(&[])
    };
    let request = core.request(Method::POST, "/x", &Pairs::new());
    let reply = core.send(request, &endpoint).await.unwrap();
    assert_eq!(reply.status().as_u16(), 204);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn per_call_options_apply_to_the_copy_only() {
    let server = failing(ResponseTemplate::new(503), 1).await;
    let core = CoreBuilder::new(&server.uri(), "t/1")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let send = |core: sdkgen_runtime::call::Core| async move {
        let request = core.request(Method::GET, "/x", &Pairs::new());
        core.send(request, &common::endpoint(&[]))
            .await
            .map(|reply| reply.status().as_u16())
    };
    // The copy retries and sends a header; the original does neither.
    let copy = core.with_retry(quick()).with_header("X-Tenant", "blue");
    assert_eq!(send(copy).await.unwrap(), 204);
    assert_eq!(requests(&server).await, 2);
    let server = failing(ResponseTemplate::new(503), 1).await;
    let core = CoreBuilder::new(&server.uri(), "t/1")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let copy = core.with_header("X-Tenant", "blue");
    assert_eq!(send(core.clone()).await.unwrap(), 503);
    assert_eq!(send(copy).await.unwrap(), 204);
    let seen = server.received_requests().await.unwrap();
    assert!(seen[0].headers.get("x-tenant").is_none());
    assert_eq!(seen[1].headers.get("x-tenant").unwrap(), "blue");

    // A header that cannot be sent fails every call of the copy, unsent.
    let bad = core.with_header("X-Tenant", "line\nbreak");
    let error: Error<()> = send(bad).await.unwrap_err().into();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(requests(&server).await, 2);

    // A timeout on the copy: a slow answer is given up on.
    let slow = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(5)))
        .mount(&slow)
        .await;
    let core = CoreBuilder::new(&slow.uri(), "t/1")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error: Error<()> = send(core.with_timeout(Duration::from_millis(50)))
        .await
        .unwrap_err()
        .into();
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
}
