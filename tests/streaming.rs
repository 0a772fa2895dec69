//! The client generated from tests/fixtures/streaming.yaml reading streamed
//! answers from a real HTTP server on 127.0.0.1: a chat completion as JSON
//! and as server-sent events (ended by the `[DONE]` its spec names only in
//! prose), typed and text events, JSON lines, and the errors around them.
//! How the runtime parses events split anywhere is proven in
//! templates/runtime/tests/streams.rs.

use futures_util::TryStreamExt;
use sdkgen_tests::wire::{header, json_server, only_request, server};
use streaming::models::{ChatRequest, Message};
use streaming::operations::{
    ContainerStatsRequest, CreateChatCompletionRequest, StreamRunLogsRequest,
    StreamRunLogsResponseEventLevel,
};
use streaming::{Client, Error};
use wiremock::MockServer;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key("sk-test")
        .build()
        .unwrap()
}

fn chat(stream: bool) -> CreateChatCompletionRequest {
    let body = ChatRequest::new("m1", vec![Message::new("user", "hi")]).stream(stream);
    CreateChatCompletionRequest::new(body)
}

/// An OpenAI-style stream: two deltas, `[DONE]`, and an event after it that
/// must not be read.
const CHAT_EVENTS: &str = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n\
    : keep-alive\n\n\
    data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n\
    data: [DONE]\n\n\
    data: {\"not\":\"read\"}\n\n";

#[tokio::test]
async fn the_chat_completion_reads_json_and_its_twin_reads_the_deltas_to_done() {
    let json = json_server(
        200,
        r#"{"id":"c0","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"}}]}"#,
    )
    .await;
    let completion = client(&json)
        .create_chat_completion(chat(false))
        .await
        .unwrap();
    assert_eq!(completion.choices[0].message.content, "Hello");
    assert_eq!(
        header(&only_request(&json).await, "accept"),
        "application/json, text/event-stream;q=0.9"
    );

    let events = server(200, "text/event-stream", CHAT_EVENTS.as_bytes()).await;
    let stream = client(&events)
        .create_chat_completion_events(chat(true))
        .await
        .unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    let chunks: Vec<_> = stream.try_collect().await.unwrap();
    let text: String = chunks
        .iter()
        .map(|event| {
            event.data().choices[0]
                .delta
                .content
                .clone()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(text, "Hello");
    assert_eq!(
        chunks[1].data().choices[0].finish_reason,
        Some(Some("stop".to_owned()))
    );
    let sent = only_request(&events).await;
    assert_eq!(
        header(&sent, "accept"),
        "text/event-stream, application/json;q=0.9"
    );
    assert_eq!(header(&sent, "authorization"), "Bearer sk-test");
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["stream"], true);
}

#[tokio::test]
async fn a_json_answer_to_the_twin_is_a_decode_error_holding_it_and_errors_stay_typed() {
    let json = json_server(200, r#"{"id":"c0","choices":[]}"#).await;
    match client(&json)
        .create_chat_completion_events(chat(false))
        .await
    {
        Err(Error::Decode { body, source, .. }) => {
            assert_eq!(body, br#"{"id":"c0","choices":[]}"#);
            assert!(source.to_string().contains("text/event-stream"), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }

    let failing = json_server(429, r#"{"error":{"message":"slow down","type":"rate"}}"#).await;
    match client(&failing)
        .create_chat_completion_events(chat(true))
        .await
    {
        Err(Error::Api(response)) => {
            assert_eq!(response.status().as_u16(), 429);
            assert_eq!(response.body().error.message, "slow down");
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn an_events_only_operation_returns_typed_events_with_their_fields() {
    let body = "event: log\nid: 7\ndata: {\"level\":\"warn\",\"message\":\"disk\"}\n\n\
                data: {\"level\":\"fatal\",\"message\":\"unknown level kept\"}\n\n\
                data: {\"message\":\"no level\"}\n\n";
    let events = server(200, "text/event-stream", body.as_bytes()).await;
    let mut stream = client(&events)
        .stream_run_logs(StreamRunLogsRequest::new("r 1"))
        .await
        .unwrap();
    let first = stream.try_next().await.unwrap().unwrap();
    assert_eq!((first.event(), first.id()), ("log", "7"));
    assert_eq!(first.data().level, StreamRunLogsResponseEventLevel::Warn);
    // An unknown enum value survives (open enums); a missing required field
    // is an error item, and the stream goes on to its end.
    let second = stream.try_next().await.unwrap().unwrap();
    assert_eq!(second.data().level.as_str(), "fatal");
    assert!(matches!(stream.try_next().await, Err(Error::Decode { .. })));
    assert!(stream.try_next().await.unwrap().is_none());
    let sent = only_request(&events).await;
    assert_eq!(sent.url.path(), "/runs/r%201/logs");
    assert_eq!(
        header(&sent, "accept"),
        "text/event-stream, application/json;q=0.9"
    );

    let missing = json_server(404, r#"{"error":{"message":"no run"}}"#).await;
    match client(&missing)
        .stream_run_logs(StreamRunLogsRequest::new("x"))
        .await
    {
        Err(Error::Api(response)) => assert_eq!(response.body().error.message, "no run"),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn text_events_end_at_the_extension_s_marker() {
    let body = "data: first\ndata: second line\n\ndata: bye\n\ndata: after\n\n";
    let events = server(200, "text/event-stream", body.as_bytes()).await;
    let texts: Vec<String> = client(&events)
        .watch_notifications()
        .await
        .unwrap()
        .map_ok(|event| event.into_data())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(texts, ["first\nsecond line"]);
}

#[tokio::test]
async fn json_lines_are_typed_and_a_bad_line_is_an_error_item() {
    let body = "{\"read\":\"2026-12-03T10:00:00Z\",\"cpu_percent\":1.5,\"memory_bytes\":9007199254740993}\n\
                {\"read\":\"2026-12-03T10:00:01Z\"}\n\
                {\"read\":\"2026-12-03T10:00:02Z\",\"cpu_percent\":2,\"gpu\":\"kept\"}\n";
    let lines = server(200, "application/x-ndjson", body.as_bytes()).await;
    let mut stats = client(&lines)
        .container_stats(ContainerStatsRequest::new("c1"))
        .await
        .unwrap();
    let first = stats.try_next().await.unwrap().unwrap();
    assert_eq!(first.memory_bytes, Some(9_007_199_254_740_993));
    assert!(matches!(stats.try_next().await, Err(Error::Decode { .. })));
    let third = stats.try_next().await.unwrap().unwrap();
    assert_eq!(third.cpu_percent, 2.0);
    assert_eq!(third.additional_properties["gpu"], "kept");
    assert!(stats.try_next().await.unwrap().is_none());
}

#[test]
fn the_blocking_client_reads_events_as_an_iterator() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let events = runtime.block_on(server(200, "text/event-stream", CHAT_EVENTS.as_bytes()));
    let client = streaming::blocking::Client::new(client(&events)).unwrap();
    let ids: Vec<String> = client
        .create_chat_completion_events(chat(true))
        .unwrap()
        .map(|event| event.unwrap().into_data().id)
        .collect();
    assert_eq!(ids, ["c1", "c1"]);
}
