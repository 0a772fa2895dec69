//! A request body as `encode_body` sends it: made JSON once (its one step
//! per type), then written as JSON or as a form.

use std::collections::BTreeMap;

use sdkgen_runtime::call::{encode_body, BodyEncoding};
use serde::Serialize;

#[derive(Serialize)]
struct Body {
    zeta: &'static str,
    alpha: f64,
    count: u64,
    nested: BTreeMap<&'static str, Option<i64>>,
}

fn sent(encoding: BodyEncoding, body: &impl Serialize) -> (String, Vec<u8>) {
    let builder = reqwest::Client::new().post("http://127.0.0.1:9/");
    let request = encode_body(builder, body, encoding, &[])
        .unwrap()
        .build()
        .unwrap();
    let content_type = request.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = request.body().unwrap().as_bytes().unwrap().to_vec();
    (content_type, bytes)
}

/// The JSON sent is byte for byte what serde_json writes of the body itself:
/// the detour through a JSON value keeps the fields' order and the numbers.
#[test]
fn a_json_body_is_what_serde_json_writes() {
    let body = Body {
        zeta: "z\"\n",
        alpha: 0.1 + 0.2,
        count: u64::MAX,
        nested: BTreeMap::from([("b", None), ("a", Some(i64::MIN))]),
    };
    let (content_type, bytes) = sent(BodyEncoding::Json, &body);
    assert_eq!(content_type, "application/json");
    assert_eq!(bytes, serde_json::to_vec(&body).unwrap());
}

#[test]
fn a_form_body_is_sent_as_a_form() {
    let body = BTreeMap::from([("name", "a b"), ("kind", "x&y")]);
    let (content_type, bytes) = sent(BodyEncoding::Form, &body);
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    assert_eq!(String::from_utf8(bytes).unwrap(), "kind=x%26y&name=a+b");
}

/// A body that cannot be written as JSON (a map whose keys are not text) is
/// refused before anything is sent, whichever its encoding.
#[test]
fn a_body_that_does_not_serialize_is_refused() {
    let body = BTreeMap::from([((1, 2), 3)]);
    for encoding in [BodyEncoding::Json, BodyEncoding::Form] {
        let builder = reqwest::Client::new().post("http://127.0.0.1:9/");
        let error = encode_body(builder, &body, encoding, &[]).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("the request was not sent: the request body does not serialize"),
            "{message}"
        );
    }
}
