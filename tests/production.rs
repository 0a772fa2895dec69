//! The client generated from tests/fixtures/production.yaml doing the work
//! around each call against real HTTP servers on 127.0.0.1: OAuth 2.0
//! client-credentials tokens (one token request per set of scopes for any
//! number of concurrent calls, renewal after 401, a failing token endpoint),
//! idempotency keys kept across retries, per-call options, traces, and the
//! `webhooks` module reading signed payloads. How the runtime caches and
//! renews tokens, and checks each signature scheme against published test
//! vectors, is proven in templates/runtime/tests/{oauth2,webhooks}.rs.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use production::models::{Money, NewPayment, PaymentStatus};
use production::operations::{
    CreatePaymentRequest, CreateRefundRequest, CreateRefundRequestBody, GetPaymentRequest,
};
use production::webhooks::{HeaderMap, Verifier, WebhookError};
use production::{Client, Error, OAuth2, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const SECRET: &str = "cl13nt-s3cret";

/// A token endpoint that hands out `tok-1`, `tok-2`, … for an hour, after a
/// pause that lets concurrent calls pile up.
struct Tokens(Arc<AtomicUsize>);

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_body_json(json!({
                "access_token": format!("tok-{n}"),
                "token_type": "Bearer",
                "expires_in": 3600,
            }))
            .set_delay(Duration::from_millis(100))
    }
}

const PAYMENT: &str =
    r#"{"id":"pay_1","status":"succeeded","amount":{"amount":1250,"currency":"EUR"}}"#;

/// One server for the token endpoint (`/oauth/token`, which the spec's
/// relative `tokenUrl` names) and the API below `/v1`; the API accepts the
/// tokens in `accepted` and answers 401 to any other.
async fn payments(accepted: &'static [&'static str]) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(Tokens(issued.clone()))
        .mount(&server)
        .await;
    Mock::given(path("/v1/payments/pay_1"))
        .respond_with(move |request: &Request| {
            let given = request
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if accepted.iter().any(|t| given == format!("Bearer {t}")) {
                ResponseTemplate::new(200).set_body_raw(PAYMENT, "application/json")
            } else {
                ResponseTemplate::new(401)
            }
        })
        .mount(&server)
        .await;
    Mock::given(path("/v1/payments"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(PAYMENT, "application/json"))
        .mount(&server)
        .await;
    (server, issued)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .client_credentials(OAuth2::client_credentials("client-1", SECRET))
        .retry(quick())
        .build()
        .unwrap()
}

/// Retries a millisecond apart.
fn quick() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

fn new_payment() -> CreatePaymentRequest {
    CreatePaymentRequest::new(NewPayment::new(Money::new(1250, "EUR")))
}

async fn received(server: &MockServer, at: &str) -> Vec<Request> {
    let mut all = server.received_requests().await.unwrap();
    all.retain(|r| r.url.path() == at);
    all
}

