//! The body of a binary response, not read yet: read it whole (up to the
//! client's limit), chunk by chunk, or straight into a file.

use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::Stream;

use tokio::io::AsyncWriteExt;

use super::call::Reply;
use super::error::Error;

/// A binary response body as it arrives. Nothing is read until asked, so a
/// large download need not fit in memory.
#[derive(Debug)]
pub struct Download {
    response: reqwest::Response,
    max_body: usize,
}

impl Download {
    pub(super) fn new(reply: Reply) -> Self {
        let (response, max_body) = reply.into_parts();
        Download { response, max_body }
    }

    /// The body's length, when the server said it.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next piece of the body as it arrives; `None` at the end.
    ///
    /// # Errors
    ///
    /// When the connection fails while reading.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, Error> {
        Ok(self.response.chunk().await?.map(|chunk| chunk.to_vec()))
    }

    /// The whole body, read into memory up to the client's
    /// `max_response_bytes`.
    ///
    /// # Errors
    ///
    /// When the body is longer than the limit, or the connection fails.
    pub async fn bytes(self) -> Result<Vec<u8>, Error> {
        let reply = Reply::from_parts(self.response, self.max_body);
        Ok(reply.read().await?.into_body())
    }

    /// The body as a stream of chunks as they arrive, each a `Bytes` handed
    /// on without copying. Once more than the client's `max_response_bytes`
    /// have arrived, the stream yields `Error::BodyTooLarge` and ends (read
    /// with [`Download::save`] or [`Download::chunk`] for a body of any
    /// length).
    pub fn stream(self) -> ByteStream {
        ByteStream {
            status: self.response.status(),
            headers: self.response.headers().clone(),
            limit: self.max_body,
            read: 0,
            bytes: Box::pin(self.response.bytes_stream()),
            done: false,
        }
    }

    /// Writes the body to the file at `path` (created or truncated) as it
    /// arrives, whatever its length; returns the number of bytes written.
    ///
    /// # Errors
    ///
    /// When the file cannot be written, or the connection fails.
    pub async fn save(mut self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let path = path.as_ref();
        let file_error = |source| Error::File {
            path: path.to_owned(),
            source,
        };
        let mut file = tokio::fs::File::create(path).await.map_err(file_error)?;
        let mut written = 0;
        while let Some(chunk) = self.response.chunk().await? {
            file.write_all(&chunk).await.map_err(file_error)?;
            written += chunk.len() as u64;
        }
        file.flush().await.map_err(file_error)?;
        Ok(written)
    }
}

/// A binary body as a stream of `Result<Bytes, Error>` (see
/// [`Download::stream`]).
#[must_use = "a stream does nothing until it is polled"]
pub struct ByteStream {
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    limit: usize,
    read: usize,
    bytes: Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>,
    done: bool,
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteStream")
            .field("read", &self.read)
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        let outcome = match std::task::ready!(self.bytes.as_mut().poll_next(cx)) {
            Some(Ok(chunk)) => {
                self.read = self.read.saturating_add(chunk.len());
                if self.read > self.limit {
                    Some(Err(Error::BodyTooLarge {
                        status: self.status,
                        headers: self.headers.clone(),
                        limit: self.limit,
                    }))
                } else {
                    Some(Ok(chunk))
                }
            }
            Some(Err(error)) => Some(Err(Error::from(error))),
            None => None,
        };
        self.done = !matches!(outcome, Some(Ok(_)));
        Poll::Ready(outcome)
    }
}
