//! The body of a binary response, not read yet: read it whole (up to the
//! client's limit), chunk by chunk, or straight into a file.

use std::path::Path;

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