fn scope_of(request: &Request) -> String {
    form_urlencoded::parse(&request.body)
        .find(|(key, _)| key == "scope")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn concurrent_calls_share_one_token_per_set_of_scopes() {
    let (server, issued) = payments(&["tok-1", "tok-2"]).await;
    let client = client(&server);
    let mut calls = Vec::new();
    for _ in 0..8 {
        let client = client.clone();
        calls.push(tokio::spawn(async move {
            let payment = client
                .get_payment(GetPaymentRequest::new("pay_1"))
                .await
                .unwrap();
            assert_eq!(payment.status, PaymentStatus::Succeeded);
        }));
    }
    for _ in 0..3 {
        let client = client.clone();
        calls.push(tokio::spawn(async move {
            client.create_payment(new_payment()).await.unwrap();
        }));
    }
    for call in calls {
        call.await.unwrap();
    }
    // Each operation asks for its own scopes: one token for reading, one
    // for writing, whatever the number of calls.
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let mut scopes: Vec<String> = received(&server, "/oauth/token")
        .await
        .iter()
        .map(scope_of)
        .collect();
    scopes.sort();
    assert_eq!(scopes, ["payments:read", "payments:write"]);
    let token_request = &received(&server, "/oauth/token").await[0];
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("client-1:{SECRET}"));
    assert_eq!(
        token_request.headers.get("authorization").unwrap(),
        &format!("Basic {basic}")
    );
    for call in received(&server, "/v1/payments/pay_1").await {
        let token = call.headers.get("authorization").unwrap().to_str().unwrap();
        assert!(
            token == "Bearer tok-1" || token == "Bearer tok-2",
            "{token}"
        );
    }
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_the_call_is_sent_again() {
    // The API refuses the first token (revoked) and takes the second.
    let (server, issued) = payments(&["tok-2"]).await;
    let payment = client(&server)
        .get_payment(GetPaymentRequest::new("pay_1"))
        .await
        .unwrap();
    assert_eq!(payment.id, "pay_1");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(received(&server, "/v1/payments/pay_1").await.len(), 2);
}

#[tokio::test]
async fn a_failing_token_endpoint_is_a_typed_error_naming_its_url() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_scope"})))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client
        .get_payment(GetPaymentRequest::new("pay_1"))
        .await
        .unwrap_err();
    let Error::Auth(auth) = &error else {
        panic!("expected Error::Auth, got {error:?}")
    };
    assert_eq!(auth.scheme, "clientCredentials");
    assert_eq!(
        auth.token_url.as_deref(),
        Some(format!("{}/oauth/token", server.uri()).as_str())
    );
    assert_eq!(auth.error.as_deref(), Some("invalid_scope"));
    assert!(received(&server, "/v1/payments/pay_1").await.is_empty());
    for shown in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!shown.contains(SECRET), "{shown}");
    }
    assert!(format!("{error}").contains("/oauth/token"));
}

/// An API that answers 503 (retry at once) to the first request of each
/// path, then `status`.
async fn flaky(status: u16) -> MockServer {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(Tokens(Arc::new(AtomicUsize::new(0))))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path_regex("^/v1/"))
        .respond_with(move |request: &Request| {
            let mut seen = seen.lock().unwrap();
            let at = request.url.path().to_owned();
            if seen.contains(&at) {
                ResponseTemplate::new(status).set_body_raw(
                    r#"{"id":"re_1","payment_id":"pay_1","status":"pending","amount":{"amount":1,"currency":"EUR"}}"#,
                    "application/json",
                )
            } else {
                seen.push(at);
                ResponseTemplate::new(503).insert_header("Retry-After", "0")
            }
        })
        .mount(&server)
        .await;
    server
}

