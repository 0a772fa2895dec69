//! The client generated from tests/fixtures/pagination.yaml walking every
//! way of paging against a paging server on 127.0.0.1: each list operation's
//! items arrive whole and in order, with the requests the paging asks for
//! and no more, fetched only when asked for; errors end the stream, retries
//! apply per page, and a `Link` to another origin is refused.

use futures_util::{StreamExt, TryStreamExt};
use pagination::operations::{
    InstanceListRequest, ListArticlesRequest, ListAuditRequest, ListChannelsRequest,
    ListChargesRequest, ListClientsRequest, ListEventsRequest, ListReposRequest,
    ListTicketsRequest,
};
use pagination::{Client, Error, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server whose `route` answers with `answer(query pairs, base URL)`.
async fn paging_server<F>(route: &str, answer: F) -> MockServer
where
    F: Fn(&[(String, String)], &str) -> ResponseTemplate + Send + Sync + 'static,
{
    let server = MockServer::start().await;
    let base = server.uri();
    Mock::given(path(route))
        .respond_with(move |request: &Request| {
            let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
            answer(&pairs, &base)
        })
        .mount(&server)
        .await;
    server
}

fn query<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn number(pairs: &[(String, String)], name: &str) -> Option<usize> {
    query(pairs, name).map(|v| v.parse().unwrap())
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy {
            initial_backoff: std::time::Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

/// The query strings of the requests the server saw, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn link_headers_are_followed_as_given_and_lazily() {
    let server = paging_server("/repos", |pairs, base| {
        let size = number(pairs, "per_page").unwrap_or(30);
        let page = number(pairs, "page").unwrap_or(1);
        let ids: Vec<usize> = (1..=7).skip((page - 1) * size).take(size).collect();
        let body: Vec<Value> = ids
            .iter()
            .map(|id| json!({"id": id, "name": format!("r{id}")}))
            .collect();
        let mut answer = ResponseTemplate::new(200).set_body_json(body);
        if page * size < 7 {
            // The server's own extra parameter must be sent back as given.
            let next = format!("{base}/repos?per_page={size}&page={}&sig=s%2B1", page + 1);
            answer = answer.insert_header(
                "link",
                format!(r#"<{next}>; rel="next", <{base}/repos?page=9>; rel="last""#),
            );
        }
        answer
    })
    .await;
    let names: Vec<String> = client(&server)
        .list_repos_stream(ListReposRequest::new().per_page(3))
        .map_ok(|repo| repo.name)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]);
    assert_eq!(
        queries(&server).await,
        [
            "per_page=3",
            "per_page=3&page=2&sig=s%2B1",
            "per_page=3&page=3&sig=s%2B1"
        ]
    );

    // Lazy: one item asks for one page only.
    let server2 = paging_server("/repos", |_, base| {
        ResponseTemplate::new(200)
            .set_body_json(json!([{"id": 1, "name": "a"}]))
            .insert_header("link", format!(r#"<{base}/repos?page=2>; rel="next""#))
    })
    .await;
    let mut items = client(&server2).list_repos_stream(ListReposRequest::new());
    assert_eq!(items.try_next().await.unwrap().unwrap().name, "a");
    assert_eq!(queries(&server2).await.len(), 1);
}

#[tokio::test]
async fn a_link_to_another_origin_is_an_error_and_nothing_is_sent_there() {
    let elsewhere = MockServer::start().await;
    let target = format!("{}/repos?page=2", elsewhere.uri());
    let server = paging_server("/repos", move |_, _| {
        ResponseTemplate::new(200)
            .set_body_json(json!([{"id": 1, "name": "a"}]))
            .insert_header("link", format!(r#"<{target}>; rel="next""#))
    })
    .await;
    let mut items = client(&server).list_repos_stream(ListReposRequest::new());
    assert_eq!(items.try_next().await.unwrap().unwrap().id, 1);
    match items.try_next().await {
        Err(Error::InvalidRequest(invalid)) => {
            assert!(invalid.to_string().contains("another origin"), "{invalid}")
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(items.try_next().await.unwrap().is_none());
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_operation_without_parameters_follows_links_too() {
    let server = paging_server("/feed", |pairs, base| {
        let page = number(pairs, "page").unwrap_or(1);
        let mut answer = ResponseTemplate::new(200).set_body_json(json!({
            "total_count": 4.0,
            "entries": [format!("e{}", 2 * page - 1), format!("e{}", 2 * page)],
        }));
        if page < 2 {
            answer = answer.insert_header("Link", format!(r#"<{base}/feed?page=2>; rel="next""#));
        }
        answer
    })
    .await;
    let pages: Vec<_> = client(&server)
        .list_feed_pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1].entries, ["e3", "e4"]);
    assert!(pages[0].headers().contains_key("link"));
}

#[tokio::test]
async fn a_cursor_one_object_down_is_sent_back_until_it_is_empty() {
    let server = paging_server("/channels", |pairs, _| {
        let (channels, next) = match query(pairs, "cursor") {
            None => (vec!["a", "b"], "c2"),
            Some("c2") => (vec!["c"], "c3"),
            Some("c3") => (vec!["d"], ""),
            Some(other) => panic!("unexpected cursor {other}"),
        };
        let channels: Vec<Value> = channels.iter().map(|id| json!({"id": id})).collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "channels": channels,
            "response_metadata": {"next_cursor": next},
        }))
    })
    .await;
    let ids: Vec<String> = client(&server)
        .list_channels_stream(ListChannelsRequest::new().limit(2))
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    assert_eq!(
        queries(&server).await,
        ["limit=2", "cursor=c2&limit=2", "cursor=c3&limit=2"]
    );
}

#[tokio::test]
async fn a_null_cursor_ends_and_a_repeated_one_does_not_loop() {
    let server = paging_server("/tickets", |pairs, _| {
        let body = match query(pairs, "page_token") {
            None => json!({"tickets": [1, 2], "next_page_token": "t"}),
            Some(_) => json!({"tickets": [3], "next_page_token": null}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let tickets: Vec<i64> = client(&server)
        .list_tickets_stream(ListTicketsRequest::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tickets, [1, 2, 3]);

    // A server that gives the cursor it was sent again would page forever.
    let stuck = paging_server("/tickets", |_, _| {
        ResponseTemplate::new(200).set_body_json(json!({"tickets": [9], "next_page_token": "same"}))
    })
    .await;
    let tickets: Vec<i64> = client(&stuck)
        .list_tickets_stream(ListTicketsRequest::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tickets, [9, 9]);
    assert_eq!(queries(&stuck).await.len(), 2);
}

#[tokio::test]
async fn has_more_pages_start_after_the_last_id() {
    let server = paging_server("/charges", |pairs, _| {
        let all = ["ch_1", "ch_2", "ch_3", "ch_4", "ch_5"];
        let start = match query(pairs, "starting_after") {
            None => 0,
            Some(after) => all.iter().position(|id| *id == after).unwrap() + 1,
        };
        let size = number(pairs, "limit").unwrap();
        let page: Vec<Value> = all[start..]
            .iter()
            .take(size)
            .map(|id| json!({"id": id, "amount": 100}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "object": "list",
            "data": page,
            "has_more": start + size < all.len(),
        }))
    })
    .await;
    let ids: Vec<String> = client(&server)
        .list_charges_stream(ListChargesRequest::new().limit(2))
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["ch_1", "ch_2", "ch_3", "ch_4", "ch_5"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&starting_after=ch_2",
            "limit=2&starting_after=ch_4"
        ]
    );
}

#[tokio::test]
async fn offsets_stop_at_a_short_page_when_the_size_is_capped() {
    // 45 events; no limit sent, so the default (20, within the maximum of
    // 50) is what each page is filled to: the third page, of 5, is the last.
    let server = paging_server("/events", |pairs, _| {
        let offset = number(pairs, "offset").unwrap_or(0);
        let limit = number(pairs, "limit").unwrap_or(20);
        let items: Vec<String> = (offset..45.min(offset + limit))
            .map(|i| format!("e{i}"))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"items": items}))
    })
    .await;
    let events: Vec<String> = client(&server)
        .list_events_stream(ListEventsRequest::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(events.len(), 45);
    assert_eq!(events[44], "e44");
    assert_eq!(queries(&server).await, ["", "offset=20", "offset=40"]);
}

#[tokio::test]
async fn a_window_moves_with_its_width_and_stops_at_the_total() {
    // Authlete's way: `end` defaults to 5 on the server, so the client sets
    // it on every page after the first.
    let server = paging_server("/clients", |pairs, _| {
        let start = number(pairs, "start").unwrap_or(0);
        let end = number(pairs, "end").unwrap_or(5).min(12);
        let clients: Vec<String> = (start..end).map(|i| format!("c{i}")).collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "start": start, "end": end, "totalCount": 12, "clients": clients,
        }))
    })
    .await;
    let clients: Vec<String> = client(&server)
        .list_clients_stream(ListClientsRequest::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        clients,
        (0..12).map(|i| format!("c{i}")).collect::<Vec<_>>()
    );
    assert_eq!(
        queries(&server).await,
        ["", "start=5&end=10", "start=10&end=15"]
    );
}

#[tokio::test]
async fn page_numbers_count_up_to_a_short_page() {
    let server = paging_server("/articles", |pairs, _| {
        let page = number(pairs, "page").unwrap_or(1);
        let size = number(pairs, "per_page").unwrap();
        let items: Vec<String> = ((page - 1) * size..25.min(page * size))
            .map(|i| format!("a{i}"))
            .collect();
        ResponseTemplate::new(200).set_body_json(items)
    })
    .await;
    let pages: Vec<usize> = client(&server)
        .list_articles_pages(ListArticlesRequest::new().per_page(10))
        .map_ok(|page| page.len())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages, [10, 10, 5]);
    assert_eq!(
        queries(&server).await,
        ["per_page=10", "page=2&per_page=10", "page=3&per_page=10"]
    );
}

#[tokio::test]
async fn dropshot_pages_send_the_token_without_the_scan_parameters() {
    let server = paging_server("/projects/p1/instances", |pairs, _| {
        let (items, next) = match query(pairs, "page_token") {
            None => (vec!["i1", "i2"], json!("tok")),
            Some("tok") => (vec!["i3"], Value::Null),
            Some(other) => panic!("unexpected token {other}"),
        };
        let items: Vec<Value> = items.iter().map(|n| json!({"name": n})).collect();
        ResponseTemplate::new(200).set_body_json(json!({"items": items, "next_page": next}))
    })
    .await;
    let request = InstanceListRequest::new("p1")
        .limit(2)
        .sort_by(pagination::operations::InstanceListSortBy::NameDescending)
        .state("running");
    let names: Vec<String> = client(&server)
        .instance_list_stream(request)
        .map_ok(|i| i.name)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["i1", "i2", "i3"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2&sort_by=name_descending&state=running",
            "limit=2&page_token=tok&state=running"
        ]
    );
}

