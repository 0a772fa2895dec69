//! The requests an API sends to its users' servers: 3.1 `webhooks` (which
//! load carries here under an extension, their payloads made components) and
//! 3.0 operations' `callbacks`. Each becomes a method of the generated
//! `webhooks::Verifier` that checks a request's signature and reads its
//! payload; `x-webhook-signature` says how the API signs them.

use openapiv3::ReferenceOr;
use serde_json::Value;

use super::operation::{is_json, method_of};
use super::schema::SchemaRef;
use super::{escape, follow, Resolver};
use crate::error::Result;
use crate::ir::{Module, Webhook, WebhookSignature};
use crate::load::WEBHOOKS_EXTENSION;
use crate::naming::{self, Scope};

impl<'a> Resolver<'a> {
    /// Every webhook and callback with a JSON payload, in document order
    /// (webhooks first).
    pub(super) fn webhooks(&mut self) -> Result<Vec<Webhook>> {
        let mut names = Scope::with_taken(naming::VERIFIER_METHODS);
        let mut found = Vec::new();
        let listed = match self.doc.extensions.get(WEBHOOKS_EXTENSION) {
            Some(Value::Array(listed)) => listed.as_slice(),
            _ => &[],
        };
        for entry in listed {
            let text = |field: &str| entry.get(field).and_then(Value::as_str);
            let (Some(key), Some(method), Some(schema), Some(pointer)) = (
                text("key"),
                text("method").and_then(method_of),
                text("schema"),
                text("pointer"),
            ) else {
                continue;
            };
            let payload = self.component_ref(schema, pointer)?;
            found.push(Webhook {
                key: key.to_owned(),
                method_name: names.claim(naming::webhook_method_name(key, method.as_str())),
                method,
                payload,
                doc: text("doc").map(str::to_owned),
                origin: pointer.to_owned(),
            });
        }
        for (path, item) in &self.doc.paths.paths {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (method, operation) in item.iter() {
                let at = format!("#/paths/{}/{method}", escape(path));
                for (name, callback) in &operation.callbacks {
                    for (expression, target) in callback {
                        for (verb, request) in target.iter() {
                            let pointer = format!(
                                "{at}/callbacks/{}/{}/{verb}",
                                escape(name),
                                escape(expression)
                            );
                            if let Some(webhook) =
                                self.callback(name, verb, request, &pointer, &mut names)?
                            {
                                found.push(webhook);
                            }
                        }
                    }
                }
            }
        }
        Ok(found)
    }

    /// The webhook of one callback operation, when it sends a JSON body.
    fn callback(
        &mut self,
        name: &str,
        verb: &str,
        request: &'a openapiv3::Operation,
        pointer: &str,
        names: &mut Scope,
    ) -> Result<Option<Webhook>> {
        let Some(method) = method_of(verb) else {
            return Ok(None);
        };
        let Some(body) = &request.request_body else {
            return Ok(None);
        };
        let bodies = self.doc.components.as_ref().map(|c| &c.request_bodies);
        let (body, body_at) = follow(
            self,
            body,
            "requestBodies",
            bodies,
            &format!("{pointer}/requestBody"),
        )?;
        let Some((media, schema)) = body
            .content
            .iter()
            .find(|(media, _)| is_json(media))
            .and_then(|(media, content)| Some((media, content.schema.as_ref()?)))
        else {
            self.warn(
                body_at,
                format!(
                    "callback `{name}` sends no JSON body with a schema: `webhooks::Verifier::verify` \
                     checks it, but no method reads its payload"
                ),
            );
            return Ok(None);
        };
        let at = format!("{body_at}/content/{}/schema", escape(media));
        let hint = naming::type_name(&naming::webhook_payload_key(name, verb, false));
        let payload = self.schema_type(SchemaRef::from(schema), &hint, Module::Models, &at)?;
        Ok(Some(Webhook {
            key: name.to_owned(),
            method_name: names.claim(naming::webhook_method_name(name, verb)),
            method,
            payload,
            doc: request
                .summary
                .clone()
                .or_else(|| request.description.clone()),
            origin: pointer.to_owned(),
        }))
    }

