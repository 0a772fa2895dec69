//! Streamed responses read as they arrive: server-sent events
//! (`text/event-stream`, parsed by the `eventsource-stream` crate) and JSON
//! lines (`application/x-ndjson`, `application/jsonl`,
//! `application/json-seq`), each item decoded as the spec's type.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use eventsource_stream::{EventStreamError, Eventsource};
use futures_util::{Stream, StreamExt};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::call::Reply;
use super::error::Error;

/// How an item's text becomes its type: JSON, or the text itself.
pub type Decode<T> = fn(&str) -> Result<T, serde_json::Error>;

/// Decodes an item as JSON.
pub fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

/// Keeps an item's text as it is (an event whose data the spec gives no
/// schema, or a string schema, is text, not JSON).
pub fn text(text: &str) -> Result<String, serde_json::Error> {
    Ok(text.to_owned())
}

/// One server-sent event: its data decoded as `T`, with its type, id and
/// retry time.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<T> {
    event: String,
    data: T,
    id: String,
    retry: Option<Duration>,
}

impl<T> Event<T> {
    /// The event's type: its `event` field, `message` when it has none.
    pub fn event(&self) -> &str {
        &self.event
    }

    /// The decoded data.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The decoded data, without the rest.
    pub fn into_data(self) -> T {
        self.data
    }

    /// The last event id the server set (the `id` field of this event or an
    /// earlier one; empty when none did), to resume with `Last-Event-ID`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How long the server asks a client to wait before reconnecting, when
    /// it says.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }
}

type RawEvents = Pin<
    Box<
        dyn Stream<Item = Result<eventsource_stream::Event, EventStreamError<reqwest::Error>>>
            + Send,
    >,
>;

/// The events of a `text/event-stream` response, as a stream of
/// `Result<Event<T>, Error<E>>`. An event whose data does not decode is an
/// `Error::Decode` item and the stream goes on; a failed connection, a body
/// that is not UTF-8, or a body that ends inside an event (data sent but no
/// blank line after it) is an error item that ends the stream. The data the
/// API names as its end (such as `[DONE]`) ends it without an error.
#[must_use = "a stream does nothing until it is polled"]
pub struct EventStream<T, E = ()> {
    status: StatusCode,
    headers: HeaderMap,
    events: RawEvents,
    decode: Decode<T>,
    sentinel: Option<&'static str>,
    tail: Tail,
    done: bool,
    _error: std::marker::PhantomData<fn() -> E>,
}

impl<T, E> std::fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("status", &self.status)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T, E> Unpin for EventStream<T, E> {}

impl<T, E> EventStream<T, E> {
    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl<T, E> Stream for EventStream<T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        let this = &mut *self;
        // Each outcome, and whether it ends the stream: every error does but
        // a datum that does not decode.
        let (outcome, ends) = match std::task::ready!(this.events.as_mut().poll_next(cx)) {
            Some(Ok(event)) if this.sentinel == Some(event.data.as_str()) => (None, true),
            Some(Ok(event)) => match (this.decode)(&event.data) {
                Ok(data) => (
                    Some(Ok(Event {
                        event: event.event,
                        data,
                        id: event.id,
                        retry: event.retry,
                    })),
                    false,
                ),
                Err(source) => (
                    Some(Err(decode_error(this, event.data.into_bytes(), source))),
                    false,
                ),
            },
            Some(Err(EventStreamError::Transport(error))) => (Some(Err(Error::from(error))), true),
            Some(Err(EventStreamError::Utf8(error))) => {
                let source = custom(format_args!("the event stream is not UTF-8: {error}"));
                (Some(Err(decode_error(this, Vec::new(), source))), true)
            }
            Some(Err(EventStreamError::Parser(error))) => {
                let source = custom(format_args!("the event stream does not parse: {error}"));
                (Some(Err(decode_error(this, Vec::new(), source))), true)
            }
            None if this.tail.inside_event() => {
                let source = custom("the event stream ended inside an event");
                (
                    Some(Err(decode_error(this, this.tail.take(), source))),
                    true,
                )
            }
            None => (None, true),
        };
        this.done = ends;
        Poll::Ready(outcome)
    }
}

