//! OAuth 2.0 token flows on the wire: a token endpoint and an API, both real
//! HTTP servers on 127.0.0.1 (wiremock), and the client between them.
//!
//! Only with the `oauth2` feature (the default): without it the crate has
//! `oauth2_off.rs`, which has no flows to test.
#![cfg(feature = "oauth2")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use sdkgen_runtime::auth::{Credential, Need};
use sdkgen_runtime::call::{Core, CoreBuilder, Endpoint};
use sdkgen_runtime::error::{BuildError, Error};
use sdkgen_runtime::oauth2::{
    AccessToken, ClientAuth, OAuth2, ProviderError, TokenProvider, TokenRequest,
};
use sdkgen_runtime::pairs::Pairs;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const SECRET: &str = "s3cr&t:pass";

/// A token endpoint that hands out `tok-1`, `tok-2`, … lasting
/// `expires_in` seconds, after `delay`.
struct Tokens {
    issued: Arc<AtomicUsize>,
    expires_in: u64,
    refresh: bool,
    delay: Duration,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let mut body = json!({
            "access_token": format!("tok-{n}"),
            "token_type": "bearer",
            "expires_in": self.expires_in,
        });
        if self.refresh {
            body["refresh_token"] = json!(format!("ref-{n}"));
        }
        ResponseTemplate::new(200)
            .set_body_json(body)
            .set_delay(self.delay)
    }
}

/// An API that answers 200 to `Bearer <accepted>` and 401 to any other.
struct Api {
    accepted: Vec<&'static str>,
}

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let given = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if self
            .accepted
            .iter()
            .any(|token| given == format!("Bearer {token}"))
        {
            ResponseTemplate::new(200).set_body_json(json!({"ok": true}))
        } else {
            ResponseTemplate::new(401)
        }
    }
}

async fn token_server(
    expires_in: u64,
    refresh: bool,
    delay: Duration,
) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(Tokens {
            issued: issued.clone(),
            expires_in,
            refresh,
            delay,
        })
        .mount(&server)
        .await;
    (server, issued)
}

async fn api(accepted: Vec<&'static str>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/x"))
        .respond_with(Api { accepted })
        .mount(&server)
        .await;
    server
}

const SCOPED: &[&[Need]] = &[&[("oauth", &["pets:read", "pets:write"])]];

fn endpoint(method: &'static str) -> Endpoint {
    Endpoint {
        operation: method,
        path: "/x",
        security: SCOPED,
        idempotent: false,
    }
}

fn client(api: &MockServer, credential: OAuth2, token_url: &'static str) -> Core {
    CoreBuilder::new(&api.uri(), "test")
        .credential(
            "oauth",
            Credential::OAuth2(credential.bind(Some(token_url))),
        )
        .build()
        .unwrap()
}

/// A `'static` token URL on `server` (each test leaks one short string).
fn token_url(server: &MockServer) -> &'static str {
    String::leak(format!("{}/oauth/token", server.uri()))
}

async fn get(core: &Core, method: Method) -> Result<u16, Error> {
    let request = core.request(method, "/x", &Pairs::new());
    let reply = core.send(request, &endpoint("getX")).await?;
    Ok(reply.status().as_u16())
}

async fn token_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/oauth/token")
        .collect()
}

fn form(request: &Request) -> Vec<(String, String)> {
    form_urlencoded::parse(&request.body).into_owned().collect()
}

