//! The client generated from tests/fixtures/client-shapes.yaml against a real
//! HTTP server on 127.0.0.1: each request shape byte for byte, and each
//! response shape read back.

use client_shapes::models::{Capture, CardError, Charge, ChargeForm, NotFound, Queued};
use client_shapes::operations::{
    CaptureChargeRequest, CreateChargeError, CreateChargeRequest, CreateChargeSuccess,
    DeleteUploadRequest, DownloadFileRequest, GetItemRequest, GetTilePoint, GetTileRequest,
    PutFileContentsRequest, PutItemNoteRequest, PutUploadRequest, SearchFilter,
    SearchFilterCreated, SearchRequest, UploadFilePurpose, UploadFileRequest,
    UploadFileRequestBody,
};
use client_shapes::{BodyEncoding, Client, Error, RetryPolicy, Upload};
use sdkgen_tests::wire::{header, json_server, multipart_parts, only_request, server, Part};
use wiremock::MockServer;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token("tok")
        .build()
        .unwrap()
}

#[tokio::test]
async fn query_parameters_are_written_in_their_styles() {
    let server = json_server(200, "[]").await;
    let request = SearchRequest::new(2)
        .tags(vec!["red wine".into(), "a&b".into()])
        .ids(vec![3, 4, 5])
        .words(vec!["fast".into(), "cheap".into()])
        .colours(vec!["blue".into(), "black".into()])
        .filter(
            SearchFilter::new()
                .status("paid")
                .created(SearchFilterCreated::new().gte(1700)),
        )
        .x_trace_ids(vec!["t1".into(), "t2".into()])
        .theme("dark mode");
    client(&server).search(request).await.unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), "/search");
    assert_eq!(
        sent.url.query(),
        Some(
            "tags=red%20wine&tags=a%26b&ids=3,4,5&words=fast%20cheap&colours=blue|black\
             &filter%5Bstatus%5D=paid&filter%5Bcreated%5D%5Bgte%5D=1700&page=2"
        )
    );
    assert_eq!(header(&sent, "x-trace-ids"), "t1,t2");
    assert_eq!(header(&sent, "cookie"), "theme=dark%20mode");
    assert_eq!(header(&sent, "authorization"), "Bearer tok");
}

#[tokio::test]
async fn optional_parameters_left_out_send_nothing() {
    let server = json_server(200, "[]").await;
    client(&server).search(SearchRequest::new(1)).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(sent.url.query(), Some("page=1"));
    assert!(sent.headers.get("x-trace-ids").is_none());
    assert!(sent.headers.get("cookie").is_none());
}