fn key_of(request: &Request) -> String {
    request
        .headers
        .get("idempotency-key")
        .expect("an idempotency key")
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_idempotent_post_is_retried_with_the_same_key_and_calls_differ() {
    let server = flaky(201).await;
    let client = client(&server);
    client.create_payment(new_payment()).await.unwrap();
    let tries = received(&server, "/v1/payments").await;
    assert_eq!(tries.len(), 2, "the 503 is retried for a POST with a key");
    assert_eq!(key_of(&tries[0]), key_of(&tries[1]));
    let key = key_of(&tries[0]);
    assert_eq!(key.len(), 36, "a UUID: {key}");
    assert_eq!(&key[14..15], "4", "version 4: {key}");

    // The next call makes a key of its own; one the caller sets is kept.
    client.create_payment(new_payment()).await.unwrap();
    let mine = new_payment().idempotency_key("order-77");
    client.create_payment(mine).await.unwrap();
    let tries = received(&server, "/v1/payments").await;
    assert_eq!(tries.len(), 4);
    assert_ne!(key_of(&tries[2]), key);
    assert_eq!(key_of(&tries[3]), "order-77");

    // `x-idempotent` with no key parameter: the client sends one anyway.
    let refund = CreateRefundRequest::new(CreateRefundRequestBody::new("pay_1"));
    client.create_refund(refund).await.unwrap();
    let tries = received(&server, "/v1/refunds").await;
    assert_eq!(tries.len(), 2);
    assert_eq!(key_of(&tries[0]), key_of(&tries[1]));
}

#[tokio::test]
async fn a_post_without_a_key_is_not_retried() {
    let server = flaky(202).await;
    let error = client(&server).create_payout().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    let tries = received(&server, "/v1/payouts").await;
    assert_eq!(tries.len(), 1);
    assert!(tries[0].headers.get("idempotency-key").is_none());
}

#[tokio::test]
async fn per_call_options_apply_to_the_copy_only() {
    let (server, _) = payments(&["tok-1"]).await;
    let client = client(&server);
    let tenant = client.with_header("X-Tenant", "blue");
    tenant
        .get_payment(GetPaymentRequest::new("pay_1"))
        .await
        .unwrap();
    client
        .get_payment(GetPaymentRequest::new("pay_1"))
        .await
        .unwrap();
    let calls = received(&server, "/v1/payments/pay_1").await;
    assert_eq!(calls[0].headers.get("x-tenant").unwrap(), "blue");
    assert!(calls[1].headers.get("x-tenant").is_none());
    // The copy shares the token: one token request for both.
    assert_eq!(received(&server, "/oauth/token").await.len(), 1);

    let bad = client.with_header("X-Tenant", "two\nlines");
    let error = bad
        .get_payment(GetPaymentRequest::new("pay_1"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(received(&server, "/v1/payments/pay_1").await.len(), 2);

    // A timeout for one copy: the token endpoint's pause (100 ms) is within
    // it, the slow answer is not.
    let slow = MockServer::start().await;
    Mock::given(path("/v1/payouts"))
        .respond_with(ResponseTemplate::new(202).set_delay(Duration::from_secs(5)))
        .mount(&slow)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1", slow.uri()))
        .client_credentials(OAuth2::token("fixed"))
        .build()
        .unwrap();
    let error = client
        .with_timeout(Duration::from_millis(50))
        .with_retry(RetryPolicy::none())
        .create_payout()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
}

// ---------------------------------------------------------------------------
// Traces

/// What a subscriber saw: `span.field = value` and `event.field = value`.
#[derive(Clone, Default)]
struct Recorded(Arc<Mutex<Vec<(String, String)>>>);

struct Fields<'a>(&'a mut Vec<(String, String)>, &'static str);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0
            .push((format!("{}.{}", self.1, field.name()), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0
            .push((format!("{}.{}", self.1, field.name()), value.to_owned()));
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Recorded {
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        _: &tracing::span::Id,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut seen = self.0.lock().unwrap();
        seen.push(("span".to_owned(), attrs.metadata().name().to_owned()));
        attrs.record(&mut Fields(&mut seen, "span"));
    }

    fn on_record(
        &self,
        _: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) {
        values.record(&mut Fields(&mut self.0.lock().unwrap(), "span"));
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        // The HTTP stack traces too (hyper's connection events): those are
        // kept apart, and only checked for secrets.
        let ours = event.metadata().target().starts_with("production");
        let kind = if ours { "event" } else { "dependency" };
        event.record(&mut Fields(&mut self.0.lock().unwrap(), kind));
    }
}

#[tokio::test]
async fn each_call_is_one_span_with_its_retries_as_events_and_no_secrets() {
    use tracing_subscriber::layer::SubscriberExt;
    let recorded = Recorded::default();
    let subscriber = tracing_subscriber::registry().with(recorded.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = flaky(201).await;
    let client = client(&server);
    client.create_payment(new_payment()).await.unwrap();
    let seen = recorded.0.lock().unwrap().clone();
    let value = |key: &str| -> Vec<&str> {
        seen.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(value("span"), ["call"], "one span for the call");
    assert_eq!(value("span.operation"), ["createPayment"]);
    assert_eq!(value("span.method"), ["POST"]);
    assert_eq!(value("span.path"), ["/payments"]);
    assert_eq!(value("span.attempt"), ["1", "2"]);
    assert_eq!(value("span.status"), ["201"]);
    assert_eq!(value("span.duration_ms").len(), 1);
    assert_eq!(value("event.reason"), ["503 Service Unavailable"]);
    assert_eq!(value("event.message"), ["retrying"]);
    let key = key_of(&received(&server, "/v1/payments").await[0]);
    for (field, shown) in &seen {
        for secret in [SECRET, "tok-1", key.as_str()] {
            assert!(!shown.contains(secret), "{field} = {shown} holds {secret}");
        }
        // Our spans and events name the path template, never the URL.
        if !field.starts_with("dependency") {
            assert!(!shown.contains(&server.uri()), "{field} = {shown}");
        }
    }
}

// ---------------------------------------------------------------------------
// Webhooks

const WEBHOOK_SECRET: &str = "whsec_c2RrZ2VuLXRlc3Qtc2lnbmluZy1rZXk=";

/// A request signed as Standard Webhooks do, at `timestamp`.
fn signed(body: &str, timestamp: u64) -> HeaderMap {
    let key = base64::engine::general_purpose::STANDARD
        .decode(WEBHOOK_SECRET.trim_start_matches("whsec_"))
        .unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("msg_1.{timestamp}.{body}").as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", "msg_1".parse().unwrap());
    headers.insert("webhook-timestamp", timestamp.to_string().parse().unwrap());
    headers.insert(
        "webhook-signature",
        format!("v1,{signature}").parse().unwrap(),
    );
    headers
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn webhooks_and_callbacks_are_verified_and_typed() {
    let verifier = Verifier::new(WEBHOOK_SECRET).unwrap();
    let payment = verifier
        .payment_succeeded(&signed(PAYMENT, now()), PAYMENT.as_bytes())
        .unwrap();
    assert_eq!(payment.amount.amount, 1250);

    let dispute = r#"{"payment_id":"pay_1","reason":"fraudulent"}"#;
    let opened = verifier
        .dispute_opened(&signed(dispute, now()), dispute.as_bytes())
        .unwrap();
    assert_eq!(opened.reason, "fraudulent");

    // The callback of createPayment, typed like a webhook.
    let settled = r#"{"payment_id":"pay_1","settled_at":"2026-12-01T10:00:00Z"}"#;
    let settlement = verifier
        .payment_settled(&signed(settled, now()), settled.as_bytes())
        .unwrap();
    assert_eq!(settlement.payment_id, "pay_1");

    let tampered = PAYMENT.replace("1250", "9250");
    assert!(matches!(
        verifier.payment_succeeded(&signed(PAYMENT, now()), tampered.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
    assert!(matches!(
        verifier.payment_succeeded(&signed(PAYMENT, now() - 600), PAYMENT.as_bytes()),
        Err(WebhookError::TimestampOutOfTolerance { .. })
    ));
    let other = Verifier::new("whsec_b3RoZXIta2V5").unwrap();
    assert!(matches!(
        other.payment_succeeded(&signed(PAYMENT, now()), PAYMENT.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
    // A signed body of another shape is refused after the signature holds.
    assert!(matches!(
        verifier.dispute_opened(&signed(PAYMENT, now()), PAYMENT.as_bytes()),
        Err(WebhookError::Payload(_))
    ));
}

#[test]
fn the_blocking_client_has_the_per_call_options_too() {
    let client = production::blocking::Client::new(
        Client::builder()
            .client_credentials(OAuth2::token("fixed"))
            .build()
            .unwrap(),
    )
    .unwrap();
    let copy = client
        .with_timeout(Duration::from_secs(1))
        .with_retry(RetryPolicy::none())
        .with_header("X-Tenant", "blue");
    assert_eq!(copy.client().base_url(), client.client().base_url());
    assert!(!format!("{copy:?}").contains("fixed"));
}