#[tokio::test]
async fn concurrent_calls_share_one_token_request() {
    let (tokens, issued) = token_server(3600, false, Duration::from_millis(200)).await;
    let api = api(vec!["tok-1"]).await;
    let core = client(
        &api,
        OAuth2::client_credentials("my client", SECRET),
        token_url(&tokens),
    );
    let calls = (0..16).map(|_| {
        let core = core.clone();
        tokio::spawn(async move { get(&core, Method::GET).await.unwrap() })
    });
    for call in calls {
        assert_eq!(call.await.unwrap(), 200);
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    let sent = token_requests(&tokens).await;
    // RFC 6749 §2.3.1: the ID and secret form-encoded, then HTTP Basic.
    let basic = sent[0]
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(
        basic, "Basic bXkrY2xpZW50OnMzY3IlMjZ0JTNBcGFzcw==",
        "base64 of `my+client:s3cr%26t%3Apass`"
    );
    assert_eq!(
        form(&sent[0]),
        [
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            ("scope".to_owned(), "pets:read pets:write".to_owned()),
        ]
    );
    assert_eq!(api.received_requests().await.unwrap().len(), 16);
}

#[tokio::test]
async fn a_token_is_renewed_once_before_it_runs_out() {
    // A token that lasts one second is renewed after nine tenths of it.
    let (tokens, issued) = token_server(1, false, Duration::ZERO).await;
    let api = api(vec!["tok-1", "tok-2"]).await;
    let core = client(
        &api,
        OAuth2::client_credentials("id", SECRET),
        token_url(&tokens),
    );
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    assert_eq!(issued.load(Ordering::SeqCst), 1, "the token is still fresh");
    tokio::time::sleep(Duration::from_millis(950)).await;
    let again = (0..4).map(|_| {
        let core = core.clone();
        tokio::spawn(async move { get(&core, Method::GET).await.unwrap() })
    });
    for call in again {
        assert_eq!(call.await.unwrap(), 200);
    }
    assert_eq!(issued.load(Ordering::SeqCst), 2, "one renewal for all");
    let sent = api.received_requests().await.unwrap();
    let last = sent.last().unwrap().headers.get("authorization").unwrap();
    assert_eq!(last, "Bearer tok-2");
}

#[tokio::test]
async fn a_refused_token_is_renewed_and_the_call_sent_once_more() {
    let (tokens, issued) = token_server(3600, false, Duration::ZERO).await;
    // The API no longer takes the first token (revoked), only the second.
    let api = api(vec!["tok-2"]).await;
    let core = client(
        &api,
        OAuth2::client_credentials("id", SECRET),
        token_url(&tokens),
    );
    // Even a POST: the server did not act on a call it refused.
    assert_eq!(get(&core, Method::POST).await.unwrap(), 200);
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(api.received_requests().await.unwrap().len(), 2);

    // A server that refuses every token: one renewal, one more try, and
    // its 401 is the answer.
    let refusing = self::api(vec![]).await;
    let core = client(
        &refusing,
        OAuth2::client_credentials("id", SECRET),
        token_url(&tokens),
    );
    assert_eq!(get(&core, Method::GET).await.unwrap(), 401);
    assert_eq!(refusing.received_requests().await.unwrap().len(), 2);
    assert_eq!(issued.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn a_refresh_token_is_used_to_renew() {
    let (tokens, issued) = token_server(1, true, Duration::ZERO).await;
    let api = api(vec!["tok-1", "tok-2"]).await;
    let core = client(
        &api,
        OAuth2::client_credentials("id", SECRET),
        token_url(&tokens),
    );
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    tokio::time::sleep(Duration::from_millis(950)).await;
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let sent = token_requests(&tokens).await;
    assert_eq!(
        form(&sent[1]),
        [
            ("grant_type".to_owned(), "refresh_token".to_owned()),
            ("refresh_token".to_owned(), "ref-1".to_owned()),
        ]
    );
}

#[tokio::test]
async fn the_client_may_authenticate_in_the_body_with_scopes_of_its_own() {
    let (tokens, _) = token_server(3600, false, Duration::ZERO).await;
    let api = api(vec!["tok-1"]).await;
    let credential = OAuth2::client_credentials("id", SECRET)
        .client_auth(ClientAuth::Body)
        .scopes(["admin"]);
    let core = client(&api, credential, token_url(&tokens));
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    let sent = token_requests(&tokens).await;
    assert!(sent[0].headers.get("authorization").is_none());
    assert_eq!(
        form(&sent[0]),
        [
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            ("scope".to_owned(), "admin".to_owned()),
            ("client_id".to_owned(), "id".to_owned()),
            ("client_secret".to_owned(), SECRET.to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_relative_token_url_resolves_against_the_base_url() {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/api/oauth/token"))
        .respond_with(Tokens {
            issued: issued.clone(),
            expires_in: 60,
            refresh: false,
            delay: Duration::ZERO,
        })
        .mount(&server)
        .await;
    Mock::given(path("/api/x"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let core = CoreBuilder::new(&format!("{}/api", server.uri()), "test")
        .credential(
            "oauth",
            Credential::OAuth2(OAuth2::client_credentials("id", SECRET).bind(Some("oauth/token"))),
        )
        .build()
        .unwrap();
    assert_eq!(get(&core, Method::GET).await.unwrap(), 204);
    assert_eq!(issued.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_failing_token_endpoint_is_a_typed_error_without_secrets() {
    let tokens = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "unknown client",
        })))
        .mount(&tokens)
        .await;
    let api = api(vec![]).await;
    let core = client(
        &api,
        OAuth2::client_credentials("id", SECRET),
        token_url(&tokens),
    );
    let error = get(&core, Method::GET).await.unwrap_err();
    let Error::Auth(auth) = &error else {
        panic!("expected Error::Auth, got {error:?}")
    };
    assert_eq!(auth.token_url.as_deref(), Some(token_url(&tokens)));
    assert_eq!(auth.status, Some(401));
    assert_eq!(auth.error.as_deref(), Some("invalid_client"));
    assert!(
        api.received_requests().await.unwrap().is_empty(),
        "no call without a token"
    );
    for shown in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{core:?}"),
    ] {
        assert!(
            shown.contains("oauth/token") || shown.contains("Core"),
            "{shown}"
        );
        assert!(
            !shown.contains(SECRET) && !shown.contains("s3cr"),
            "{shown}"
        );
    }

    // A token URL that answers nothing: still named, still no secret.
    let nothing = "http://127.0.0.1:9/oauth/token?client_secret=s3cr";
    let core = client(&api, OAuth2::client_credentials("id", SECRET), nothing);
    let error = get(&core, Method::GET).await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("127.0.0.1:9/oauth/token"), "{shown}");
    assert!(!shown.contains("s3cr"), "{shown}");
}

#[tokio::test]
async fn tokens_stay_out_of_debug_output() {
    let (tokens, _) = token_server(3600, false, Duration::ZERO).await;
    let api = api(vec!["tok-1"]).await;
    let core = client(
        &api,
        OAuth2::client_credentials("id", SECRET),
        token_url(&tokens),
    );
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    let fixed = OAuth2::token("fixed-token-value");
    for shown in [format!("{core:?}"), format!("{fixed:?}")] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains("tok-1"), "{shown}");
        assert!(!shown.contains("fixed-token-value"), "{shown}");
    }
}

/// A provider that counts its calls and records what it was asked.
struct Counting {
    calls: Arc<AtomicUsize>,
    renewals: Arc<AtomicUsize>,
}

impl TokenProvider for Counting {
    async fn token(&self, request: TokenRequest<'_>) -> Result<AccessToken, ProviderError> {
        assert_eq!(request.scopes, ["pets:read", "pets:write"]);
        if request.renew {
            self.renewals.fetch_add(1, Ordering::SeqCst);
        }
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(AccessToken::new(format!("tok-{n}"), None))
    }
}

#[tokio::test]
async fn a_provider_is_cached_and_asked_to_renew_after_401() {
    let api = api(vec!["tok-2"]).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let renewals = Arc::new(AtomicUsize::new(0));
    let provider = OAuth2::provider(Counting {
        calls: calls.clone(),
        renewals: renewals.clone(),
    });
    let core = CoreBuilder::new(&api.uri(), "test")
        .credential("oauth", Credential::OAuth2(provider.bind(None)))
        .build()
        .unwrap();
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "asked once, then once after 401"
    );
    assert_eq!(renewals.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_fixed_token_is_sent_as_it_is_and_not_renewed() {
    let api = api(vec!["tok-1"]).await;
    let core = CoreBuilder::new(&api.uri(), "test")
        .credential(
            "oauth",
            Credential::OAuth2(OAuth2::from("fixed").bind(None)),
        )
        .build()
        .unwrap();
    assert_eq!(get(&core, Method::GET).await.unwrap(), 401);
    let sent = api.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1, "a fixed token is not renewed");
    assert_eq!(
        sent[0].headers.get("authorization").unwrap(),
        "Bearer fixed"
    );
}

#[test]
fn client_credentials_without_a_token_url_do_not_build() {
    let error = CoreBuilder::new("http://127.0.0.1:1", "test")
        .credential(
            "oauth",
            Credential::OAuth2(OAuth2::client_credentials("id", SECRET).bind(None)),
        )
        .build()
        .unwrap_err();
    assert!(matches!(&error, BuildError::NoTokenUrl { scheme } if scheme == "oauth"));
    assert!(!format!("{error} {error:?}").contains(SECRET));
}

#[tokio::test]
async fn odd_token_answers_neither_panic_nor_echo_the_token() {
    let api = api(vec!["tok-long"]).await;
    // A lifetime the clock cannot hold: used, never renewed by time.
    let tokens = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "tok-long",
            "expires_in": 1e30,
        })))
        .mount(&tokens)
        .await;
    let core = client(
        &api,
        OAuth2::client_credentials("id", SECRET),
        token_url(&tokens),
    );
    assert_eq!(get(&core, Method::GET).await.unwrap(), 200);

    // A token that is not a string: refused, and its value not repeated.
    let numeric = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": 987654321})))
        .mount(&numeric)
        .await;
    let core = client(
        &api,
        OAuth2::client_credentials("id", SECRET),
        token_url(&numeric),
    );
    let error = get(&core, Method::GET).await.unwrap_err();
    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("987654321"), "{shown}");
}