#[tokio::test]
async fn form_bodies_nest_objects_and_arrays_as_their_encoding_says() {
    let server = json_server(200, r#"{"id": "ch_1", "amount": 500}"#).await;
    let form = ChargeForm::new(500, "eur")
        .description("Two books & a pen")
        .metadata([("order".to_owned(), "6735".to_owned())].into())
        .expand(vec!["customer".into(), "invoice".into()])
        .capture(false);
    let charge = client(&server)
        .create_charge(CreateChargeRequest::new(form))
        .await
        .unwrap();
    assert_eq!(charge.status().as_u16(), 200);

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(
        header(&sent, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        "amount=500&currency=eur&description=Two+books+%26+a+pen\
         &metadata%5Border%5D=6735&expand%5B%5D=customer&expand%5B%5D=invoice&capture=false"
    );
}

#[tokio::test]
async fn a_body_offered_as_json_and_form_is_json_unless_asked() {
    let capture = || {
        let mut request = CaptureChargeRequest::new("ch 1");
        request.capture = Some(
            Capture::new()
                .amount(250)
                .statement_descriptor("BOOKS & CO"),
        );
        request
    };
    let server = json_server(200, r#"{"id": "ch 1", "amount": 250}"#).await;
    let client = client(&server);
    client.capture_charge(capture()).await.unwrap();
    client
        .capture_charge_as(capture(), BodyEncoding::Form)
        .await
        .unwrap();

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].url.path(), "/charges/ch%201/capture");
    assert_eq!(header(&sent[0], "content-type"), "application/json");
    assert_eq!(
        String::from_utf8(sent[0].body.clone()).unwrap(),
        r#"{"amount":250,"statement_descriptor":"BOOKS & CO"}"#
    );
    assert_eq!(
        header(&sent[1], "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(sent[1].body.clone()).unwrap(),
        "amount=250&statement_descriptor=BOOKS+%26+CO"
    );
}

#[tokio::test]
async fn multipart_bodies_send_fields_as_text_and_files_streamed_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evidence.pdf");
    std::fs::write(&path, b"%PDF-1.7 \x00\x01\x02 binary").unwrap();
    let server = json_server(201, r#"{"id": "file_1", "size": 21}"#).await;
    let body = UploadFileRequestBody::new(
        Upload::from_path(&path).content_type("application/pdf"),
        UploadFilePurpose::DisputeEvidence,
    )
    .labels(vec!["a".into(), "b c".into()]);
    let file = client(&server)
        .upload_file(UploadFileRequest::new(body))
        .await
        .unwrap();
    assert_eq!((file.id.as_str(), file.size), ("file_1", 21));

    let sent = only_request(&server).await;
    let parts = multipart_parts(&sent);
    let text = |name: &str, value: &str| Part {
        headers: vec![format!("Content-Disposition: form-data; name=\"{name}\"")],
        body: value.as_bytes().to_vec(),
    };
    assert_eq!(
        parts,
        [
            text("purpose", "dispute_evidence"),
            text("labels", "a"),
            text("labels", "b c"),
            Part {
                headers: vec![
                    "Content-Disposition: form-data; name=\"file\"; filename=\"evidence.pdf\""
                        .to_owned(),
                    "Content-Type: application/pdf".to_owned(),
                ],
                body: b"%PDF-1.7 \x00\x01\x02 binary".to_vec(),
            },
        ]
    );
}

#[tokio::test]
async fn a_missing_file_is_an_error_that_names_it_and_nothing_is_sent() {
    let server = json_server(201, "{}").await;
    let body = UploadFileRequestBody::new(
        Upload::from_path("/nonexistent/report.csv"),
        UploadFilePurpose::IdentityDocument,
    );
    let error = client(&server)
        .upload_file(UploadFileRequest::new(body))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::File { .. }), "{error:?}");
    assert!(
        error.to_string().contains("/nonexistent/report.csv"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn binary_bodies_are_sent_as_they_are_with_their_length() {
    let server = server(204, "", b"").await;
    let client = client(&server);
    let bytes: Vec<u8> = (0..=255).collect();
    client
        .put_file_contents(PutFileContentsRequest::new(
            "f/1",
            Upload::from_bytes(bytes.clone()),
        ))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.bin");
    std::fs::write(&path, &bytes).unwrap();
    let from_disk = Upload::from_path(&path).content_type("image/png");
    client
        .put_file_contents(PutFileContentsRequest::new("f/1", from_disk))
        .await
        .unwrap();

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    for (request, media) in sent.iter().zip(["application/octet-stream", "image/png"]) {
        assert_eq!(request.method.as_str(), "PUT");
        assert_eq!(request.url.path(), "/files/f%2F1/contents");
        assert_eq!(header(request, "content-type"), media);
        assert_eq!(header(request, "content-length"), "256");
        assert_eq!(request.body, bytes);
    }
}

fn charge_form() -> CreateChargeRequest {
    CreateChargeRequest::new(ChargeForm::new(500, "eur"))
}

#[tokio::test]
async fn each_success_status_gives_its_own_variant() {
    let cases: [(u16, &str, CreateChargeSuccess); 3] = [
        (
            200,
            r#"{"id": "ch_1", "amount": 500}"#,
            CreateChargeSuccess::Ok(Charge::new("ch_1", 500)),
        ),
        (
            201,
            r#"{"queue_position": 3}"#,
            CreateChargeSuccess::Created(Queued::new(3)),
        ),
        (202, "", CreateChargeSuccess::Accepted),
    ];
    for (status, body, expected) in cases {
        let server = json_server(status, body).await;
        let response = client(&server).create_charge(charge_form()).await.unwrap();
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.into_body(), expected);
    }
}

#[tokio::test]
async fn each_error_status_gives_its_typed_body_and_ranges_catch_the_rest() {
    let cases: [(u16, &str, CreateChargeError); 3] = [
        (
            402,
            r#"{"code": "card_declined", "decline_code": "insufficient_funds"}"#,
            CreateChargeError::PaymentRequired(
                CardError::new("card_declined").decline_code("insufficient_funds"),
            ),
        ),
        (
            404,
            r#"{"message": "no such customer"}"#,
            CreateChargeError::NotFound(NotFound::new().message("no such customer")),
        ),
        (
            409,
            r#"{"message": "conflict"}"#,
            CreateChargeError::Status4xx(NotFound::new().message("conflict")),
        ),
    ];
    for (status, body, expected) in cases {
        let server = json_server(status, body).await;
        let error = client(&server)
            .create_charge(charge_form())
            .await
            .unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.body(), Some(&expected), "{status}");
    }
    // A status outside every documented one keeps its raw body.
    let server = json_server(500, r#"{"oops": true}"#).await;
    let error = client(&server)
        .create_charge(charge_form())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert_eq!(error.raw_body(), Some(&br#"{"oops": true}"#[..]));
}

#[tokio::test]
async fn servers_are_chosen_and_their_variables_filled_in_at_run_time() {
    let default = Client::builder().build().unwrap();
    assert_eq!(default.base_url(), "https://eu.shapes.example.com/v1");
    let us = Client::builder()
        .server_variable("region", "us")
        .build()
        .unwrap();
    assert_eq!(us.base_url(), "https://us.shapes.example.com/v1");
    assert_eq!(
        Client::builder().server(1).build().unwrap().base_url(),
        "http://localhost:8080"
    );

    // The test server's template, its port and version filled in, on the wire.
    let server = json_server(200, "[]").await;
    let port = server.address().port().to_string();
    let client = Client::builder()
        .server(2)
        .server_variable("port", port)
        .server_variable("version", "v2")
        .token("tok")
        .build()
        .unwrap();
    client.search(SearchRequest::new(1)).await.unwrap();
    assert_eq!(only_request(&server).await.url.path(), "/api/v2/search");

    // A value the variable does not allow, a variable the server does not
    // have and a server the API does not list are refused by name.
    let refused = [
        Client::builder().server_variable("region", "mars").build(),
        Client::builder()
            .server(1)
            .server_variable("region", "us")
            .build(),
        Client::builder().server(7).build(),
    ];
    let messages: Vec<String> = refused
        .into_iter()
        .map(|built| built.unwrap_err().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "cannot use server https://{region}.shapes.example.com/{version}: `region` may be \
             eu, us, not \"mars\"",
            "cannot use server http://localhost:8080: it has no variable `region`",
            "cannot use server #7: the API lists 3 servers",
        ]
    );
}

#[tokio::test]
async fn downloads_stream_in_chunks_or_into_a_file_with_headers_at_hand() {
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let server = server(200, "application/octet-stream", &bytes).await;
    let client = client(&server);

    // Chunk by chunk: never the whole body in one piece here.
    let response = client
        .download_file(DownloadFileRequest::new("f/1"))
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "req-7");
    let mut download = response.into_body();
    assert_eq!(download.content_length(), Some(200_000));
    let mut read = Vec::new();
    while let Some(chunk) = download.chunk().await.unwrap() {
        read.extend_from_slice(&chunk);
    }
    assert_eq!(read, bytes);

    // Into a file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.bin");
    let response = client
        .download_file(DownloadFileRequest::new("f/1"))
        .await
        .unwrap();
    assert_eq!(response.into_body().save(&path).await.unwrap(), 200_000);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);

    // Whole, within the client's limit only.
    let small = Client::builder()
        .base_url(server.uri())
        .token("tok")
        .max_response_bytes(1000)
        .build()
        .unwrap();
    let response = small
        .download_file(DownloadFileRequest::new("f/1"))
        .await
        .unwrap();
    let error = response.into_body().bytes().await.unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { limit: 1000, .. }),
        "{error:?}"
    );
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].url.path(), "/files/f%2F1/contents");
}

