//! Every endpoint of the FastAPI app (`app.py`) through the crate sdkgen
//! generated from the document the running app serves. Run by `cargo xtask
//! fastapi` (and the xtask test `fastapi_server_round_trips`), which starts
//! the server and sets `TICKET_OFFICE_URL`. Each handler echoes or stores
//! what it receives; each test checks that what comes back is what was sent.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use ticket_office::models::*;
use ticket_office::operations::*;
use ticket_office::{Client, Error, Upload};

const API_KEY: &str = "office-key-123";
const BEARER: &str = "bearer-token-456";

fn base_url() -> String {
    std::env::var("TICKET_OFFICE_URL").expect("cargo xtask fastapi sets TICKET_OFFICE_URL")
}

/// A client with the API key and bearer credentials (the OAuth2 token is
/// fetched where it is needed).
fn client() -> Client {
    Client::builder()
        .base_url(base_url())
        .api_key_header(API_KEY)
        .http_bearer(BEARER)
        .build()
        .unwrap()
}

fn venue() -> Venue {
    let mut venue = Venue::new("Philharmonie", "Berlin");
    venue.capacity = Some(Some(2440));
    venue
}

fn event_in(title: &str) -> EventIn {
    let mut event = EventIn::new(
        title,
        Category::Concert,
        venue(),
        "2026-12-24T19:30:00Z",
        EventInPrice::String("49.90".into()),
    );
    event.tags = Some(vec!["classical".into(), "winter".into()]);
    event.seats_left = Some(BTreeMap::from([("stalls".into(), 120), ("balcony".into(), 0)]));
    event
}

fn attendee(name: &str) -> Attendee {
    let mut attendee = Attendee::new(name, format!("{}@example.com", name.to_lowercase()));
    attendee.age = Some(Some(41));
    attendee.vip = Some(true);
    attendee
}

fn order_in(event_id: i64) -> OrderInput {
    let card = CardPaymentInput::new("4242", CardPaymentInputAmount::String("99.80".into()));
    let mut order = OrderInput::new(
        event_id,
        vec![attendee("Ada"), bob()],
        Seats::V2,
        OrderInputPayment::CardPaymentInput(card),
        OrderInputReference::Integer(7),
    );
    order.priority = Some(Priority::Urgent);
    order.note = Some(Some("aisle seats".into()));
    order.placed_at = Some(Some("2026-12-01T08:00:00Z".into()));
    order
}

/// An attendee with the optional fields at FastAPI's defaults, so that
/// the echo equals what was sent.
fn bob() -> Attendee {
    let mut bob = Attendee::new("Bob", "bob@example.com");
    bob.age = Some(None);
    bob.vip = Some(false);
    bob
}

async fn new_event(client: &Client, title: &str) -> Event {
    client
        .create_event(CreateEventRequest::new(event_in(title)))
        .await
        .unwrap()
        .into_body()
}

fn assert_event(event: &Event, sent: &EventIn) {
    assert_eq!(event.title, sent.title);
    assert_eq!(event.category, sent.category);
    assert_eq!(event.venue, sent.venue);
    assert_eq!(event.starts_at, sent.starts_at);
    assert_eq!(event.price, "49.90");
    assert_eq!(event.tags, sent.tags);
    assert_eq!(event.seats_left, sent.seats_left);
}

/// The order as sent and as echoed, compared as JSON: the input and output
/// schemas are different types (FastAPI splits them), with the same data.
fn assert_order(echoed: &impl serde::Serialize, sent: &OrderInput) {
    let mut echoed = serde_json::to_value(echoed).unwrap();
    echoed.as_object_mut().unwrap().remove("id");
    assert_eq!(echoed, serde_json::to_value(sent).unwrap());
}

