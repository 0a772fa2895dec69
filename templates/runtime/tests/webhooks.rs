//! Webhook signatures, checked against the schemes' published test vectors
//! (Standard Webhooks' specification, GitHub's documentation) and one
//! computed apart from this code (Python's `hmac` module), then with tampered
//! bodies, stale timestamps and wrong secrets.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use sdkgen_runtime::webhooks::{Scheme, Verifier, WebhookError};
use serde_json::Value;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    pairs
        .iter()
        .map(|(name, value)| {
            (
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            )
        })
        .collect()
}

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

// Standard Webhooks' test vector (its specification's reference tests).
const STANDARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const STANDARD_BODY: &[u8] = br#"{"test": 2432232314}"#;
const STANDARD_TIME: u64 = 1614265330;

fn standard_headers(signature: &str) -> HeaderMap {
    headers(&[
        ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", signature),
    ])
}

#[test]
fn standard_webhooks_vector_verifies_and_tampering_does_not() {
    let verifier = Verifier::new(Scheme::StandardWebhooks, STANDARD_SECRET)
        .unwrap()
        .at(at(STANDARD_TIME + 10));
    let good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    let payload: Value = verifier
        .payload(&standard_headers(good), STANDARD_BODY)
        .unwrap();
    assert_eq!(payload["test"], 2432232314u64);
    // One good signature among several (a secret being rotated) is enough.
    let several = format!("v1,Zm9vYmFy {good} v2,abc");
    verifier
        .verify(&standard_headers(&several), STANDARD_BODY)
        .unwrap();

    let tampered = br#"{"test": 2432232315}"#;
    assert!(matches!(
        verifier.verify(&standard_headers(good), tampered),
        Err(WebhookError::SignatureMismatch)
    ));
    let other = Verifier::new(
        Scheme::StandardWebhooks,
        "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    )
    .unwrap()
    .at(at(STANDARD_TIME));
    assert!(matches!(
        other.verify(&standard_headers(good), STANDARD_BODY),
        Err(WebhookError::SignatureMismatch)
    ));
    // The signed id is part of the signature.
    let mut moved = standard_headers(good);
    moved.insert("webhook-id", HeaderValue::from_static("msg_other"));
    assert!(verifier.verify(&moved, STANDARD_BODY).is_err());
}

#[test]
fn standard_webhooks_refuses_stale_and_future_timestamps() {
    let good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    for now in [STANDARD_TIME + 301, STANDARD_TIME - 301] {
        let verifier = Verifier::new(Scheme::StandardWebhooks, STANDARD_SECRET)
            .unwrap()
            .at(at(now));
        assert!(matches!(
            verifier.verify(&standard_headers(good), STANDARD_BODY),
            Err(WebhookError::TimestampOutOfTolerance {
                timestamp: 1614265330,
                ..
            })
        ));
    }
    let lenient = Verifier::new(Scheme::StandardWebhooks, STANDARD_SECRET)
        .unwrap()
        .tolerance(Duration::from_secs(3600))
        .at(at(STANDARD_TIME + 3000));
    lenient
        .verify(&standard_headers(good), STANDARD_BODY)
        .unwrap();
}

#[test]
fn standard_webhooks_names_what_is_missing_and_hides_the_secret() {
    let verifier = Verifier::new(Scheme::StandardWebhooks, STANDARD_SECRET).unwrap();
    let missing = verifier
        .verify(&headers(&[("webhook-id", "m")]), STANDARD_BODY)
        .unwrap_err();
    assert!(matches!(
        missing,
        WebhookError::MissingHeader("webhook-timestamp")
    ));
    assert!(matches!(
        Verifier::new(Scheme::StandardWebhooks, "whsec_not base64!"),
        Err(WebhookError::InvalidSecret)
    ));
    let shown = format!("{verifier:?} {missing}");
    assert!(!shown.contains("MfKQ9r8"), "{shown}");
}

// GitHub's documented example ("Validating webhook deliveries").
#[test]
fn hub_signature_vector_verifies_and_tampering_does_not() {
    let verifier = Verifier::new(Scheme::HUB_SIGNATURE, "It's a Secret to Everybody").unwrap();
    let signed = headers(&[(
        "x-hub-signature-256",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    )]);
    verifier.verify(&signed, b"Hello, World!").unwrap();
    assert!(matches!(
        verifier.verify(&signed, b"Hello, World?"),
        Err(WebhookError::SignatureMismatch)
    ));
    let wrong = Verifier::new(Scheme::HUB_SIGNATURE, "another secret").unwrap();
    assert!(wrong.verify(&signed, b"Hello, World!").is_err());
    let unprefixed = headers(&[(
        "x-hub-signature-256",
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    )]);
    assert!(matches!(
        verifier.verify(&unprefixed, b"Hello, World!"),
        Err(WebhookError::MalformedHeader { .. })
    ));
}

// Computed with Python: hmac.new(b'whsec_test_secret',
// b'1700000000.' + body, hashlib.sha256).hexdigest().
const STRIPE_BODY: &[u8] = br#"{"id":"evt_1","type":"payment.succeeded"}"#;
const STRIPE_SIGNATURE: &str = "0a731970e30844c135c2ba545c0b030783248e5151afff97d4b4cac22ffa7321";

#[test]
fn timestamped_signature_verifies_and_refuses_replays() {
    let header = format!("t=1700000000,v1=deadbeef,v1={STRIPE_SIGNATURE},v0=ignored");
    let signed = headers(&[("stripe-signature", &header)]);
    let verifier = Verifier::new(Scheme::STRIPE_SIGNATURE, "whsec_test_secret")
        .unwrap()
        .at(at(1_700_000_100));
    let event: Value = verifier.payload(&signed, STRIPE_BODY).unwrap();
    assert_eq!(event["type"], "payment.succeeded");
    assert!(matches!(
        verifier.verify(&signed, br#"{"id":"evt_1","type":"payment.failed"}"#),
        Err(WebhookError::SignatureMismatch)
    ));
    let replayed = verifier.clone().at(at(1_700_000_000 + 301));
    assert!(matches!(
        replayed.verify(&signed, STRIPE_BODY),
        Err(WebhookError::TimestampOutOfTolerance { .. })
    ));
    // The timestamp is signed: moving it breaks the signature.
    let moved = format!("t=1700000050,v1={STRIPE_SIGNATURE}");
    assert!(matches!(
        verifier.verify(&headers(&[("stripe-signature", &moved)]), STRIPE_BODY),
        Err(WebhookError::SignatureMismatch)
    ));
    let wrong = Verifier::new(Scheme::STRIPE_SIGNATURE, "whsec_other")
        .unwrap()
        .at(at(1_700_000_100));
    assert!(wrong.verify(&signed, STRIPE_BODY).is_err());
}

#[test]
fn a_verified_body_of_another_shape_is_a_payload_error() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // read only to fail
    struct Pet {
        name: String,
    }
    let verifier = Verifier::new(Scheme::StandardWebhooks, STANDARD_SECRET)
        .unwrap()
        .at(at(STANDARD_TIME));
    let good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    let error = verifier
        .payload::<Pet>(&standard_headers(good), STANDARD_BODY)
        .unwrap_err();
    assert!(matches!(error, WebhookError::Payload(_)), "{error:?}");
}
