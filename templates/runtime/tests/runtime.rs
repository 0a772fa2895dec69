//! The runtime on its own, against a real HTTP server on 127.0.0.1: how each
//! kind of credential goes on the wire, which security alternative is chosen,
//! and the encodings.

mod common;

use reqwest::Method;
use sdkgen_runtime::auth::{Credential, Secret};
use sdkgen_runtime::call::{Core, CoreBuilder};
use sdkgen_runtime::encode::{path_segment, simple};
use sdkgen_runtime::error::Error;
use sdkgen_runtime::pairs::Pairs;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

/// Sends one GET /x with `requirements` and returns what the server saw.
async fn send(core: &Core, server: &MockServer, requirements: &[&[&'static str]]) -> Request {
    let request = core.request(Method::GET, "/x", &Pairs::new());
    core.send(request, &common::endpoint(requirements))
        .await
        .unwrap();
    server.received_requests().await.unwrap().pop().unwrap()
}

fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn builder(server: &MockServer) -> CoreBuilder {
    CoreBuilder::new(&server.uri(), "test/1.0")
}

#[tokio::test]
async fn each_credential_kind_goes_where_its_scheme_says() {
    let server = server().await;
    let core = builder(&server)
        .credential("bearer", Credential::Bearer(Secret::new("tok")))
        .credential(
            "basic",
            Credential::Basic {
                username: "key".into(),
                password: Secret::new("secret"),
            },
        )
        .credential(
            "header",
            Credential::ApiKeyHeader {
                name: "X-Api-Key",
                value: Secret::new("h"),
            },
        )
        .credential(
            "query",
            Credential::ApiKeyQuery {
                name: "api_key",
                value: Secret::new("q v"),
            },
        )
        .credential(
            "cookie",
            Credential::ApiKeyCookie {
                name: "session",
                value: Secret::new("c"),
            },
        )
        .build()
        .unwrap();

    let sent = send(&core, &server, &[&["bearer"]]).await;
    assert_eq!(
        header(&sent, "authorization").as_deref(),
        Some("Bearer tok")
    );
    assert_eq!(header(&sent, "user-agent").as_deref(), Some("test/1.0"));

    let sent = send(&core, &server, &[&["basic"]]).await;
    // base64("key:secret")
    assert_eq!(
        header(&sent, "authorization").as_deref(),
        Some("Basic a2V5OnNlY3JldA==")
    );

    let sent = send(&core, &server, &[&["header", "query", "cookie"]]).await;
    assert_eq!(header(&sent, "x-api-key").as_deref(), Some("h"));
    assert_eq!(sent.url.query(), Some("api_key=q+v"));
    assert_eq!(header(&sent, "cookie").as_deref(), Some("session=c"));
    assert_eq!(header(&sent, "authorization"), None);
}

#[tokio::test]
async fn first_alternative_with_every_credential_wins() {
    let server = server().await;
    let core = builder(&server)
        .credential("b", Credential::Bearer(Secret::new("second")))
        .build()
        .unwrap();
    // `a` is not set, so the alternative [a] is skipped for [b].
    let sent = send(&core, &server, &[&["a"], &["b"]]).await;
    assert_eq!(
        header(&sent, "authorization").as_deref(),
        Some("Bearer second")
    );
    // [a, b] needs both: not met, and nothing else is; no credentials are sent.
    let sent = send(&core, &server, &[&["a", "b"]]).await;
    assert_eq!(header(&sent, "authorization"), None);
    // No requirements: no credentials.
    let sent = send(&core, &server, &[]).await;
    assert_eq!(header(&sent, "authorization"), None);
}

#[tokio::test]
async fn a_later_credential_replaces_an_earlier_one() {
    let server = server().await;
    let core = builder(&server)
        .credential("b", Credential::Bearer(Secret::new("old")))
        .credential("b", Credential::Bearer(Secret::new("new")))
        .build()
        .unwrap();
    let sent = send(&core, &server, &[&["b"]]).await;
    assert_eq!(
        header(&sent, "authorization").as_deref(),
        Some("Bearer new")
    );
}

#[test]
fn secrets_never_show_in_debug() {
    let core = CoreBuilder::new("http://127.0.0.1:1", "t")
        .credential("b", Credential::Bearer(Secret::new("hunter2")))
        .build()
        .unwrap();
    let debug = format!("{core:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
}

#[test]
fn relative_or_broken_base_urls_are_refused() {
    for url in ["/api/v3", "not a url", "mailto:someone@example.com"] {
        let error = CoreBuilder::new(url, "t").build().unwrap_err();
        assert!(error.to_string().contains(url), "{error}");
    }
    let core = CoreBuilder::new("https://example.com/base/", "t")
        .build()
        .unwrap();
    assert_eq!(core.base_url(), "https://example.com/base");
}

#[test]
fn path_segments_encode_all_but_unreserved() {
    assert_eq!(path_segment("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(path_segment("a/b?c#d e%f+g"), "a%2Fb%3Fc%23d%20e%25f%2Bg");
    assert_eq!(path_segment("é"), "%C3%A9");
}

/// The OpenAPI 3.0 specification's style table, for `label` and `matrix`,
/// plus a value that needs percent-encoding.
#[test]
fn label_and_matrix_styles_write_the_specifications_examples() {
    use sdkgen_runtime::encode::{label, matrix};
    let (blue, colors) = (json!("blue"), json!(["blue", "black", "brown"]));
    let rgb = json!({"R": 100, "G": 200, "B": 150});
    let label = |value: &serde_json::Value, explode| label("color", value, explode).unwrap();
    let matrix = |name, value: &serde_json::Value, explode| matrix(name, value, explode).unwrap();
    let cases = [
        (label(&blue, false), ".blue"),
        (label(&blue, true), ".blue"),
        (label(&colors, false), ".blue,black,brown"),
        (label(&colors, true), ".blue.black.brown"),
        (label(&rgb, false), ".R,100,G,200,B,150"),
        (label(&rgb, true), ".R=100.G=200.B=150"),
        (label(&json!("a/b,c"), false), ".a%2Fb%2Cc"),
        (matrix("color", &json!(""), false), ";color"),
        (matrix("color", &blue, false), ";color=blue"),
        (matrix("color", &blue, true), ";color=blue"),
        (matrix("color", &colors, false), ";color=blue,black,brown"),
        (
            matrix("color", &colors, true),
            ";color=blue;color=black;color=brown",
        ),
        (matrix("color", &rgb, false), ";color=R,100,G,200,B,150"),
        (matrix("color", &rgb, true), ";R=100;G=200;B=150"),
        (matrix("a b", &json!("x;y"), false), ";a%20b=x%3By"),
    ];
    for (written, expected) in cases {
        assert_eq!(written, expected);
    }
}

/// A path cannot leave a segment out: a path parameter without a value is
/// an error, never an empty segment.
#[test]
fn a_path_parameter_without_a_value_is_an_error() {
    use sdkgen_runtime::encode::{label, matrix, path, Text};
    for error in [
        label("id", &json!(null), false).unwrap_err(),
        matrix("id", &json!(null), true).unwrap_err(),
        path("id", &None::<i64>, Text::Simple).unwrap_err(),
        path("id", &None::<i64>, Text::Json).unwrap_err(),
    ] {
        assert_eq!(error.what, "path parameter `id`");
    }
    assert_eq!(path("id", &Some(-4), Text::Simple).unwrap(), "-4");
    assert_eq!(
        path("id", &json!({"a": 1}), Text::Json).unwrap(),
        "%7B%22a%22%3A1%7D"
    );
}

/// A header value with a line break, or a credential that is not one, is
/// refused before anything is sent: not sent empty, not dropped.
#[tokio::test]
async fn values_a_header_cannot_carry_fail_the_call() {
    use sdkgen_runtime::encode::{header, Text};
    let server = server().await;
    let core = builder(&server).build().unwrap();
    let request = core.request(Method::GET, "/x", &Pairs::new());
    let error = header(request, "x-note", "a\r\nInjected: yes", Text::Simple).unwrap_err();
    assert_eq!(error.what, "header parameter `x-note`");

    let core = builder(&server)
        .credential(
            "key",
            Credential::ApiKeyHeader {
                name: "x-key",
                value: Secret::new("k\ney"),
            },
        )
        .build()
        .unwrap();
    let request = core.request(Method::GET, "/x", &Pairs::new());
    let error = core
        .send(request, &common::endpoint(&[&["key"]]))
        .await
        .unwrap_err();
    let error: sdkgen_runtime::error::Error = error.into();
    let text = format!("{error} {error:?}");
    assert!(text.contains("security scheme `key`"), "{text}");
    assert!(
        !text.contains("k\ney") && !text.contains("k\\ney"),
        "{text}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// An API key sent in the query appears in no error's Display or Debug
/// (reqwest prints the URL of a failed request).
#[tokio::test]
async fn a_query_api_key_stays_out_of_transport_errors() {
    // A port nothing listens on: the connection fails.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let core = CoreBuilder::new(&format!("http://user:pw@127.0.0.1:{port}"), "test/1.0")
        .credential(
            "key",
            Credential::ApiKeyQuery {
                name: "api_key",
                value: Secret::new("SECRET-KEY-42"),
            },
        )
        .build()
        .unwrap();
    let mut query = Pairs::new();
    query
        .push("page", &2, sdkgen_runtime::pairs::Style::Form)
        .unwrap();
    let request = core.request(Method::GET, "/things", &query);
    let error: sdkgen_runtime::error::Error = core
        .send(request, &common::endpoint(&[&["key"]]))
        .await
        .unwrap_err()
        .into();
    let text = format!("{error} {error:?}");
    assert!(
        matches!(error, sdkgen_runtime::error::Error::Transport(_)),
        "{text}"
    );
    assert!(text.contains("/things"), "{text}");
    for secret in ["SECRET-KEY-42", "api_key", "pw"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    // Every error an answering server causes, with the key in the query,
    // a bearer token and a header key: none shows a secret.
    let server = MockServer::start().await;
    for (path, status, body) in [
        ("/bad", 500, "oops"),
        ("/json", 200, "nope"),
        ("/big", 200, "0123456789"),
    ] {
        Mock::given(wiremock::matchers::path(path))
            .respond_with(ResponseTemplate::new(status).set_body_string(body))
            .mount(&server)
            .await;
    }
    let core = CoreBuilder::new(&server.uri(), "test/1.0")
        .credential(
            "key",
            Credential::ApiKeyQuery {
                name: "api_key",
                value: Secret::new("SECRET-KEY-42"),
            },
        )
        .credential("token", Credential::Bearer(Secret::new("SECRET-TOKEN-7")))
        .credential(
            "header",
            Credential::ApiKeyHeader {
                name: "x-key",
                value: Secret::new("SECRET-HEADER-9"),
            },
        )
        .max_response_bytes(4)
        .build()
        .unwrap();
    let all: &[&[&'static str]] = &[&["key", "token", "header"]];
    let mut errors: Vec<Error> = Vec::new();
    let bad = core
        .send(
            core.request(Method::GET, "/bad", &Pairs::new()),
            &common::endpoint(all),
        )
        .await
        .unwrap();
    errors.push(
        bad.read()
            .await
            .unwrap()
            .unexpected::<(), ()>()
            .unwrap_err(),
    );
    let json = core
        .send(
            core.request(Method::GET, "/json", &Pairs::new()),
            &common::endpoint(all),
        )
        .await
        .unwrap();
    errors.push(
        json.read()
            .await
            .unwrap()
            .json::<Vec<u8>, ()>()
            .unwrap_err(),
    );
    let big = core
        .send(
            core.request(Method::GET, "/big", &Pairs::new()),
            &common::endpoint(all),
        )
        .await
        .unwrap();
    errors.push(big.read().await.unwrap_err().into());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    for error in &errors {
        let text = format!("{error} {error:?}");
        for secret in ["SECRET-KEY-42", "SECRET-TOKEN-7", "SECRET-HEADER-9"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

#[test]
fn simple_style_writes_scalars_as_text_and_joins_lists() {
    assert_eq!(simple("text").unwrap().as_deref(), Some("text"));
    assert_eq!(simple(&42i64).unwrap().as_deref(), Some("42"));
    assert_eq!(simple(&1.5f64).unwrap().as_deref(), Some("1.5"));
    assert_eq!(simple(&true).unwrap().as_deref(), Some("true"));
    assert_eq!(simple(&None::<i32>), Ok(None));
    assert_eq!(simple(&Some(vec![3, 4])).unwrap().as_deref(), Some("3,4"));
    let object = serde_json::json!({"R": 100, "G": 200});
    assert_eq!(simple(&object).unwrap().as_deref(), Some("R,100,G,200"));
}

#[tokio::test]
async fn error_messages_show_a_snippet_of_long_bodies() {
    let server = MockServer::start().await;
    let long = "x".repeat(1000);
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_string(long.clone()))
        .mount(&server)
        .await;
    let core = builder(&server).build().unwrap();
    let response = core
        .send(
            core.request(Method::GET, "/x", &Pairs::new()),
            &common::endpoint(&[]),
        )
        .await
        .unwrap();
    let error: Error<()> = response
        .read()
        .await
        .unwrap()
        .unexpected::<(), ()>()
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("the server answered 502 Bad Gateway: xxx"),
        "{message}"
    );
    assert!(message.ends_with('…'), "{message}");
    assert!(message.len() < 300, "{}", message.len());
    assert_eq!(error.raw_body().map(<[u8]>::len), Some(1000));
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_unread() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(2048)))
        .mount(&server)
        .await;
    for (limit, fits) in [(1024, false), (2048, true)] {
        let core = builder(&server).max_response_bytes(limit).build().unwrap();
        let reply = core
            .send(
                core.request(Method::GET, "/x", &Pairs::new()),
                &common::endpoint(&[]),
            )
            .await
            .unwrap();
        let result: Result<(), Error<()>> = match reply.read().await {
            Ok(full) => full.unexpected(),
            Err(failure) => Err(failure.into()),
        };
        match result.unwrap_err() {
            Error::BodyTooLarge {
                status, limit: got, ..
            } => {
                assert!(!fits, "a body of exactly the limit was refused");
                assert_eq!((status.as_u16(), got), (200, 1024));
            }
            Error::UnexpectedStatus { body, .. } => {
                assert!(fits, "a body over the limit was read");
                assert_eq!(body.len(), 2048);
            }
            other => panic!("{other:?}"),
        }
    }
}

/// A cookie parameter and an API key sent as a cookie share one `Cookie`
/// header, and the key stays out of Debug output.
#[tokio::test]
async fn cookies_are_joined_into_one_header() {
    let server = server().await;
    let core = builder(&server)
        .credential(
            "session",
            Credential::ApiKeyCookie {
                name: "session",
                value: Secret::new("s3cret"),
            },
        )
        .build()
        .unwrap();
    let request = core.request(Method::GET, "/x", &Pairs::new());
    let request = sdkgen_runtime::encode::cookie(
        request,
        "lang",
        "en GB;q",
        sdkgen_runtime::encode::Text::Simple,
    )
    .unwrap();
    core.send(request, &common::endpoint(&[&["session"]]))
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap().pop().unwrap();
    let cookies: Vec<&str> = sent
        .headers
        .get_all("cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(cookies, ["lang=en%20GB%3Bq; session=s3cret"]);
    assert!(!format!("{core:?}").contains("s3cret"));
}

/// An operation with servers of its own is sent to the first, its variables
/// at their defaults, unless the caller set the base URL, which then takes
/// every call.
#[tokio::test]
async fn an_operation_with_its_own_server_goes_there_unless_the_base_url_is_set() {
    use sdkgen_runtime::call::{Server, ServerVariable};
    let (api, uploads) = (server().await, server().await);
    // A server is static data in generated code; the test's port is not.
    let origin: &'static str = Box::leak(uploads.uri().into_boxed_str());
    let variables: &'static [ServerVariable] = Box::leak(Box::new([ServerVariable {
        name: "origin",
        default: origin,
        values: &[],
    }]));
    let own = Server {
        url: "{origin}/uploads/",
        description: "",
        variables,
    };
    let mut query = Pairs::new();
    query
        .push("name", &"a.zip", sdkgen_runtime::pairs::Style::Form)
        .unwrap();

    let core = builder(&api).build().unwrap();
    let request = core.request_on(&own, Method::POST, "/assets", &query);
    core.send(request, &common::endpoint(&[])).await.unwrap();
    let seen = uploads.received_requests().await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url.path(), "/uploads/assets");
    assert_eq!(seen[0].url.query(), Some("name=a.zip"));
    assert!(api.received_requests().await.unwrap().is_empty());

    let core = builder(&api).base_url(api.uri()).build().unwrap();
    let request = core.request_on(&own, Method::POST, "/assets", &query);
    core.send(request, &common::endpoint(&[])).await.unwrap();
    let seen = api.received_requests().await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url.path(), "/assets");
    assert_eq!(uploads.received_requests().await.unwrap().len(), 1);
}

/// A generated method's call (`Core::exchange`): nothing goes out before it
/// is awaited; a request that could not be built is the call's error and is
/// not sent; otherwise the reply goes through the method's `decode`.
// As in a generated client: the functions return its `Error`, which keeps a
// failed call's status, headers and body.
#[allow(clippy::result_large_err)]
#[tokio::test]
async fn an_exchange_sends_when_awaited_and_only_what_was_built() {
    use sdkgen_runtime::call::FullReply;
    use sdkgen_runtime::error::InvalidRequest;
    use sdkgen_runtime::pending::Outcome;

    static ENDPOINT: sdkgen_runtime::call::Endpoint = sdkgen_runtime::call::Endpoint {
        operation: "test",
        path: "/items/{id}",
        security: &[],
        idempotent: false,
    };
    fn decode(reply: FullReply) -> Outcome<String, ()> {
        match reply.status().as_u16() {
            200 => reply.text(),
            _ => reply.unexpected(),
        }
    }
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("seven"))
        .mount(&server)
        .await;
    let core = builder(&server).build().unwrap();

    let pending = core.exchange(
        "7",
        |core, id| Ok(core.request(Method::GET, &format!("/items/{id}"), &Pairs::new())),
        &ENDPOINT,
        decode,
    );
    tokio::task::yield_now().await;
    assert!(server.received_requests().await.unwrap().is_empty());
    let response = pending.await.unwrap();
    assert_eq!(response.into_body(), "seven");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url.path(), "/items/7");

    let refused = core
        .exchange(
            (),
            |_, ()| Err(InvalidRequest::new("path parameter `id`", "has no value").into()),
            &ENDPOINT,
            decode,
        )
        .await;
    assert!(
        matches!(&refused, Err(Error::InvalidRequest(invalid)) if invalid.what == "path parameter `id`"),
        "{refused:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
