//! Streamed responses on a real socket: a server on 127.0.0.1 that writes its
//! body in the pieces a test gives, each flushed and apart in time, so that
//! events and lines arrive split where the test says (inside a UTF-8
//! character, between `\r` and `\n`), and that may close in the middle.

mod common;

use std::time::Duration;

use futures_util::TryStreamExt;
use reqwest::Method;
use sdkgen_runtime::call::{CoreBuilder, Reply};
use sdkgen_runtime::error::Error;
use sdkgen_runtime::events::{json, text};
use sdkgen_runtime::pairs::Pairs;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Serves one request: a 200 with `content_type`, then `pieces` of body as
/// they are, 20 ms apart, then closes (the body ends with the connection).
async fn serve(content_type: &'static str, pieces: Vec<Vec<u8>>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = vec![0; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\nconnection: close\r\n\r\n");
        socket.write_all(head.as_bytes()).await.unwrap();
        for piece in pieces {
            socket.write_all(&piece).await.unwrap();
            socket.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    format!("http://{address}")
}

async fn reply(base: &str, max: usize) -> Reply {
    let core = CoreBuilder::new(base, "test/1.0")
        .max_response_bytes(max)
        .build()
        .unwrap();
    let request = core.request(Method::GET, "/stream", &Pairs::new());
    core.send(request, &common::endpoint(&[])).await.unwrap()
}

#[tokio::test]
async fn events_split_anywhere_arrive_whole_and_typed() {
    let body = "event: delta\nid: 1\ndata: {\"text\":\"gr\u{fc}n\"}\n\n: a comment\n\nretry: 1500\ndata: {\"text\":\r\ndata: \"x\"}\n\ndata: [DONE]\n\ndata: {\"text\":\"never read\"}\n\n";
    let bytes = body.as_bytes();
    // Cut inside `ü` (two bytes), inside a field name, and between `\r` and
    // `\n` of a line end.
    let u = body.find('\u{fc}').unwrap() + 1;
    let cr = body.find('\r').unwrap() + 1;
    let cuts = [3, u, body.find("retry").unwrap() + 2, cr, bytes.len()];
    let mut pieces = Vec::new();
    let mut at = 0;
    for cut in cuts {
        pieces.push(bytes[at..cut].to_vec());
        at = cut;
    }
    let base = serve("text/event-stream", pieces).await;
    let mut events = reply(&base, 1 << 20)
        .await
        .events::<Value, ()>(json, Some("[DONE]"))
        .await
        .unwrap();
    let first = events.try_next().await.unwrap().unwrap();
    assert_eq!(first.event(), "delta");
    assert_eq!(first.id(), "1");
    assert_eq!(first.data(), &json!({"text": "gr\u{fc}n"}));
    // Multi-line data joins with a line break; the retry time is kept.
    let second = events.try_next().await.unwrap().unwrap();
    assert_eq!(second.event(), "message");
    assert_eq!(second.retry(), Some(Duration::from_millis(1500)));
    assert_eq!(second.data(), &json!({"text": "x"}));
    // `[DONE]` ends the stream: what follows it is not read.
    assert!(events.try_next().await.unwrap().is_none());
}

#[tokio::test]
async fn a_body_that_stops_inside_an_event_is_an_error_not_a_quiet_end() {
    let base = serve(
        "text/event-stream",
        vec![b"data: one\n\n".to_vec(), b"data: tw".to_vec()],
    )
    .await;
    let mut events = reply(&base, 1 << 20)
        .await
        .events::<String, ()>(text, None)
        .await
        .unwrap();
    assert_eq!(events.try_next().await.unwrap().unwrap().data(), "one");
    match events.try_next().await {
        Err(Error::Decode { body, source, .. }) => {
            assert_eq!(body, b"data: tw");
            assert!(
                source.to_string().contains("ended inside an event"),
                "{source}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(events.try_next().await.unwrap().is_none());
}

#[tokio::test]
async fn an_event_that_does_not_decode_is_an_error_item_and_the_stream_goes_on() {
    let base = serve(
        "text/event-stream; charset=utf-8",
        vec![b"data: {not json\n\ndata: 2\n\n: only a comment at the end\n".to_vec()],
    )
    .await;
    let mut events = reply(&base, 1 << 20)
        .await
        .events::<u32, ()>(json, None)
        .await
        .unwrap();
    assert!(
        matches!(events.try_next().await, Err(Error::Decode { ref body, .. }) if body == b"{not json")
    );
    assert_eq!(events.try_next().await.unwrap().unwrap().into_data(), 2);
    // A trailing comment is no event cut short.
    assert!(events.try_next().await.unwrap().is_none());
}

#[tokio::test]
async fn a_json_answer_where_events_were_asked_for_is_a_decode_error_with_its_body() {
    let base = serve("application/json", vec![br#"{"id":1}"#.to_vec()]).await;
    let outcome = reply(&base, 1 << 20)
        .await
        .events::<Value, ()>(json, None)
        .await;
    match outcome {
        Err(Error::Decode { body, source, .. }) => {
            assert_eq!(body, br#"{"id":1}"#);
            assert!(source.to_string().contains("text/event-stream"), "{source}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn json_lines_split_anywhere_decode_per_line_and_a_bad_line_does_not_end_them() {
    let pieces = vec![
        b"{\"n\":1}\n{\"n\"".to_vec(),
        b":2}\r\n\nnot json\n".to_vec(),
        b"{\"n\":3}".to_vec(),
    ];
    let base = serve("application/x-ndjson", pieces).await;
    let mut lines = reply(&base, 1 << 20)
        .await
        .json_lines::<Value, ()>(json)
        .await
        .unwrap();
    assert_eq!(lines.try_next().await.unwrap(), Some(json!({"n": 1})));
    assert_eq!(lines.try_next().await.unwrap(), Some(json!({"n": 2})));
    match lines.try_next().await {
        Err(Error::Decode { body, .. }) => assert_eq!(body, b"not json"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    // The last line needs no line break.
    assert_eq!(lines.try_next().await.unwrap(), Some(json!({"n": 3})));
    assert_eq!(lines.try_next().await.unwrap(), None);
}

#[tokio::test]
async fn json_seq_records_and_an_overlong_line_ends_the_stream() {
    let base = serve(
        "application/json-seq",
        vec![b"\x1e{\"n\":1}\n\x1e{\"n\":2}\n".to_vec()],
    )
    .await;
    let lines: Vec<Value> = reply(&base, 1 << 20)
        .await
        .json_lines::<Value, ()>(json)
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(lines, vec![json!({"n": 1}), json!({"n": 2})]);

    let long = format!("{{\"s\":\"{}\"}}\n", "x".repeat(100));
    let base = serve("application/x-ndjson", vec![long.into_bytes()]).await;
    let mut lines = reply(&base, 50)
        .await
        .json_lines::<Value, ()>(json)
        .await
        .unwrap();
    assert!(matches!(
        lines.try_next().await,
        Err(Error::BodyTooLarge { limit: 50, .. })
    ));
    assert_eq!(lines.try_next().await.unwrap(), None);
}

#[tokio::test]
async fn a_download_streams_its_chunks_and_stops_at_the_limit() {
    let pieces = vec![vec![1; 10], vec![2; 10], vec![3; 10]];
    let base = serve("application/octet-stream", pieces.clone()).await;
    let chunks: Vec<bytes::Bytes> = reply(&base, 1 << 20)
        .await
        .download::<()>()
        .unwrap()
        .into_body()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(chunks.concat(), pieces.concat());

    let base = serve("application/octet-stream", pieces).await;
    let mut stream = reply(&base, 15)
        .await
        .download::<()>()
        .unwrap()
        .into_body()
        .stream();
    assert_eq!(stream.try_next().await.unwrap().unwrap().len(), 10);
    assert!(matches!(
        stream.try_next().await,
        Err(Error::BodyTooLarge { limit: 15, .. })
    ));
    assert!(stream.try_next().await.unwrap().is_none());
}