/// The blocking client (the `blocking` feature) sends the same request and
/// waits for the answer, outside any async runtime.
#[test]
fn the_blocking_client_waits_for_the_answer() {
    // The test server runs on a runtime of its own threads.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(json_server(201, r#"{"queue_position": 4}"#));
    let client = client_shapes::blocking::Client::new(client(&server)).unwrap();
    let mut form = ChargeForm::new(700, "usd");
    form.expand = Some(vec!["customer".into()]);
    let response = client
        .create_charge(CreateChargeRequest::new(form))
        .unwrap();
    assert_eq!(
        response.into_body(),
        CreateChargeSuccess::Created(Queued::new(4))
    );
    let error = client
        .capture_charge_as(CaptureChargeRequest::new("ch_1"), BodyEncoding::Form)
        .unwrap_err();
    // `captureCharge` documents 200 only.
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");

    let sent = runtime.block_on(server.received_requests()).unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        String::from_utf8(sent[0].body.clone()).unwrap(),
        "amount=700&currency=usd&expand%5B%5D=customer"
    );
    assert_eq!(sent[1].url.path(), "/charges/ch_1/capture");
    // No body was set, so none is sent.
    assert!(sent[1].body.is_empty());
}

#[tokio::test]
async fn one_name_in_three_places_and_a_keyword_each_go_where_they_belong() {
    let server = json_server(200, "{}").await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("tok")
        .key("k-1")
        .build()
        .unwrap();
    // Setters for the optional fields chain after `new`.
    let request = GetItemRequest::new(42)
        .id2("q")
        .r#type("book")
        .id3("h")
        .x_request_id("req-1");
    client.get_item(request).await.unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/items/42");
    assert_eq!(sent.url.query(), Some("id=q&type=book"));
    assert_eq!(header(&sent, "id"), "h");
    assert_eq!(header(&sent, "x-request-id"), "req-1");
    // Both schemes of the requirement (AND).
    assert_eq!(header(&sent, "authorization"), "Bearer tok");
    assert_eq!(header(&sent, "x-api-key"), "k-1");
}

