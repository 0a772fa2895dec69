//! The consumer code of `src/orders.rs` at work against both releases: what
//! a v2 server sends reaches code written for v1 without loss, through the
//! first release's types and the second's.

use sdkgen_consumer::{v1, v2};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An order as the second release's server sends it: a status, a property
/// and a channel the first release does not know.
fn v2_order() -> serde_json::Value {
    json!({
        "id": "o-1",
        "status": "cancelled",
        "item": "book",
        "quantity": 2,
        "total": 1250,
        "price": {"cents": 1250, "currency": "EUR"},
        "tracking": "TR-9",
        "channel": {"kind": "phone", "agent": "ada"}
    })
}

#[test]
fn first_release_types_keep_what_the_second_adds() {
    let order: evolution_v1::models::Order = serde_json::from_value(v2_order()).unwrap();
    assert_eq!(v1::status_label(&order.status), "other: cancelled");
    assert_eq!(
        v1::channel_label(order.channel.as_ref().unwrap()),
        "another channel"
    );
    assert_eq!(order.additional_properties["tracking"], "TR-9");
    assert_eq!(v1::summary(&order), "o-1 other: cancelled x2 = 1250");
    // Written back, the value is the one that came.
    assert_eq!(serde_json::to_value(&order).unwrap(), v2_order());
}

#[test]
fn second_release_types_read_it_typed_and_old_code_still_runs() {
    let order: evolution_v2::models::Order = serde_json::from_value(v2_order()).unwrap();
    assert_eq!(order.status, evolution_v2::models::OrderStatus::Cancelled);
    assert_eq!(order.tracking.as_deref(), Some("TR-9"));
    assert!(order.additional_properties.is_empty());
    // The v1 code names no `Cancelled`: its catch-all arm takes it.
    assert_eq!(v2::status_label(&order.status), "other: cancelled");
    assert_eq!(
        v2::channel_label(order.channel.as_ref().unwrap()),
        "another channel"
    );
    assert_eq!(serde_json::to_value(&order).unwrap(), v2_order());
}

#[test]
fn values_built_through_new_and_setters_are_the_same_in_both() {
    let one = serde_json::to_value(v1::new_order()).unwrap();
    let two = serde_json::to_value(v2::new_order()).unwrap();
    assert_eq!(one, json!({"item": "book", "quantity": 2, "note": null}));
    assert_eq!(one, two);
    assert_eq!(
        serde_json::to_value(v1::web_channel()).unwrap(),
        serde_json::to_value(v2::web_channel()).unwrap()
    );
    assert_eq!(
        serde_json::to_value(v1::list_request()).unwrap(),
        serde_json::to_value(v2::list_request()).unwrap()
    );
}

#[tokio::test]
async fn the_same_program_runs_against_either_client() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/orders"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": "o-1", "status": "open"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/orders/o-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(v2_order()))
        .mount(&server)
        .await;
    let old = v1::place_and_fetch(&v1::client(&server.uri()))
        .await
        .unwrap();
    let new = v2::place_and_fetch(&v2::client(&server.uri()))
        .await
        .unwrap();
    assert_eq!(v1::summary(&old), v2::summary(&new));
    let sent = server.received_requests().await.unwrap();
    let bodies: Vec<serde_json::Value> = sent
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
}
