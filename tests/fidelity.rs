//! Nothing lost: the crate generated from tests/fixtures/fidelity.yaml reads
//! every value its schemas allow and writes it back unchanged, picks the
//! union alternative that keeps a value whole, and sends requests as the
//! spec says, checked on the wire against a real HTTP server on 127.0.0.1.

use fidelity::models::{
    Extended, FileMini, Item, Legacy, LegacyChoice, Loose, Measure, Paging, PagingSize, Plain,
    ProtectionRule, Retention, RetentionVariant1, Rule, Subscription,
};
use fidelity::operations::{
    CreateReportRequest, DeleteEntryRequest, DownloadContentRequest, DownloadContentSuccess,
    GetEntryRequest, GetNoteRequest, GetSummaryRequest, PlaceholdersRequest, SearchFilter,
    SearchPrefs, SearchRequest, SearchSelector,
};
use fidelity::{Client, Error};
use sdkgen_tests::round_trip;
use sdkgen_tests::wire::{self, header, json_server, only_request};
use serde_json::json;
use wiremock::MockServer;

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn a_download_and_an_empty_status_share_one_enum() {
    let server = wire::server(200, "application/octet-stream", b"\x00\x01bytes").await;
    let response = client(&server)
        .download_content(DownloadContentRequest::new("f1"))
        .await
        .unwrap();
    let DownloadContentSuccess::Ok(download) = response.into_body() else {
        panic!("200 is the download");
    };
    assert_eq!(download.bytes().await.unwrap(), b"\x00\x01bytes");

    let server = server_with(202, "").await;
    let response = client(&server)
        .download_content(DownloadContentRequest::new("f1"))
        .await
        .unwrap();
    assert!(matches!(
        response.into_body(),
        DownloadContentSuccess::Accepted
    ));
}

async fn server_with(status: u16, json: &str) -> MockServer {
    wire::server(status, "application/json", json.as_bytes()).await
}

