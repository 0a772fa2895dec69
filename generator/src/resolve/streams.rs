//! Streamed responses: a success response that documents server-sent events
//! or JSON lines, and the data that ends a stream when the spec names it.

use openapiv3::MediaType;

use super::{escape, Resolver};
use crate::error::Result;
use crate::ir::{
    Module, Operation, ResponseMedia, ResponseStream, StreamFormat, Streaming, TypeRef,
};
use crate::naming::{self, Scope};

/// The stream format of a media type, if it is one.
pub(super) fn stream_format(media_type: &str) -> Option<StreamFormat> {
    let essence = super::operation::media_essence(media_type);
    match essence.as_str() {
        "text/event-stream" => Some(StreamFormat::ServerSentEvents),
        "application/x-ndjson"
        | "application/jsonl"
        | "application/json-seq"
        | "application/x-jsonlines"
        | "application/jsonlines" => Some(StreamFormat::JsonLines),
        _ => None,
    }
}

impl<'a> Resolver<'a> {
    /// The stream a response's `content` documents, with its item type: the
    /// media type's schema (named after `hint` and `Event` when inline), text
    /// for events without one, any JSON value for lines without one.
    pub(super) fn response_stream(
        &mut self,
        content: &'a indexmap::IndexMap<String, MediaType>,
        hint: &str,
        module: Module,
        at: &str,
    ) -> Result<Option<ResponseStream>> {
        let Some((media_type, media, format)) = content
            .iter()
            .find_map(|(media_type, media)| Some((media_type, media, stream_format(media_type)?)))
        else {
            return Ok(None);
        };
        let item = match &media.schema {
            Some(schema) => {
                let at = format!("{at}/content/{}/schema", escape(media_type));
                let hint = naming::stream_item_name(hint, format);
                self.schema_type(schema.into(), &hint, module, &at)?
            }
            None if format == StreamFormat::ServerSentEvents => TypeRef::String,
            None => TypeRef::Json,
        };
        Ok(Some(ResponseStream {
            format,
            media_type: media_type.clone(),
            item,
        }))
    }

    /// What an operation streams: the one stream its success responses
    /// document. When it also answers JSON, a twin method (named here, after
    /// every operation's own method) asks for the stream.
    pub(super) fn streaming(
        &mut self,
        op: &Operation,
        source: &openapiv3::Operation,
        method_names: &mut Scope,
    ) -> Option<Streaming> {
        let mut streams = op
            .responses
            .iter()
            .filter(|r| r.status.is_success())
            .filter_map(|r| Some((r, r.stream.as_ref()?)));
        let (response, stream) = streams.next()?;
        if streams.any(|(_, other)| other.item != stream.item || other.format != stream.format) {
            self.warn(
                format!("{}/responses", op.origin),
                "its success responses stream different types: they are read whole",
            );
            return None;
        }
        let twin = match response.media {
            ResponseMedia::Stream(_) => None,
            _ => Some(method_names.claim(naming::events_method_name(&op.method_name))),
        };
        Some(Streaming {
            accept: format!("{}, application/json;q=0.9", stream.media_type),
            format: stream.format,
            item: stream.item.clone(),
            sentinel: (stream.format == StreamFormat::ServerSentEvents)
                .then(|| self.sentinel(source))
                .flatten(),
            media_type: stream.media_type.clone(),
            twin,
        })
    }
}

impl Resolver<'_> {
    /// The data that ends an event stream, when the spec names it: an
    /// `x-stream-end` extension on the operation, else `data: [NAME]` in the
    /// prose of the operation, its responses or its request body's schema
    /// (chat-completion APIs say it in the description of the body's
    /// `stream` property).
    fn sentinel(&self, op: &openapiv3::Operation) -> Option<String> {
        if let Some(end) = op.extensions.get("x-stream-end").and_then(|v| v.as_str()) {
            return Some(end.to_owned());
        }
        let mut prose: Vec<String> = Vec::new();
        prose.extend(op.description.clone());
        for response in op.responses.responses.values() {
            if let Some(response) = response.as_item() {
                prose.push(response.description.clone());
            }
        }
        prose.extend(self.body_schema_text(op));
        prose.iter().find_map(|text| data_marker(text))
    }

    /// The JSON text of an operation's JSON request body schema, and of the
    /// component schema it refers to, for their prose.
    fn body_schema_text(&self, op: &openapiv3::Operation) -> Vec<String> {
        let components = self.doc.components.as_ref();
        let body = match op.request_body.as_ref() {
            Some(openapiv3::ReferenceOr::Item(body)) => Some(body),
            Some(openapiv3::ReferenceOr::Reference { reference }) => reference
                .strip_prefix("#/components/requestBodies/")
                .and_then(|name| components?.request_bodies.get(name)?.as_item()),
            None => None,
        };
        let Some(schema) = body
            .and_then(|body| {
                body.content
                    .iter()
                    .find(|(m, _)| super::operation::is_json(m))
            })
            .and_then(|(_, media)| media.schema.as_ref())
        else {
            return Vec::new();
        };
        let mut texts = vec![serde_json::to_string(schema).unwrap_or_default()];
        if let openapiv3::ReferenceOr::Reference { reference } = schema {
            let target = reference
                .strip_prefix("#/components/schemas/")
                .and_then(|name| components?.schemas.get(name));
            texts.extend(target.map(|t| serde_json::to_string(t).unwrap_or_default()));
        }
        texts
    }
}

/// `[DONE]` from text holding `data: [DONE]` (a bracketed word after
/// `data:`).
fn data_marker(text: &str) -> Option<String> {
    text.match_indices("data:").find_map(|(at, _)| {
        let rest = text[at + 5..].trim_start();
        let end = rest.find(']')?;
        let word = &rest[..=end];
        (word.starts_with('[')
            && word[1..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
            && end > 1)
            .then(|| word.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::data_marker;

    #[test]
    fn the_end_marker_is_read_from_prose() {
        assert_eq!(
            data_marker("terminated by a `data: [DONE]` message.").as_deref(),
            Some("[DONE]")
        );
        assert_eq!(
            data_marker("data:[END_OF_STREAM]").as_deref(),
            Some("[END_OF_STREAM]")
        );
        assert_eq!(data_marker("data: [a b]"), None);
        assert_eq!(data_marker("data: []"), None);
        assert_eq!(data_marker("no marker"), None);
    }
}