#[tokio::test]
async fn x_pagination_states_where_the_cursor_and_items_are() {
    let server = paging_server("/audit", |pairs, _| {
        let body = match query(pairs, "from") {
            None => json!({"result": {"entries": ["x", "y"], "recent": ["ignored"]}, "meta": {"continue": "k"}}),
            Some(_) => json!({"result": {"entries": ["z"]}, "meta": {}}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let entries: Vec<String> = client(&server)
        .list_audit_stream(ListAuditRequest::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries, ["x", "y", "z"]);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_after_the_items_before_it() {
    let server = paging_server("/charges", |pairs, _| {
        match query(pairs, "starting_after") {
            None => ResponseTemplate::new(200).set_body_json(json!({
                "object": "list", "data": [{"id": "ch_1", "amount": 1}], "has_more": true,
            })),
            Some(_) => ResponseTemplate::new(500).set_body_string("down"),
        }
    })
    .await;
    let mut items = client(&server).list_charges_stream(ListChargesRequest::new());
    assert_eq!(items.try_next().await.unwrap().unwrap().id, "ch_1");
    match items.next().await {
        Some(Err(Error::UnexpectedStatus { status, body, .. })) => {
            assert_eq!(status.as_u16(), 500);
            assert_eq!(body, b"down");
        }
        other => panic!("expected a 500, got {other:?}"),
    }
    assert!(items.next().await.is_none());
    // The failed page was not retried (500 is no retryable status): two calls.
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn each_page_is_retried_as_any_call_is() {
    let tries = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = tries.clone();
    let server = paging_server("/charges", move |pairs, _| {
        match query(pairs, "starting_after") {
            None => ResponseTemplate::new(200).set_body_json(json!({
                "object": "list", "data": [{"id": "ch_1", "amount": 1}], "has_more": true,
            })),
            Some(_) if seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 => {
                ResponseTemplate::new(503)
            }
            Some(_) => ResponseTemplate::new(200).set_body_json(json!({
                "object": "list", "data": [{"id": "ch_2", "amount": 2}], "has_more": false,
            })),
        }
    })
    .await;
    let ids: Vec<String> = client(&server)
        .list_charges_stream(ListChargesRequest::new())
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["ch_1", "ch_2"]);
    assert_eq!(queries(&server).await.len(), 3);
}

#[test]
fn the_blocking_client_walks_pages_as_an_iterator() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(paging_server("/tickets", |pairs, _| {
        let body = match query(pairs, "page_token") {
            None => json!({"tickets": [1], "next_page_token": "t"}),
            Some(_) => json!({"tickets": [2], "next_page_token": null}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    }));
    let client = pagination::blocking::Client::new(client(&server)).unwrap();
    let tickets: Result<Vec<i64>, _> = client
        .list_tickets_stream(ListTicketsRequest::new())
        .collect();
    assert_eq!(tickets.unwrap(), [1, 2]);
}