fn decode_error<T, E>(
    stream: &EventStream<T, E>,
    body: Vec<u8>,
    source: serde_json::Error,
) -> Error<E> {
    Error::Decode {
        status: stream.status,
        headers: stream.headers.clone(),
        body,
        source,
    }
}

fn custom(message: impl std::fmt::Display) -> serde_json::Error {
    <serde_json::Error as serde::de::Error>::custom(message)
}

/// What arrived after the last blank line of an event stream, so that a body
/// that stops inside an event is told apart from one that ends between
/// events. Shared with the byte stream the parser reads.
#[derive(Clone, Default)]
struct Tail {
    shared: std::sync::Arc<std::sync::Mutex<TailState>>,
}

#[derive(Default)]
struct TailState {
    /// The bytes since the last event's end.
    open: Vec<u8>,
    /// Whether the body has ended.
    ended: bool,
}

impl Tail {
    fn push(&self, chunk: &[u8]) {
        let mut state = self
            .shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.open.extend_from_slice(chunk);
        if let Some(end) = last_event_end(&state.open) {
            state.open.drain(..end);
        }
    }

    fn end(&self) {
        self.shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .ended = true;
    }

    /// Whether the body ended after a `data` line of an event not yet
    /// finished by a blank line.
    fn inside_event(&self) -> bool {
        let state = self
            .shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.ended
            && state
                .open
                .split(|&b| b == b'\n' || b == b'\r')
                .any(|line| line.starts_with(b"data"))
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(
            &mut self
                .shared
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .open,
        )
    }
}

/// Where the last complete event of `bytes` ends: after its blank line
/// (a line end right after a line end; a line ends at `\r\n`, `\n` or `\r`).
fn last_event_end(bytes: &[u8]) -> Option<usize> {
    let mut end = None;
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let width = match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r' | b'\n', _) => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        if i == line_start && i > 0 {
            end = Some(i + width);
        }
        i += width;
        line_start = i;
    }
    end
}

/// A JSON value per line of a `application/x-ndjson`, `application/jsonl`
/// or `application/json-seq` response, as a stream of `Result<T, Error<E>>`.
/// A line that does not decode is an `Error::Decode` item (holding the line)
/// and the stream goes on; a failed connection, or a line longer than the
/// client's `max_response_bytes`, is an error item that ends it. Empty lines
/// are skipped; the last line needs no line break after it.
#[must_use = "a stream does nothing until it is polled"]
pub struct JsonLines<T, E = ()> {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>,
    decode: Decode<T>,
    line: Vec<u8>,
    pending: std::collections::VecDeque<Vec<u8>>,
    max_line: usize,
    /// A line longer than `max_line` arrived: the lines before it are
    /// yielded, then an error.
    overlong: bool,
    done: bool,
    _error: std::marker::PhantomData<fn() -> E>,
}

impl<T, E> std::fmt::Debug for JsonLines<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLines")
            .field("status", &self.status)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T, E> Unpin for JsonLines<T, E> {}

