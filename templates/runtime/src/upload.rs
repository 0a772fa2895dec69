//! Files and bytes to send: the file parts of a `multipart/form-data` body
//! and binary request bodies (`application/octet-stream` and the like). A file
//! given by its path is streamed from disk as it is sent, never read whole
//! into memory.

use std::path::PathBuf;

use reqwest::multipart::{Form, Part};
use reqwest::RequestBuilder;
use serde::Serialize;
use serde_json::Value;

use super::error::{Error, InvalidRequest};

/// A file or bytes to upload, with the file name and media type to send
/// them under.
///
/// In a generated request type an `Upload` field is not serialized: it is
/// sent as a part of its own, or as the whole body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Upload {
    source: Source,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

impl Default for Source {
    fn default() -> Self {
        Source::Bytes(Vec::new())
    }
}

impl Upload {
    /// Bytes held in memory (sent without a file name unless one is set).
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Upload {
            source: Source::Bytes(bytes.into()),
            ..Upload::default()
        }
    }

    /// The file at `path`, opened when the request is sent and streamed from
    /// disk; its file name is sent with it.
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        Upload {
            source: Source::Path(path),
            file_name,
            content_type: None,
        }
    }

    /// Sends the upload under `name` as its file name.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sends the upload as media type `content_type` (by default the one the
    /// operation names for a body, `application/octet-stream` for a part).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The body to send, with its length when known.
    async fn into_body<E>(self) -> Result<(reqwest::Body, Option<u64>), Error<E>> {
        match self.source {
            Source::Bytes(bytes) => {
                let length = bytes.len() as u64;
                Ok((bytes.into(), Some(length)))
            }
            Source::Path(path) => {
                let opened = async {
                    let file = tokio::fs::File::open(&path).await?;
                    let length = file.metadata().await?.len();
                    Ok::<_, std::io::Error>((file, length))
                }
                .await;
                match opened {
                    Ok((file, length)) => Ok((file.into(), Some(length))),
                    Err(source) => Err(Error::File { path, source }),
                }
            }
        }
    }
}

/// Sets `upload` as the whole body of `request`, sent as its own media type
/// or else `content_type` (the one the operation names).
pub async fn body<E>(
    request: RequestBuilder,
    upload: Upload,
    content_type: &str,
) -> Result<RequestBuilder, Error<E>> {
    let media = upload
        .content_type
        .clone()
        .unwrap_or_else(|| content_type.to_owned());
    let (body, length) = upload.into_body().await?;
    let request = request
        .header(reqwest::header::CONTENT_TYPE, media)
        .body(body);
    Ok(match length {
        Some(length) => request.header(reqwest::header::CONTENT_LENGTH, length),
        None => request,
    })
}

/// A multipart form with one text part per property of `fields` (an object):
/// scalars as their text, each item of an array as a part of the same name,
/// objects as JSON. `Upload` fields are not serialized, and are added by
/// [`files`]. A body that does not serialize or is not an object is an
/// error.
pub fn text_parts<T: Serialize + ?Sized>(fields: &T) -> Result<Form, InvalidRequest> {
    let mut form = Form::new();
    let fields = super::pairs::body_fields(fields)?;
    for (name, value) in fields {
        let items = match value {
            Value::Array(items) => items,
            value => vec![value],
        };
        for item in items {
            form = match item {
                Value::Null => form,
                Value::String(text) => form.text(name.clone(), text),
                Value::Object(_) | Value::Array(_) => form.part(
                    name.clone(),
                    Part::text(item.to_string())
                        .mime_str("application/json")
                        .expect("application/json is a media type"),
                ),
                scalar => form.text(name.clone(), scalar.to_string()),
            };
        }
    }
    Ok(form)
}

/// Adds each of `uploads` to `form` as a file part named `name`, with its
/// file name (else `name`) and content type (else
/// `application/octet-stream`). A content type that is not a media type is
/// an error: the part is not sent without it.
pub async fn files<E>(
    mut form: Form,
    name: &'static str,
    uploads: impl IntoIterator<Item = Upload>,
) -> Result<Form, Error<E>> {
    for upload in uploads {
        let file_name = upload.file_name.clone();
        let content_type = upload
            .content_type
            .clone()
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        let (body, length) = upload.into_body().await?;
        let mut part = match length {
            Some(length) => Part::stream_with_length(body, length),
            None => Part::stream(body),
        };
        // A part without a file name is a text field to most servers
        // (Starlette decodes it as text, and bytes that are not UTF-8 come
        // out changed), so a file part always has one: the field's name
        // when none was given, as Python's requests does.
        part = part.file_name(file_name.unwrap_or_else(|| name.to_owned()));
        part = part.mime_str(&content_type).map_err(|_| {
            InvalidRequest::new(
                format!("the content type of file part `{name}`"),
                format!("`{content_type}` is not a media type"),
            )
        })?;
        form = form.part(name, part);
    }
    Ok(form)
}