#[tokio::test]
async fn security_requirements_are_met_whole_or_the_operation_goes_without() {
    // `security: []` sends no credentials even when the client has them.
    let server = server(204, "", b"").await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("tok")
        .key("k-1")
        .build()
        .unwrap();
    client.health().await.unwrap();
    let sent = only_request(&server).await;
    assert!(sent.headers.get("authorization").is_none());
    assert!(sent.headers.get("x-api-key").is_none());

    // With only half of an AND requirement set, nothing is sent: the server
    // answers for the missing credential.
    let server = json_server(200, "{}").await;
    let half = Client::builder()
        .base_url(server.uri())
        .token("tok")
        .build()
        .unwrap();
    half.get_item(GetItemRequest::new(1)).await.unwrap();
    let sent = only_request(&server).await;
    assert!(sent.headers.get("authorization").is_none());
    assert!(sent.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn text_bodies_go_as_they_are_and_default_errors_are_typed() {
    let server = server(204, "", b"").await;
    client(&server)
        .put_item_note(PutItemNoteRequest::new(5, "Line one\nZürich & co"))
        .await
        .unwrap();
    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "PUT");
    assert_eq!(header(&sent, "content-type"), "text/plain");
    assert_eq!(sent.body, "Line one\nZürich & co".as_bytes());

    // `default` types every status the operation does not list.
    let server = json_server(503, r#"{"message": "down for maintenance"}"#).await;
    // PUT is idempotent, so a 503 would be retried: not here.
    let no_retries = Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = no_retries
        .put_item_note(PutItemNoteRequest::new(5, "x"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        error.body(),
        Some(&NotFound::new().message("down for maintenance"))
    );
}

/// Operations whose path item or own entry lists servers go there (the
/// operation's own winning over its path's), each host seen by a request hook
/// that then sends the request on to the test server; a base URL set by hand
/// takes them too.
#[tokio::test]
async fn operations_with_servers_of_their_own_go_there_unless_the_base_url_is_set() {
    let relay = server(204, "", b"").await;
    let test_server = reqwest::Url::parse(&relay.uri()).unwrap();
    let hosts = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = hosts.clone();
    let hooked = Client::builder()
        .token("tok")
        .on_request(move |request| {
            let url = request.url_mut();
            seen.lock().unwrap().push(url.to_string());
            url.set_host(test_server.host_str()).unwrap();
            url.set_port(test_server.port()).unwrap();
            url.set_scheme("http").unwrap();
        })
        .build()
        .unwrap();
    hooked
        .put_upload(PutUploadRequest::new(
            "a b",
            Upload::from_bytes(b"1".to_vec()),
        ))
        .await
        .unwrap();
    hooked
        .delete_upload(DeleteUploadRequest::new("a b"))
        .await
        .unwrap();
    hooked.health().await.unwrap();
    assert_eq!(
        *hosts.lock().unwrap(),
        [
            "https://uploads.shapes.example.com/v1/uploads/a%20b",
            "https://cleanup.shapes.example.com/uploads/a%20b",
            "https://eu.shapes.example.com/v1/health",
        ]
    );
    let paths: Vec<String> = relay
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        paths,
        [
            "PUT /v1/uploads/a%20b",
            "DELETE /uploads/a%20b",
            "GET /v1/health"
        ]
    );

    let by_hand = server(204, "", b"").await;
    client(&by_hand)
        .put_upload(PutUploadRequest::new(
            "a",
            Upload::from_bytes(b"1".to_vec()),
        ))
        .await
        .unwrap();
    assert_eq!(only_request(&by_hand).await.url.path(), "/uploads/a");
}

/// Path parameters in `label` and `matrix` style keep their marks (`.`, `;`,
/// `=`, `,`) and percent-encode only their values.
#[tokio::test]
async fn label_and_matrix_path_parameters_are_written_in_their_styles() {
    let server = server(204, "", b"").await;
    let layers = vec!["roads".to_owned(), "a b".to_owned()];
    client(&server)
        .get_tile(GetTileRequest::new(7, GetTilePoint::new(3, -4), layers))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/tiles/.7/;x=3;y=-4/;layers=roads,a%20b"
    );
}

/// A multipart body given by `$ref` (as FastAPI writes every upload form):
/// its file properties are `Upload`s, a list of files one part per file, a
/// nullable file an `Option<Upload>`, a nullable text field an `Option`; a
/// file part without a file name carries its field's name, so that servers
/// read it as a file and not as text.
#[tokio::test]
async fn a_multipart_component_sends_its_files_as_file_parts() {
    use client_shapes::models::BodyAddAttachment;
    use client_shapes::operations::AddAttachmentRequest;
    let server = server(204, "text/plain", b"").await;
    let mut body = BodyAddAttachment::new(
        vec![
            Upload::from_bytes(b"\xff\xfe one".to_vec()).file_name("a.bin"),
            Upload::from_bytes(b"two".to_vec()).content_type("text/plain"),
        ],
        "Minutes",
    );
    body.cover = Some(Upload::from_bytes(b"\x89PNG".to_vec()).file_name("c.png"));
    body.caption = Some("front".to_owned());
    client(&server)
        .add_attachment(AddAttachmentRequest::new(body))
        .await
        .unwrap();
    let parts = multipart_parts(&only_request(&server).await);
    let file = |name: &str, file_name: &str, media: &str, bytes: &[u8]| Part {
        headers: vec![
            format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\""),
            format!("Content-Type: {media}"),
        ],
        body: bytes.to_vec(),
    };
    let text = |name: &str, value: &str| Part {
        headers: vec![format!("Content-Disposition: form-data; name=\"{name}\"")],
        body: value.as_bytes().to_vec(),
    };
    assert_eq!(
        parts,
        [
            text("title", "Minutes"),
            text("caption", "front"),
            file(
                "files",
                "a.bin",
                "application/octet-stream",
                b"\xff\xfe one"
            ),
            file("files", "files", "text/plain", b"two"),
            file("cover", "c.png", "application/octet-stream", b"\x89PNG"),
        ]
    );
}