#[tokio::test]
async fn a_204_that_documents_a_body_is_empty_success() {
    let server = server_with(204, "").await;
    let response = client(&server)
        .delete_entry(DeleteEntryRequest::new("e1"))
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn an_empty_body_is_null_where_the_schema_allows_null() {
    let server = server_with(200, "").await;
    let response = client(&server)
        .get_note(GetNoteRequest::new("e1"))
        .await
        .unwrap();
    assert_eq!(*response, None);
    // A body that needs a value is still an error when it is missing.
    let server = server_with(200, "").await;
    let error = client(&server)
        .get_entry(GetEntryRequest::new("e1"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn text_comes_as_it_was_sent_or_not_at_all() {
    let server = wire::server(200, "text/plain", "Zürich & co\n".as_bytes()).await;
    let response = client(&server)
        .get_summary(GetSummaryRequest::new("e1"))
        .await
        .unwrap();
    assert_eq!(*response, "Zürich & co\n");
    // Bytes that are not UTF-8 are not silently replaced.
    let server = wire::server(200, "text/plain", b"caf\xe9").await;
    let error = client(&server)
        .get_summary(GetSummaryRequest::new("e1"))
        .await
        .unwrap_err();
    let Error::Decode { body, source, .. } = error else {
        panic!("not a decode error: {error:?}");
    };
    assert_eq!(body, b"caf\xe9");
    assert!(source.to_string().contains("not UTF-8"), "{source}");
}

#[tokio::test]
async fn accept_names_what_the_client_reads_json_first() {
    let server = json_server(200, r#"{"id": "e1"}"#).await;
    client(&server)
        .get_entry(GetEntryRequest::new("e1"))
        .await
        .unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        header(&sent, "accept"),
        "application/json, application/problem+json, application/xml;q=0.9"
    );
    // The error body documented as problem+json is read as its type.
    let problem = r#"{"title": "gone", "status": 404}"#;
    let server = wire::server(404, "application/problem+json", problem.as_bytes()).await;
    let error = client(&server)
        .get_entry(GetEntryRequest::new("e1"))
        .await
        .unwrap_err();
    assert_eq!(error.body().and_then(|p| p.status), Some(404));
}

#[tokio::test]
async fn content_type_and_accept_parameters_are_ignored_and_authorization_is_a_credential() {
    let server = json_server(201, r#"{"value": 1.5}"#).await;
    // The request type has no field for them: only X-Trace and the body.
    let request = CreateReportRequest::new(Measure::new(1.5)).x_trace("t-1");
    client(&server).create_report(request).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(header(&sent, "content-type"), "application/json");
    assert_eq!(header(&sent, "accept"), "application/json");
    assert_eq!(header(&sent, "x-trace"), "t-1");
    // The spec's optional `Authorization` parameter: sent when set on the
    // client, kept out of its Debug output.
    assert!(sent.headers.get("authorization").is_none());
    let server = json_server(201, r#"{"value": 1.5}"#).await;
    let authorized = Client::builder()
        .base_url(server.uri())
        .authorization("Bearer s3cret")
        .build()
        .unwrap();
    assert!(!format!("{authorized:?}").contains("s3cret"));
    authorized
        .create_report(CreateReportRequest::new(Measure::new(1.5)))
        .await
        .unwrap();
    let sent = only_request(&server).await;
    assert_eq!(header(&sent, "authorization"), "Bearer s3cret");
}

#[tokio::test]
async fn parameters_with_json_content_are_sent_as_json_text() {
    let server = json_server(200, "[]").await;
    let mut selector = SearchSelector::new();
    selector.kind = Some("a b".into());
    let mut filter = SearchFilter::new();
    filter.size = Some(3);
    filter.tags = Some(vec!["x".into(), "y&z".into()]);
    let mut prefs = SearchPrefs::new();
    prefs.dark = Some(true);
    let request = SearchRequest::new(selector)
        .filter(filter)
        .x_filter(vec![1, 2])
        .prefs(prefs);
    client(&server).search(request).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/search/%7B%22kind%22%3A%22a%20b%22%7D");
    assert_eq!(
        sent.url.query(),
        Some("filter=%7B%22size%22%3A3%2C%22tags%22%3A%5B%22x%22%2C%22y%26z%22%5D%7D")
    );
    let filter: serde_json::Value = serde_json::from_str(
        &sent
            .url
            .query_pairs()
            .find(|(name, _)| name == "filter")
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(filter, json!({"size": 3, "tags": ["x", "y&z"]}));
    assert_eq!(header(&sent, "x-filter"), "[1,2]");
    assert_eq!(
        header(&sent, "cookie"),
        "prefs={\"dark\":true}".replace('"', "%22")
    );
}

#[tokio::test]
async fn placeholder_names_work_like_any_other() {
    let server = server_with(204, "").await;
    let request = PlaceholdersRequest::new("f o", 7).quux(9).set_new("n");
    client(&server).placeholders(request).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/placeholders/f%20o");
    assert_eq!(sent.url.query(), Some("baz=7&quux=9"));
    assert_eq!(header(&sent, "new"), "n");
}

#[test]
fn floats_keep_every_digit() {
    let measure: Measure = round_trip(json!({"value": 12758008.736488119, "ratio": -5.883}));
    assert_eq!(measure.value, 12758008.736488119);
    let text = r#"{"value":12758008.736488119,"ratio":0.1}"#;
    let read: Measure = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&read).unwrap(), text);
}

#[test]
fn defaults_fill_required_fields_each_with_its_own_function() {
    let paging: Paging = serde_json::from_value(json!({})).unwrap();
    assert_eq!(paging.size_max, 50);
    let size: PagingSize = serde_json::from_value(json!({})).unwrap();
    assert_eq!(size.max, 10);
}

#[test]
fn a_required_property_the_schema_does_not_list_is_kept() {
    let loose: Loose = round_trip(json!({"id": "1", "ghost": {"deep": [1, 2]}}));
    assert_eq!(loose.ghost, json!({"deep": [1, 2]}));
    assert!(serde_json::from_value::<Loose>(json!({"id": "1"})).is_err());
}

#[test]
fn properties_no_schema_lists_survive() {
    let extended: Extended = round_trip(json!({
        "name": "n",
        "$id": "x",
        "other": 1,
        "nested": {"a": [null, 2.5]}
    }));
    assert_eq!(extended.additional_properties["other"], 1);
    let plain: Plain = round_trip(json!({"a": "x", "b": null, "c": {"d": true}}));
    assert_eq!(plain.additional_properties["b"], json!(null));
}

#[test]
// `instances` is deprecated by the fixture (as GitHub's is); reading it is the
// point here.
#[allow(deprecated)]
fn a_null_is_kept_apart_from_an_absent_property_when_the_type_holds_null() {
    let null: Legacy = round_trip(json!({"instances": null, "choice": null}));
    assert_eq!(null.instances, Some(json!(null)));
    assert_eq!(null.choice, Some(LegacyChoice::Integer(None)));
    let absent: Legacy = round_trip(json!({}));
    assert_eq!(absent.instances, None);
    assert_eq!(absent.choice, None);
}

#[test]
fn a_nullable_alternative_is_still_told_apart_by_its_tag() {
    let file = json!({"type": "file", "id": "1", "sha1": "ab"});
    let item: Item = round_trip(file);
    let Item::File(Some(FileMini { sha1, .. })) = &item else {
        panic!("not the file: {item:?}");
    };
    assert_eq!(sha1.as_deref(), Some("ab"));
    assert!(matches!(
        round_trip::<Item>(json!({"type": "folder", "id": "2"})),
        Item::Folder(_)
    ));
    assert_eq!(round_trip::<Item>(json!(null)), Item::File(None));
}

#[test]
fn a_tag_not_every_alternative_requires_still_tells_them_apart() {
    let custom: Rule = round_trip(json!({"kind": "custom", "regex": "x"}));
    assert!(
        matches!(&custom, Rule::RuleVariant2(v) if v.regex.as_deref() == Some("x")),
        "{custom:?}"
    );
    let email: Rule = round_trip(json!({"kind": "email"}));
    assert!(matches!(email, Rule::RuleVariant1(_)), "{email:?}");
}

#[test]
fn a_listed_value_goes_to_the_enum_and_any_other_to_the_string() {
    assert_eq!(
        round_trip::<Retention>(json!("365")),
        Retention::String("365".into())
    );
    assert_eq!(
        round_trip::<Retention>(json!("none")),
        Retention::RetentionVariant1(RetentionVariant1::None)
    );
}

#[test]
fn a_closed_alternative_takes_only_what_it_lists() {
    let both: Subscription = round_trip(json!({"sid": "1", "url": "u"}));
    assert!(
        matches!(&both, Subscription::SubscriptionV2(v) if v.url == "u"),
        "{both:?}"
    );
    let sid: Subscription = round_trip(json!({"sid": "1"}));
    assert!(matches!(sid, Subscription::SubscriptionV1(_)), "{sid:?}");
}

#[test]
fn the_alternative_that_lists_the_most_properties_wins() {
    let reviewers = json!({"id": 1, "type": "required_reviewers", "reviewers": [{"type": "User"}]});
    let rule: ProtectionRule = round_trip(reviewers);
    let ProtectionRule::ProtectionRuleVariant2(rule) = rule else {
        panic!("not the reviewers rule: {rule:?}");
    };
    assert_eq!(rule.reviewers.map(|r| r.len()), Some(1));
    let timer: ProtectionRule = round_trip(json!({"id": 2, "type": "wait_timer", "wait_timer": 5}));
    assert!(matches!(timer, ProtectionRule::ProtectionRuleVariant1(_)));
    // A value no alternative can hold stays as it came.
    let ProtectionRule::Unknown(kept) = round_trip::<ProtectionRule>(json!("free text")) else {
        panic!("a value no alternative holds is not kept as unknown");
    };
    assert_eq!(kept.get(), &json!("free text"));
}