#[tokio::test]
async fn events_are_created_read_listed_replaced_and_deleted() {
    let client = client();
    let sent = event_in("Winter gala");
    let created = client
        .create_event(CreateEventRequest::new(sent.clone()))
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let event = created.into_body();
    assert_event(&event, &sent);

    let read = client.get_event(GetEventRequest::new(event.id)).await.unwrap();
    assert_eq!(read.body(), &event);

    let listed = client
        .list_events(
            ListEventsRequest::new()
                .category(Category::Concert)
                .tag(vec!["classical".into(), "winter".into()])
                .limit(100),
        )
        .await
        .unwrap()
        .into_body();
    assert!(listed.contains(&event), "{listed:?}");
    let none = client
        .list_events(ListEventsRequest::new().tag(vec!["no-such-tag".into()]))
        .await
        .unwrap()
        .into_body();
    assert!(none.is_empty(), "{none:?}");

    let by_category = client
        .events_by_category(EventsByCategoryRequest::new(Category::Concert))
        .await
        .unwrap()
        .into_body();
    assert!(by_category.contains(&event));

    let mut changed = event_in("Winter gala, second night");
    changed.category = Category::Theatre;
    let replaced = client
        .replace_event(ReplaceEventRequest::new(event.id, changed.clone()))
        .await
        .unwrap()
        .into_body();
    assert_eq!(replaced.id, event.id);
    assert_event(&replaced, &changed);

    let deleted = client
        .delete_event(DeleteEventRequest::new(event.id))
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    // Deleting again: FastAPI's 404 is not documented for this route.
    match client.delete_event(DeleteEventRequest::new(event.id)).await {
        Err(Error::UnexpectedStatus { status, body, .. }) => {
            assert_eq!(status, 404);
            assert_eq!(serde_json::from_slice::<Value>(&body).unwrap(), json!({"detail": "no such event"}));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_documented_404_comes_back_typed() {
    match client().get_event(GetEventRequest::new(987_654)).await {
        Err(Error::Api(response)) => {
            assert_eq!(response.status(), 404);
            let GetEventError::NotFound(problem) = response.body() else {
                panic!("{response:?}");
            };
            assert_eq!(problem.detail, "no such event");
            assert_eq!(problem.code, 987_654);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn fastapis_validation_error_comes_back_typed() {
    let mut bad = event_in("x");
    bad.title = String::new();
    match client().create_event(CreateEventRequest::new(bad)).await {
        Err(Error::Api(response)) => {
            assert_eq!(response.status(), 422);
            let detail = response.body().detail.as_ref().unwrap();
            assert_eq!(
                detail[0].loc,
                vec![
                    ValidationErrorLocItem::String("body".into()),
                    ValidationErrorLocItem::String("title".into())
                ]
            );
            assert_eq!(detail[0].r#type, "string_too_short");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn orders_round_trip_with_their_union_fields() {
    let client = client();
    let event = new_event(&client, "Orders").await;
    let sent = order_in(event.id);
    let placed = client
        .place_order(PlaceOrderRequest::new(sent.clone()))
        .await
        .unwrap();
    assert_eq!(placed.status(), 201);
    let placed = placed.into_body();
    assert_order(&placed, &sent);

    let read = client
        .get_order(GetOrderRequest::new(placed.id.clone()))
        .await
        .unwrap()
        .into_body();
    assert_eq!(read, placed);

    // Two body parameters: FastAPI embeds them in one object.
    let mut body = AddAttendeeBody::new(attendee("Cyd"), Seats::V4);
    body.reason = Some(Some("a friend".into()));
    let added = client
        .add_attendee(AddAttendeeRequest::new(placed.id.clone(), body))
        .await
        .unwrap()
        .into_body();
    assert_eq!(added.attendees.len(), 3);
    assert_eq!(added.attendees[2], attendee("Cyd"));
    assert_eq!(added.seats, Seats::V4);
    assert_eq!(added.note, Some(Some("a friend".into())));

    // One embedded body parameter, a discriminated union.
    let voucher = VoucherPaymentInput::new("XMAS-26", VoucherPaymentInputAmount::String("10".into()));
    let paid = client
        .pay_order(PayOrderRequest::new(
            placed.id.clone(),
            PayOrderBody::new(PayOrderBodyPayment::VoucherPaymentInput(voucher)),
        ))
        .await
        .unwrap()
        .into_body();
    let PayOrderResponse::VoucherPaymentOutput(paid) = paid else {
        panic!("{paid:?}");
    };
    assert_eq!((paid.code.as_str(), paid.amount.as_str()), ("XMAS-26", "10"));
    assert_eq!(paid.kind, VoucherPaymentOutputKind::Voucher);

    let receipt = client
        .order_receipt(OrderReceiptRequest::new(placed.id.clone()))
        .await
        .unwrap()
        .into_body();
    assert_eq!(receipt, format!("Order {}: 3 attendee(s), seats 4\n", placed.id));

    let ticket = client
        .order_ticket(OrderTicketRequest::new(placed.id.clone()))
        .await
        .unwrap();
    assert_eq!(ticket.headers()["content-type"], "application/pdf");
    let bytes = ticket.into_body().bytes().await.unwrap();
    let mut expected = b"%PDF-1.4\n".to_vec();
    expected.extend(uuid_bytes(&placed.id));
    expected.extend(0..=255u8);
    assert_eq!(bytes, expected);
}

/// The 16 bytes of a UUID's text.
fn uuid_bytes(text: &str) -> Vec<u8> {
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    (0..16)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

#[tokio::test]
async fn an_http_exception_beside_a_documented_model_keeps_its_body() {
    // `responses={404: {"model": Problem}}`, but the handler raises
    // HTTPException, whose body is `{"detail": …}` only: FastAPI documents
    // the 404 wrongly. The client says it could not decode, and keeps the
    // body.
    let missing = "00000000-0000-4000-8000-000000000000";
    match client().get_order(GetOrderRequest::new(missing)).await {
        Err(Error::Decode { status, body, .. }) => {
            assert_eq!(status, 404);
            assert_eq!(serde_json::from_slice::<Value>(&body).unwrap(), json!({"detail": "no such order"}));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn oauth2_password_flow_token_is_used() {
    let anonymous = Client::builder().base_url(base_url()).build().unwrap();
    let token: BTreeMap<String, String> = anonymous
        .token(TokenRequest::new(TokenBody::new("ada", "secret")))
        .await
        .unwrap()
        .into_body();
    assert_eq!(token["token_type"], "bearer");
    let client = Client::builder()
        .base_url(base_url())
        .o_auth2_password_bearer(token["access_token"].clone())
        .build()
        .unwrap();
    let who = client.whoami_oauth().await.unwrap().into_body();
    assert_eq!(who.values["scheme"], "oauth2");
    let orders = client.list_orders().await.unwrap();
    assert_eq!(orders.status(), 200);

    match anonymous
        .token(TokenRequest::new(TokenBody::new("ada", "wrong")))
        .await
    {
        Err(Error::UnexpectedStatus { status, .. }) => assert_eq!(status, 400),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn api_key_and_bearer_are_sent() {
    let client = client();
    assert_eq!(client.whoami_key().await.unwrap().body().values["scheme"], "api key");
    assert_eq!(client.whoami_bearer().await.unwrap().body().values["scheme"], "bearer");
    let wrong = Client::builder()
        .base_url(base_url())
        .api_key_header("nope")
        .build()
        .unwrap();
    match wrong.whoami_key().await {
        Err(Error::UnexpectedStatus { status, .. }) => assert_eq!(status, 403),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn path_parameters_of_each_type_arrive() {
    let ident = "5f0c6e1a-8a8e-4a52-9f53-3c1b2a7d9e10";
    let echo = client()
        .echo_path(EchoPathRequest::new(-42, "grüße & more", ident, Priority::Urgent))
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        Value::Object(echo.values.into_iter().collect()),
        json!({"number": -42, "word": "grüße & more", "ident": ident, "priority": "urgent"})
    );
}

#[tokio::test]
async fn query_parameters_of_each_type_arrive() {
    let client = client();
    let full = client
        .echo_query(
            EchoQueryRequest::new(true, 0.1, "2026-12-02", "2026-12-02T10:20:30Z")
                .word("bonjour")
                .count(3)
                .words(vec!["a".into(), "b c".into(), "d&e=f".into()])
                .numbers(vec![1, -2])
                .search_text("x&y=z #1"),
        )
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        Value::Object(full.values.into_iter().collect()),
        json!({
            "flag": true, "ratio": 0.1, "day": "2026-12-02", "moment": "2026-12-02T10:20:30+00:00",
            "word": "bonjour", "count": 3, "words": ["a", "b c", "d&e=f"], "numbers": [1, -2],
            "search_text": "x&y=z #1",
        })
    );
    // Optional parameters left out take FastAPI's defaults.
    let bare = client
        .echo_query(EchoQueryRequest::new(false, -1.5e300, "2026-01-31", "2026-01-31T23:59:59+02:00"))
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        Value::Object(bare.values.into_iter().collect()),
        json!({
            "flag": false, "ratio": -1.5e300, "day": "2026-01-31", "moment": "2026-01-31T23:59:59+02:00",
            "word": "hello", "count": null, "words": [], "numbers": null, "search_text": null,
        })
    );
}

#[tokio::test]
async fn header_parameters_arrive() {
    let echo = client()
        .echo_headers(
            EchoHeadersRequest::new("req-1")
                .x_retry_count(2)
                .x_agent_note("from the test"),
        )
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        Value::Object(echo.values.into_iter().collect()),
        json!({"x_request_id": "req-1", "x_retry_count": 2, "agent_note": "from the test", "x_tags": null})
    );
}

#[tokio::test]
async fn a_header_list_is_one_comma_joined_value() {
    // OpenAPI's `simple` style, the default for headers, joins an array
    // with commas in one header; FastAPI documents `list[str]` headers so,
    // but reads each header line as one item. What it echoes is the one
    // joined value: the README lists this.
    let echo = client()
        .echo_headers(EchoHeadersRequest::new("req-2").x_tags(vec!["a".into(), "b".into()]))
        .await
        .unwrap()
        .into_body();
    assert_eq!(echo.values["x_tags"], json!(["a,b"]));
}

#[tokio::test]
async fn cookies_arrive() {
    let client = client();
    let echo = client
        .echo_cookies(EchoCookiesRequest::new("s-123").theme("dark"))
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        Value::Object(echo.values.into_iter().collect()),
        json!({"session": "s-123", "theme": "dark"})
    );
    let echo = client
        .echo_cookies(EchoCookiesRequest::new("s-456"))
        .await
        .unwrap()
        .into_body();
    assert_eq!(echo.values["theme"], Value::Null);
}

#[tokio::test]
async fn json_bodies_are_echoed_unchanged() {
    let client = client();
    let sent = order_in(1);
    let echoed = client
        .echo_order(EchoOrderRequest::new(sent.clone()))
        .await
        .unwrap()
        .into_body();
    assert_order(&echoed, &sent);

    // Defaults FastAPI fills in come back; the optional nulls too.
    let bare = OrderInput::new(
        2,
        vec![],
        Seats::V1,
        OrderInputPayment::CardPaymentInput(CardPaymentInput::new(
            "0000",
            CardPaymentInputAmount::Number(12.5),
        )),
        OrderInputReference::String("REF-9".into()),
    );
    let echoed = client
        .echo_order(EchoOrderRequest::new(bare))
        .await
        .unwrap()
        .into_body();
    assert_eq!(echoed.priority, Some(Priority::Normal));
    assert_eq!(echoed.note, Some(None));
    assert_eq!(echoed.reference, OrderOutputReference::String("REF-9".into()));
    let OrderOutputPayment::CardPaymentOutput(card) = &echoed.payment else {
        panic!("{echoed:?}");
    };
    assert_eq!(card.amount, "12.5");

    let attendees = vec![attendee("Dee"), Attendee::new("Eve", "eve@example.com")];
    let echoed = client
        .echo_attendees(EchoAttendeesRequest::new(attendees.clone()))
        .await
        .unwrap()
        .into_body();
    // The optional fields left out come back at their defaults.
    assert_eq!(echoed[0], attendees[0]);
    assert_eq!(echoed[1].full_name, "Eve");
    assert_eq!((echoed[1].age.clone(), echoed[1].vip), (Some(None), Some(false)));

    let counts = BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), -9_007_199_254_740_993)]);
    let echoed = client
        .echo_counts(EchoCountsRequest::new(counts.clone()))
        .await
        .unwrap()
        .into_body();
    assert_eq!(echoed, counts);
}

#[tokio::test]
async fn unions_come_back_as_the_alternative_sent() {
    let client = client();
    let card = CardPaymentInput::new("1234", CardPaymentInputAmount::String("5.00".into()));
    let echoed = client
        .echo_payment(EchoPaymentRequest::new(EchoPaymentRequestBody::CardPaymentInput(card)))
        .await
        .unwrap()
        .into_body();
    let EchoPaymentResponse::CardPaymentOutput(card) = echoed else {
        panic!("{echoed:?}");
    };
    assert_eq!((card.last4.as_str(), card.amount.as_str()), ("1234", "5.00"));

    for (sent, expected) in [
        (EchoReferenceRequestBody::Integer(-3), EchoReferenceResponse::Integer(-3)),
        (
            EchoReferenceRequestBody::String("r-1".into()),
            EchoReferenceResponse::String("r-1".into()),
        ),
        (
            EchoReferenceRequestBody::StringList(vec!["x".into(), "y".into()]),
            EchoReferenceResponse::StringList(vec!["x".into(), "y".into()]),
        ),
    ] {
        let echoed = client
            .echo_reference(EchoReferenceRequest::new(sent))
            .await
            .unwrap()
            .into_body();
        assert_eq!(echoed, expected);
    }
}

#[tokio::test]
async fn embedded_enum_bodies_and_form_bodies_arrive() {
    let client = client();
    let echo = client
        .echo_priority(EchoPriorityRequest::new(EchoPriorityBody::new(Priority::Low, Seats::V4)))
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        Value::Object(echo.values.into_iter().collect()),
        json!({"priority": "low", "seats": 4})
    );

    let mut form = EchoFormBody::new("Zoë & co", 3);
    form.subscribe = Some(true);
    form.comment = Some(Some("a=b&c".into()));
    let echo = client
        .echo_form(EchoFormRequest::new(form))
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        Value::Object(echo.values.into_iter().collect()),
        json!({"name": "Zoë & co", "quantity": 3, "subscribe": true, "comment": "a=b&c"})
    );
}

fn uploaded(file_name: &str, content_type: &str, bytes: &[u8]) -> Uploaded {
    Uploaded::new(
        Some(file_name.to_owned()),
        Some(content_type.to_owned()),
        bytes.len() as i64,
        hex(bytes),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes that are not text: every byte value, and a CR LF that a text part
/// would keep or break.
fn binary() -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..=255).collect();
    bytes.extend(b"\r\n--boundary\r\n");
    bytes
}

#[tokio::test]
async fn one_upload_arrives_with_its_name_type_and_bytes() {
    let file = Upload::from_bytes(binary())
        .file_name("scan.bin")
        .content_type("application/x-scan");
    let report = client()
        .upload_file(UploadFileRequest::new(UploadFileBody::new(file, "Scan")))
        .await
        .unwrap()
        .into_body();
    assert_eq!(report.title, "Scan");
    assert_eq!(report.files, vec![uploaded("scan.bin", "application/x-scan", &binary())]);
}

#[tokio::test]
async fn several_uploads_arrive_in_order() {
    let files = vec![
        Upload::from_bytes(b"first".to_vec()).file_name("a.txt").content_type("text/plain"),
        Upload::from_bytes(binary()).file_name("b.bin"),
    ];
    let report = client()
        .upload_files(UploadFilesRequest::new(UploadFilesBody::new(files, "Two")))
        .await
        .unwrap()
        .into_body();
    assert_eq!(report.title, "Two");
    assert_eq!(
        report.files,
        vec![
            uploaded("a.txt", "text/plain", b"first"),
            uploaded("b.bin", "application/octet-stream", &binary()),
        ]
    );
}

#[tokio::test]
async fn an_optional_upload_may_be_left_out() {
    let client = client();
    let mut body = UploadOptionalBody::new("With");
    body.file = Some(Upload::from_bytes(b"x".to_vec()).file_name("x.txt"));
    let report = client
        .upload_optional(UploadOptionalRequest::new(body))
        .await
        .unwrap()
        .into_body();
    assert_eq!(report.files, vec![uploaded("x.txt", "application/octet-stream", b"x")]);
    let report = client
        .upload_optional(UploadOptionalRequest::new(UploadOptionalBody::new("Without")))
        .await
        .unwrap()
        .into_body();
    assert_eq!((report.title.as_str(), report.files.len()), ("Without", 0));
}

#[tokio::test]
async fn bytes_and_a_poster_upload_arrive() {
    let client = client();
    let mut body = UploadBytesBody::new(Upload::from_bytes(binary()));
    body.label = Some("blob".into());
    let got = client
        .upload_bytes(UploadBytesRequest::new(body))
        .await
        .unwrap()
        .into_body();
    assert_eq!((got.size, got.hex), (binary().len() as i64, hex(&binary())));
    assert_eq!(got.filename.as_deref(), Some("blob"));

    let event = new_event(&client, "Poster").await;
    let mut poster = UploadPosterBody::new(
        Upload::from_bytes(b"\x89PNG\r\n\x1a\n".to_vec())
            .file_name("poster.png")
            .content_type("image/png"),
    );
    poster.caption = Some("Front".into());
    let report = client
        .upload_poster(UploadPosterRequest::new(event.id, poster))
        .await
        .unwrap()
        .into_body();
    assert_eq!(report.title, "Front");
    assert_eq!(report.files, vec![uploaded("poster.png", "image/png", b"\x89PNG\r\n\x1a\n")]);
}

#[tokio::test]
async fn a_text_response_is_read_as_text() {
    assert_eq!(client().health().await.unwrap().into_body(), "ok");
}

/// FastAPI's `limit`/`offset` list (`limit` capped at 100 by `le=100`) is
/// paged: the stream walks it three events at a time, and stops at the
/// short page without asking for an empty one.
#[tokio::test]
async fn the_offset_list_is_walked_page_by_page() {
    use futures_util::TryStreamExt;

    let client = client();
    let tag = format!(
        "paged-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let mut created = Vec::new();
    for n in 0..7 {
        let mut event = event_in(&format!("Paged {n}"));
        event.tags = Some(vec![tag.clone()]);
        let event = client
            .create_event(CreateEventRequest::new(event))
            .await
            .unwrap()
            .into_body();
        created.push(event.id);
    }
    let request = ListEventsRequest::new().tag(vec![tag.clone()]).limit(3);
    let walked: Vec<i64> = client
        .list_events_stream(request.clone())
        .map_ok(|event| event.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(walked, created);
    let pages: Vec<usize> = client
        .list_events_pages(request)
        .map_ok(|page| page.len())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages, [3, 3, 1]);
}