/// A component sent both as a multipart body and as JSON: the multipart
/// body gets a twin type with an `Upload`, and the JSON one keeps its
/// string; each goes out as its media type says.
#[tokio::test]
async fn a_component_sent_as_multipart_and_as_json_keeps_both_right() {
    use client_shapes::models::Attachment;
    use client_shapes::operations::{
        AttachmentForm, DescribeAttachmentRequest, ReplaceAttachmentRequest,
    };
    let server = server(204, "text/plain", b"").await;
    let form = AttachmentForm::new(Upload::from_bytes(b"bytes".to_vec()).file_name("f.txt"));
    client(&server)
        .replace_attachment(ReplaceAttachmentRequest::new(form))
        .await
        .unwrap();
    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].body, b"bytes");
    assert!(
        parts[0].headers[0].ends_with("filename=\"f.txt\""),
        "{parts:?}"
    );

    let server = crate::server(204, "text/plain", b"").await;
    client(&server)
        .describe_attachment(DescribeAttachmentRequest::new(Attachment::new("aGVsbG8=")))
        .await
        .unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        sent.body_json::<serde_json::Value>().unwrap(),
        serde_json::json!({"file": "aGVsbG8="})
    );
}

/// A path whose placeholder no parameter declares: the one declared path
/// parameter it does not name stands for it; with none declared, each
/// placeholder is a required string of its own.
#[tokio::test]
async fn undeclared_path_placeholders_are_filled() {
    use client_shapes::operations::{GetCertificateRequest, GetWidgetPartRequest};
    let server = server(204, "text/plain", b"").await;
    client(&server)
        .get_certificate(GetCertificateRequest::new(7))
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.url.path(), "/certificates/7");

    let server = crate::server(204, "text/plain", b"").await;
    client(&server)
        .get_widget_part(GetWidgetPartRequest::new("w 1", "p/2"))
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/widgets/w%201/parts/p%2F2"
    );
}

