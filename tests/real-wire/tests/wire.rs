//! Chosen operations of real specs, generated at build time, against a real
//! HTTP server on 127.0.0.1: the exact bytes each client sends.

use sdkgen_real_wire::{authlete_2_3_12, authlete_3_0_16, uspto, walmart};
use sdkgen_tests::wire::{header, json_server, multipart_parts, only_request, server, Part};

/// `Basic` and `user:password` in base64, as HTTP basic sends it.
fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {encoded}")
}

#[tokio::test]
async fn authlete_3_sends_a_bearer_token_and_json_or_a_form() {
    use authlete_3_0_16::models::AuthorizationRequest;
    use authlete_3_0_16::operations::AuthAuthorizationApiRequest;

    let server = json_server(200, r#"{"resultCode": "A004001", "action": "INTERACTION"}"#).await;
    let client = authlete_3_0_16::Client::builder()
        .base_url(server.uri())
        .bearer("tok-3")
        .build()
        .unwrap();
    let request = || {
        AuthAuthorizationApiRequest::new(
            "715948317",
            AuthorizationRequest::new("response_type=code&client_id=26478243745571"),
        )
    };
    let response = client.auth_authorization_api(request()).await.unwrap();
    assert_eq!(response.result_code.as_deref(), Some("A004001"));
    client
        .auth_authorization_api_as(request(), authlete_3_0_16::BodyEncoding::Form)
        .await
        .unwrap();

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(request.url.path(), "/api/715948317/auth/authorization");
        assert_eq!(header(request, "authorization"), "Bearer tok-3");
    }
    assert_eq!(header(&sent[0], "content-type"), "application/json");
    assert_eq!(
        String::from_utf8(sent[0].body.clone()).unwrap(),
        r#"{"parameters":"response_type=code&client_id=26478243745571"}"#
    );
    assert_eq!(
        header(&sent[1], "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(sent[1].body.clone()).unwrap(),
        "parameters=response_type%3Dcode%26client_id%3D26478243745571"
    );
}

#[tokio::test]
async fn authlete_2_sends_the_basic_credentials_each_operation_names() {
    use authlete_2_3_12::models::AuthorizationRequest;
    use authlete_2_3_12::operations::{AuthAuthorizationApiRequest, ServiceGetListApiRequest};

    let server = json_server(200, "{}").await;
    let client = authlete_2_3_12::Client::builder()
        .base_url(server.uri())
        .service_owner_credentials("owner-key", "owner-secret")
        .service_credentials("service-key", "service-secret")
        .build()
        .unwrap();
    let list = ServiceGetListApiRequest::new().start(0).end(5);
    client.service_get_list_api(list).await.unwrap();
    let authorization = AuthAuthorizationApiRequest::new(AuthorizationRequest::new("scope=openid"));
    client.auth_authorization_api(authorization).await.unwrap();

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].method.as_str(), "GET");
    assert_eq!(sent[0].url.path(), "/api/service/get/list");
    assert_eq!(sent[0].url.query(), Some("start=0&end=5"));
    assert_eq!(
        header(&sent[0], "authorization"),
        basic("owner-key", "owner-secret")
    );
    assert_eq!(sent[1].url.path(), "/api/auth/authorization");
    assert_eq!(
        header(&sent[1], "authorization"),
        basic("service-key", "service-secret")
    );
    assert_eq!(
        String::from_utf8(sent[1].body.clone()).unwrap(),
        r#"{"parameters":"scope=openid"}"#
    );
    // The secrets stay out of Debug output.
    let debug = format!("{client:?}");
    assert!(!debug.contains("owner-secret") && !debug.contains("service-secret"));
}

#[tokio::test]
async fn walmart_uploads_its_feed_as_multipart_with_dotted_headers() {
    use walmart::operations::{
        PostV2FeedsFeedType, PostV2FeedsRequest, PostV2FeedsRequestBody,
        PostV2FeedsWmConsumerChannelType,
    };

    let server = server(200, "", b"").await;
    let client = walmart::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap();
    let feed = b"<?xml version=\"1.0\"?><InventoryFeed/>".to_vec();
    let mut request = PostV2FeedsRequest::new(
        PostV2FeedsFeedType::Inventory,
        PostV2FeedsWmConsumerChannelType::SwaggerChannelType,
        "consumer-1",
        "1700000000000",
        "signature==",
        "Walmart Marketplace",
        "corr-9",
    );
    request.request_body = Some(PostV2FeedsRequestBody::new(
        walmart::Upload::from_bytes(feed.clone())
            .file_name("feed.xml")
            .content_type("application/xml"),
    ));
    // The spec documents no status of this operation, so even a 200 is
    // unexpected; what matters here is what was sent.
    let _ = client.post_v2_feeds(request).await;

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/v2/feeds");
    assert_eq!(sent.url.query(), Some("feedType=inventory"));
    assert_eq!(
        header(&sent, "wm_consumer.channel.type"),
        "SWAGGER_CHANNEL_TYPE"
    );
    assert_eq!(header(&sent, "wm_sec.auth_signature"), "signature==");
    assert_eq!(header(&sent, "wm_svc.name"), "Walmart Marketplace");
    assert_eq!(
        multipart_parts(&sent),
        [Part {
            headers: vec![
                "Content-Disposition: form-data; name=\"file\"; filename=\"feed.xml\"".to_owned(),
                "Content-Type: application/xml".to_owned(),
            ],
            body: feed,
        }]
    );
}

#[tokio::test]
async fn uspto_searches_with_a_form_on_the_server_its_variable_picks() {
    use uspto::operations::{PerformSearchRequest, PerformSearchRequestBody};

    // The spec's one server is `{scheme}://developer.uspto.gov/ds-api`.
    let http = uspto::Client::builder()
        .server_variable("scheme", "http")
        .build()
        .unwrap();
    assert_eq!(http.base_url(), "http://developer.uspto.gov/ds-api");

    let server = json_server(200, r#"[{"patentNumber": {"value": "7"}}]"#).await;
    let client = uspto::Client::builder()
        .base_url(format!("{}/ds-api", server.uri()))
        .build()
        .unwrap();
    let mut request = PerformSearchRequest::new("v1", "oa_citations");
    request.request_body = Some(
        PerformSearchRequestBody::new("patentNumber:7 AND year:[2019 TO 2020]")
            .start(0)
            .rows(100),
    );
    client.perform_search(request).await.unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/ds-api/oa_citations/v1/records");
    assert_eq!(
        header(&sent, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        "criteria=patentNumber%3A7+AND+year%3A%5B2019+TO+2020%5D&start=0&rows=100"
    );
}
