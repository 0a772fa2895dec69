//! The generated `authlete` client against a real HTTP server on 127.0.0.1:
//! the exact request it sends, and every kind of answer it can get.

use authlete::models::{
    BackchannelAuthenticationFailRequest, BackchannelAuthenticationFailRequestReason as Reason,
    BackchannelAuthenticationFailResponseAction as Action,
};
use authlete::operations::BackchannelAuthenticationFailApiRequest;
use authlete::{Client, Error};
use sdkgen_tests::wire::{json_server as server, only_request};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "V5a40R6dWvw2gMkCOBFdZcM95q4HC0Z-T0YKD9-nR6F";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer(TOKEN)
        .build()
        .unwrap()
}

fn request(service_id: &str) -> BackchannelAuthenticationFailApiRequest {
    BackchannelAuthenticationFailApiRequest::new(
        service_id,
        BackchannelAuthenticationFailRequest::new("<value>", Reason::ExpiredLoginHintToken),
    )
}

#[tokio::test]
async fn sends_the_exact_request() {
    let server = server(200, "{}").await;
    client(&server)
        .backchannel_authentication_fail_api(request("21653835348762"))
        .await
        .unwrap();

    let sent = &only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(
        sent.url.path(),
        "/api/21653835348762/backchannel/authentication/fail"
    );
    assert_eq!(sent.url.query(), None);
    let header = |name: &str| {
        sent.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(header("authorization"), Some(format!("Bearer {TOKEN}")));
    assert_eq!(header("content-type").as_deref(), Some("application/json"));
    assert_eq!(header("user-agent").as_deref(), Some("authlete/3.0.16"));
    assert_eq!(
        String::from_utf8(sent.body.clone()).unwrap(),
        r#"{"ticket":"<value>","reason":"EXPIRED_LOGIN_HINT_TOKEN"}"#
    );
}

#[tokio::test]
async fn optional_fields_are_sent_when_set() {
    let server = server(200, "{}").await;
    let mut request = request("1");
    request
        .backchannel_authentication_fail_request
        .error_description = Some("user said no".into());
    client(&server)
        .backchannel_authentication_fail_api(request)
        .await
        .unwrap();
    let sent = &only_request(&server).await;
    assert_eq!(
        String::from_utf8(sent.body.clone()).unwrap(),
        r#"{"ticket":"<value>","reason":"EXPIRED_LOGIN_HINT_TOKEN","errorDescription":"user said no"}"#
    );
}

#[tokio::test]
async fn service_id_is_one_percent_encoded_segment() {
    let server = server(200, "{}").await;
    client(&server)
        .backchannel_authentication_fail_api(request("a/b c?d#e%f+g"))
        .await
        .unwrap();
    let sent = &only_request(&server).await;
    assert_eq!(
        sent.url.path(),
        "/api/a%2Fb%20c%3Fd%23e%25f%2Bg/backchannel/authentication/fail"
    );
}

#[tokio::test]
async fn base_url_with_a_path_prefix_keeps_it() {
    let server = server(200, "{}").await;
    let client = Client::builder()
        .base_url(format!("{}/prefix/", server.uri()))
        .bearer(TOKEN)
        .build()
        .unwrap();
    client
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap();
    let sent = &only_request(&server).await;
    assert_eq!(
        sent.url.path(),
        "/prefix/api/1/backchannel/authentication/fail"
    );
}

#[tokio::test]
async fn parses_the_200_body_with_status_and_headers() {
    let body = r#"{"resultCode":"A185001","resultMessage":"[A185001] built","action":"FORBIDDEN","responseContent":"{\"error\":\"access_denied\"}"}"#;
    let server = server(200, body).await;
    let response = client(&server)
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["x-request-id"], "req-7");
    assert_eq!(response.result_code.as_deref(), Some("A185001"));
    assert_eq!(response.action, Some(Action::Forbidden));
    assert_eq!(
        response.response_content.as_deref(),
        Some(r#"{"error":"access_denied"}"#)
    );
}

#[tokio::test]
async fn unknown_action_lands_in_unknown_and_round_trips() {
    let body = r#"{"action":"TOO_MANY_REQUESTS"}"#;
    let server = server(200, body).await;
    let response = client(&server)
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap();
    let Some(Action::Unknown(action)) = &response.action else {
        panic!("not kept as unknown: {:?}", response.action);
    };
    assert_eq!(action.as_str(), "TOO_MANY_REQUESTS");
    assert_eq!(
        response.action,
        Some(Action::from("TOO_MANY_REQUESTS".to_owned()))
    );
    assert_eq!(serde_json::to_string(response.body()).unwrap(), body);
}

#[tokio::test]
async fn each_documented_error_status_gives_its_typed_error() {
    for status in [400u16, 401, 403, 500] {
        let body = format!(r#"{{"resultCode":"A{status}","resultMessage":"[A{status}] no"}}"#);
        let server = server(status, &body).await;
        let error = client(&server)
            .backchannel_authentication_fail_api(request("1"))
            .await
            .unwrap_err();
        let Error::Api(response) = &error else {
            panic!("{status}: expected Error::Api, got {error:?}");
        };
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(
            response.result_code.as_deref(),
            Some(format!("A{status}").as_str())
        );
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.headers().unwrap()["x-request-id"], "req-7");
        let message = error.to_string();
        assert!(message.contains(&status.to_string()), "{message}");
        assert!(message.contains(&format!("[A{status}] no")), "{message}");
    }
}

#[tokio::test]
async fn undocumented_status_keeps_the_raw_body() {
    let server = server(404, r#"{"oops":true}"#).await;
    let error = client(&server)
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap_err();
    match &error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(body, br#"{"oops":true}"#);
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert_eq!(error.raw_body(), Some(&br#"{"oops":true}"#[..]));
    assert!(error.to_string().contains("404"), "{error}");
}

#[tokio::test]
async fn body_that_does_not_parse_keeps_status_and_raw_body() {
    for status in [200u16, 400] {
        let server = server(status, "<html>gateway</html>").await;
        let error = client(&server)
            .backchannel_authentication_fail_api(request("1"))
            .await
            .unwrap_err();
        match &error {
            Error::Decode {
                status: got, body, ..
            } => {
                assert_eq!(got.as_u16(), status);
                assert_eq!(body, b"<html>gateway</html>");
            }
            other => panic!("{status}: expected Decode, got {other:?}"),
        }
        assert!(std::error::Error::source(&error).is_some());
        assert!(
            error.to_string().contains("<html>gateway</html>"),
            "{error}"
        );
    }
}

#[tokio::test]
async fn connection_failure_is_a_transport_error() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .bearer(TOKEN)
        .build()
        .unwrap();
    let error = client
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
}

#[test]
fn builder_defaults_to_the_first_server_and_checks_urls() {
    let client = Client::builder().bearer(TOKEN).build().unwrap();
    assert_eq!(client.base_url(), "https://us.authlete.com");
    assert_eq!(
        authlete::client::DEFAULT_BASE_URL,
        "https://us.authlete.com"
    );
    let error = Client::builder().base_url("not a url").build().unwrap_err();
    assert!(error.to_string().contains("not a url"), "{error}");
}

#[test]
fn credentials_stay_out_of_debug_output() {
    let client = Client::builder().bearer(TOKEN).build().unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("redacted"), "{debug}");
}

#[tokio::test]
async fn inline_edition_sends_the_same_bytes() {
    use authlete_ciba_inline::operations::{
        BackchannelAuthenticationFailApiReason as InlineReason,
        BackchannelAuthenticationFailApiRequest as InlineRequest,
        BackchannelAuthenticationFailApiRequestBody as InlineBody,
    };
    let server = server(200, "{}").await;
    let client = authlete_ciba_inline::Client::builder()
        .base_url(server.uri())
        .bearer(TOKEN)
        .build()
        .unwrap();
    let request = InlineRequest::new("7", InlineBody::new("<value>", InlineReason::InvalidTarget));
    client
        .backchannel_authentication_fail_api(request)
        .await
        .unwrap();
    let sent = &only_request(&server).await;
    assert_eq!(sent.url.path(), "/api/7/backchannel/authentication/fail");
    assert_eq!(
        String::from_utf8(sent.body.clone()).unwrap(),
        r#"{"ticket":"<value>","reason":"INVALID_TARGET"}"#
    );
}

#[tokio::test]
async fn response_bodies_over_the_limit_are_refused() {
    let body = format!(r#"{{"responseContent":"{}"}}"#, "x".repeat(10_000));
    let server = server(200, &body).await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer(TOKEN)
        .max_response_bytes(1_000)
        .build()
        .unwrap();
    let error = client
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { limit: 1_000, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("limit of 1000 bytes"), "{error}");
}

/// The Authlete call is a POST: a 503 is returned at once by default, and
/// retried (with the same body and credentials) when the policy allows POST.
#[tokio::test]
async fn post_is_retried_only_when_the_policy_allows_it() {
    use std::time::Duration;

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .with_priority(2)
        .mount(&server)
        .await;
    let error = client(&server)
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedStatus { status, .. } if status.as_u16() == 503),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let retrying = Client::builder()
        .base_url(server.uri())
        .bearer(TOKEN)
        .retry(authlete::RetryPolicy {
            retry_non_idempotent: true,
            initial_backoff: Duration::from_millis(1),
            ..authlete::RetryPolicy::default()
        })
        .build()
        .unwrap();
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .with_priority(2)
        .mount(&server)
        .await;
    let response = retrying
        .backchannel_authentication_fail_api(request("1"))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    // The retry is the same request: body and credentials.
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(
        sent[1].headers.get("authorization").unwrap(),
        &format!("Bearer {TOKEN}")
    );
}