/// A header value with a line break is refused: nothing is sent, and the
/// error names the parameter.
#[tokio::test]
async fn a_header_that_cannot_be_sent_fails_the_call_and_sends_nothing() {
    use client_shapes::operations::GetCertificateRequest;
    let server = server(204, "text/plain", b"").await;
    let mut request = GetCertificateRequest::new(7);
    request.x_trace = Some("a\r\nX-Injected: 1".to_owned());
    let error = client(&server).get_certificate(request).await.unwrap_err();
    let Error::InvalidRequest(invalid) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(invalid.what, "header parameter `X-Trace`");
    assert!(server.received_requests().await.unwrap().is_empty());

    // A credential with a line break: the same, and the error does not
    // show it.
    let bad_token = Client::builder()
        .base_url(server.uri())
        .token("tok\nen")
        .build()
        .unwrap();
    let error = bad_token
        .get_certificate(GetCertificateRequest::new(7))
        .await
        .unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(matches!(error, Error::InvalidRequest(_)), "{text}");
    assert!(
        !text.contains("tok\nen") && !text.contains("tok\\nen"),
        "{text}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// What generation says about the fixture's repairs: each with its place.
#[test]
fn the_repairs_are_warned_about() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = sdkgen::generate_file(
        &root.join("fixtures/client-shapes.yaml"),
        &sdkgen::Config::default(),
    )
    .unwrap();
    let warnings: Vec<String> = output
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.location.pointer, w.message))
        .collect();
    for expected in [
        "#/components/schemas/Attachment: schema `Attachment` is a multipart body with file \
         properties and is also used elsewhere",
        "`cert_id` is taken to be `{certificate_id}`",
        "names `{widget_id}`, but the operation declares no path parameter `widget_id`; it is \
         sent as a required string",
        "#/components/schemas/Body_addAttachment/properties/meta: \
         property `meta` of a multipart body holds a file (`format: binary`) that is not the \
         property itself",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected}\n{warnings:#?}"
        );
    }
}

/// A file's content type that is not a media type is refused, not dropped
/// (the part would go as octets): nothing is sent.
#[tokio::test]
async fn a_file_content_type_that_is_no_media_type_fails_the_call() {
    use client_shapes::models::BodyAddAttachment;
    use client_shapes::operations::AddAttachmentRequest;
    let server = server(204, "text/plain", b"").await;
    let file = Upload::from_bytes(b"x".to_vec()).content_type("not a type");
    let body = BodyAddAttachment::new(vec![file], "t");
    let error = client(&server)
        .add_attachment(AddAttachmentRequest::new(body))
        .await
        .unwrap_err();
    let Error::InvalidRequest(invalid) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(invalid.what, "the content type of file part `files`");
    assert!(server.received_requests().await.unwrap().is_empty());
}
