//! The crate generated with `tests/fixtures/configured.sdkgen.toml`, on the
//! wire: typed formats (dates, ids, URLs, decimals, bytes) read and written, in bodies and in
//! a query parameter, and a value that does not parse as its format.

use configured::models::NewOrder;
use configured::operations::{CreateOrderRequest, GetOrderRequest, OrdersRequest};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> configured::Client {
    configured::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap()
}

async fn answering(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn formatted_strings_arrive_as_their_types() {
    let order = json!({
        "id": "o-1",
        "status": "open",
        "placedAt": "2026-12-03T09:30:00.250+01:00",
        "deliveryDate": "2026-12-24",
        "receipt": "https://shop.example/receipts/o-1?lang=de",
        "discount": "2.50",
        "ledgerId": "9007199254740993",
        "signature": "AAEC/w=="
    });
    let server = answering(200, order.clone()).await;
    let read = client(&server)
        .get_order(GetOrderRequest::new("o-1"))
        .await
        .unwrap();
    // `date-time` with chrono, `date` with the `time` crate.
    let placed = read.placed_at.unwrap();
    assert_eq!(placed.offset().local_minus_utc(), 3600);
    assert_eq!(placed.timestamp_millis(), 1_796_286_600_250);
    let day = read.delivery_date.unwrap().unwrap();
    assert_eq!((day.year(), day.ordinal()), (2026, 358));
    assert_eq!(read.receipt.as_ref().unwrap().query(), Some("lang=de"));
    // The scale is kept: `2.50` stays `2.50`.
    let discount = read.discount.unwrap();
    assert_eq!((discount.mantissa(), discount.scale()), (250, 2));
    // 2^53 + 1: a double would have made it …992.
    assert_eq!(read.ledger_id.unwrap().mantissa(), 9_007_199_254_740_993);
    assert_eq!(read.signature, Some(Some(vec![0, 1, 2, 255])));
    // Written back: the same values, as text of the same form.
    assert_eq!(serde_json::to_value(read.body()).unwrap(), order);
}

#[tokio::test]
async fn typed_values_are_sent_as_their_text() {
    let server = answering(201, json!({"id": "o-2", "status": "open"})).await;
    let id: uuid::Uuid = "6f1c2a90-5b7e-4d6a-9c1e-0a9b8c7d6e5f".parse().unwrap();
    let body = NewOrder::new("book")
        .request_id(id)
        .attachments(vec![b"%PDF".to_vec(), vec![0xff, 0x00]]);
    client(&server)
        .create_order(CreateOrderRequest::new(body))
        .await
        .unwrap();
    // chrono's type carries its own serde: a query parameter is typed too.
    let since = chrono::DateTime::parse_from_rfc3339("2026-12-01T00:00:00+00:00").unwrap();
    client(&server)
        .orders(OrdersRequest::new().since(since))
        .await
        .unwrap_err(); // the mock answers an object where a list is documented
    let sent = server.received_requests().await.unwrap();
    let created: serde_json::Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(created["requestId"], "6f1c2a90-5b7e-4d6a-9c1e-0a9b8c7d6e5f");
    assert_eq!(created["attachments"], json!(["JVBERg==", "/wA="]));
    assert_eq!(
        sent[1].url.query(),
        // chrono writes a zero offset as `Z`: the same instant, other text.
        Some("since=2026-12-01T00%3A00%3A00Z")
    );
}

/// A server's value that does not parse as its format refuses the body
/// with `Error::Decode`, which keeps the body as it came and says where:
/// nothing is lost, and nothing is guessed. (Without `formats` the field is
/// a `String` and any text reads.)
#[tokio::test]
async fn a_value_that_does_not_parse_keeps_the_body_in_the_error() {
    let server = answering(
        200,
        json!({"id": "o-3", "status": "open", "placedAt": "yesterday"}),
    )
    .await;
    let error = client(&server)
        .get_order(GetOrderRequest::new("o-3"))
        .await
        .unwrap_err();
    let configured::Error::Decode {
        status,
        body,
        source,
        ..
    } = &error
    else {
        panic!("not a decode error: {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert!(String::from_utf8_lossy(body).contains("\"placedAt\":\"yesterday\""));
    // A value of the wrong form, not broken JSON.
    assert!(source.is_data(), "{source}");
    // Read as a plain value instead, the same body loses nothing.
    let kept: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(kept["placedAt"], "yesterday");
}

/// A `null` signature is kept apart from an absent one, and text that is
/// not base64 is refused like any value that does not fit its type.
#[tokio::test]
async fn bytes_keep_null_apart_and_refuse_what_is_not_base64() {
    let server = answering(
        200,
        json!({"id": "o-4", "status": "open", "signature": null}),
    )
    .await;
    let read = client(&server)
        .get_order(GetOrderRequest::new("o-4"))
        .await
        .unwrap();
    assert_eq!(read.signature, Some(None));
    assert_eq!(
        serde_json::to_value(read.body()).unwrap()["signature"],
        json!(null)
    );
    let server = answering(
        200,
        json!({"id": "o-5", "status": "open", "signature": "%%%"}),
    )
    .await;
    let error = client(&server)
        .get_order(GetOrderRequest::new("o-5"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, configured::Error::Decode { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not base64"), "{error}");
}