impl<T, E> JsonLines<T, E> {
    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Splits `chunk` into lines (at `\n`, and at the record separator
    /// `json-seq` puts before each value).
    fn cut_lines(&mut self, chunk: &[u8]) {
        for piece in chunk.split_inclusive(|&b| b == b'\n' || b == 0x1e) {
            let (text, ends) = match piece.split_last() {
                Some((&last, text)) if last == b'\n' || last == 0x1e => (text, true),
                _ => (piece, false),
            };
            self.line.extend_from_slice(text);
            if self.line.len() > self.max_line {
                self.overlong = true;
                return;
            }
            if ends {
                let line = std::mem::take(&mut self.line);
                self.pending.push_back(line);
            }
        }
    }

    // `result_large_err`: the stream's items are the operation's `Error<E>`
    // (see `call::Reply`); this is one of them.
    #[allow(clippy::result_large_err)]
    fn item(&self, line: Vec<u8>) -> Result<T, Error<E>> {
        let text = std::str::from_utf8(&line)
            .map_err(|error| custom(format_args!("the line is not UTF-8: {error}")));
        text.and_then(|text| (self.decode)(text))
            .map_err(|source| Error::Decode {
                status: self.status,
                headers: self.headers.clone(),
                body: line,
                source,
            })
    }
}

impl<T, E> Stream for JsonLines<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            while let Some(line) = self.pending.pop_front() {
                if !line.iter().all(u8::is_ascii_whitespace) {
                    return Poll::Ready(Some(self.item(line)));
                }
            }
            if self.done {
                return Poll::Ready(None);
            }
            if self.overlong {
                self.done = true;
                return Poll::Ready(Some(Err(Error::BodyTooLarge {
                    status: self.status,
                    headers: self.headers.clone(),
                    limit: self.max_line,
                })));
            }
            match std::task::ready!(self.bytes.as_mut().poll_next(cx)) {
                Some(Ok(chunk)) => self.cut_lines(&chunk),
                Some(Err(error)) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(Error::from(error))));
                }
                None => {
                    self.done = true;
                    let last = std::mem::take(&mut self.line);
                    self.pending.push_back(last);
                }
            }
        }
    }
}

impl Reply {
    /// A success response read as server-sent events, each event's data
    /// decoded by `decode`; data equal to `sentinel` ends the stream.
    ///
    /// # Errors
    ///
    /// When the server answered with another media type than
    /// `text/event-stream` (the request did not ask for a stream): the body
    /// is read whole into `Error::Decode`.
    pub async fn events<T, E>(
        self,
        decode: Decode<T>,
        sentinel: Option<&'static str>,
    ) -> Result<EventStream<T, E>, Error<E>> {
        let (status, headers) = (self.status(), self.headers().clone());
        let (response, _) = self
            .expect_media("text/event-stream", &["text/event-stream"])
            .await?;
        let tail = Tail::default();
        let (seen, ended) = (tail.clone(), tail.clone());
        let bytes = response
            .bytes_stream()
            .map(move |chunk| {
                if let Ok(chunk) = &chunk {
                    seen.push(chunk);
                }
                chunk
            })
            .chain(futures_util::stream::poll_fn(move |_| {
                ended.end();
                Poll::Ready(None)
            }));
        Ok(EventStream {
            status,
            headers,
            events: Box::pin(bytes.eventsource()),
            decode,
            sentinel,
            tail,
            done: false,
            _error: std::marker::PhantomData,
        })
    }

    /// A success response read as JSON lines, each decoded by `decode`.
    ///
    /// # Errors
    ///
    /// When the server answered with a media type that is not one of JSON
    /// lines (nor JSON, which one value on one line also is).
    pub async fn json_lines<T, E>(self, decode: Decode<T>) -> Result<JsonLines<T, E>, Error<E>> {
        let (status, headers) = (self.status(), self.headers().clone());
        let accepted = [
            "application/x-ndjson",
            "application/jsonl",
            "application/json-seq",
            "application/json",
            "application/x-jsonlines",
        ];
        let (response, max_line) = self.expect_media("JSON lines", &accepted).await?;
        Ok(JsonLines {
            status,
            headers,
            bytes: Box::pin(response.bytes_stream()),
            decode,
            line: Vec::new(),
            pending: std::collections::VecDeque::new(),
            max_line,
            overlong: false,
            done: false,
            _error: std::marker::PhantomData,
        })
    }

    /// The response and the client's body limit, when its `Content-Type` is
    /// one of `accepted` (or it has none); else its body, read, as an
    /// `Error::Decode`.
    async fn expect_media<E>(
        self,
        what: &str,
        accepted: &[&str],
    ) -> Result<(reqwest::Response, usize), Error<E>> {
        let media = self
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|value| {
                value
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            });
        match media {
            Some(media) if !accepted.contains(&media.as_str()) => {
                let reply = self.read().await?;
                let (status, headers) = (reply.status(), reply.headers().clone());
                Err(Error::Decode {
                    status,
                    headers,
                    body: reply.into_body(),
                    source: custom(format_args!(
                        "expected {what}, the server answered `{media}`"
                    )),
                })
            }
            _ => Ok(self.into_parts()),
        }
    }
}