    /// How the API signs its webhooks: the document's `x-webhook-signature`
    /// (`standard-webhooks`, `hub-signature`, `timestamped`, or an object
    /// `{scheme, header, prefix}`), Standard Webhooks when it says nothing.
    pub(super) fn webhook_signature(&mut self) -> WebhookSignature {
        let Some(value) = self.doc.extensions.get("x-webhook-signature") else {
            return WebhookSignature::default();
        };
        match parse_signature(value) {
            Ok(signature) => signature,
            Err(why) => {
                self.warn(
                    "#/x-webhook-signature",
                    format!("{why}; Standard Webhooks assumed"),
                );
                WebhookSignature::default()
            }
        }
    }
}

/// A webhook signature scheme as `x-webhook-signature` or the configuration
/// names it.
pub fn parse_signature(value: &Value) -> std::result::Result<WebhookSignature, String> {
    let (scheme, header, prefix) = match value {
        Value::String(scheme) => (scheme.as_str(), None, None),
        Value::Object(fields) => {
            let text = |key: &str| fields.get(key).and_then(Value::as_str);
            let Some(scheme) = text("scheme") else {
                return Err("x-webhook-signature has no `scheme`".to_owned());
            };
            (scheme, text("header"), text("prefix"))
        }
        _ => return Err("x-webhook-signature is neither a scheme name nor an object".to_owned()),
    };
    Ok(match scheme {
        "standard-webhooks" => WebhookSignature::StandardWebhooks,
        "hub-signature" | "hmac-hex" => WebhookSignature::HexBody {
            header: header.unwrap_or("X-Hub-Signature-256").to_owned(),
            prefix: prefix.unwrap_or("sha256=").to_owned(),
        },
        "timestamped" | "stripe" => WebhookSignature::Timestamped {
            header: header.unwrap_or("Stripe-Signature").to_owned(),
        },
        other => {
            return Err(format!(
                "webhook signature scheme `{other}` is not one of standard-webhooks, \
                 hub-signature, timestamped"
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::parse_signature;
    use crate::ir::{Method, WebhookSignature};

    fn resolve(text: &str) -> crate::resolve::Resolved {
        let loaded = crate::load::load("t.yaml", text).unwrap();
        crate::resolve::resolve("t.yaml", &loaded.doc).unwrap()
    }

    #[test]
    fn callbacks_and_webhooks_become_verifier_methods() {
        let resolved = resolve(
            "openapi: 3.1.0
info: {title: t, version: '1'}
x-webhook-signature: {scheme: hub-signature, header: X-Signature, prefix: 'v1='}
webhooks:
  petAdopted:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string}}}
      responses: {'200': {description: ok}}
paths:
  /subscribe:
    post:
      operationId: subscribe
      callbacks:
        onEvent:
          '{$request.body#/url}':
            put:
              requestBody: {$ref: '#/components/requestBodies/Event'}
              responses: {'204': {description: ok}}
            delete:
              requestBody:
                content:
                  text/plain: {schema: {type: string}}
              responses: {'204': {description: ok}}
      responses: {'204': {description: ok}}
components:
  requestBodies:
    Event:
      content:
        application/json:
          schema: {type: object, properties: {kind: {type: string}}}
",
        );
        let api = &resolved.api;
        let names: Vec<(&str, &str, Method)> = api
            .webhooks
            .iter()
            .map(|w| (w.key.as_str(), w.method_name.as_str(), w.method))
            .collect();
        assert_eq!(
            names,
            [
                ("petAdopted", "pet_adopted", Method::Post),
                ("onEvent", "on_event_put", Method::Put),
            ]
        );
        assert_eq!(
            api.webhook_signature,
            WebhookSignature::HexBody {
                header: "X-Signature".to_owned(),
                prefix: "v1=".to_owned(),
            }
        );
        // The text-only callback is said, not dropped without a word.
        assert!(resolved
            .warnings
            .iter()
            .any(|w| w.message.contains("callback `onEvent` sends no JSON body")));
    }

    #[test]
    fn signature_schemes_are_read_or_refused() {
        assert_eq!(
            parse_signature(&json!("standard-webhooks")),
            Ok(WebhookSignature::StandardWebhooks)
        );
        assert_eq!(
            parse_signature(&json!("timestamped")),
            Ok(WebhookSignature::Timestamped {
                header: "Stripe-Signature".to_owned()
            })
        );
        assert!(parse_signature(&json!("md5"))
            .unwrap_err()
            .contains("`md5` is not one of"));
        assert!(parse_signature(&json!(7)).is_err());
        assert!(parse_signature(&json!({"header": "x"})).is_err());
    }
}
