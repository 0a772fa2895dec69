//! Security schemes and the requirements each operation has of them.

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme as OaScheme};

use super::{escape, Resolver};
use crate::error::Result;
use crate::ir::{Need, Operation, SecurityKind, SecurityScheme};
use crate::naming::{self, Scope};

impl<'a> Resolver<'a> {
    /// `components.securitySchemes`, in document order. A scheme whose way of
    /// sending credentials the client does not know is left out with a warning;
    /// operations that require it then send no credentials for it.
    pub(super) fn security_schemes(&mut self) -> Result<Vec<SecurityScheme>> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let mut setters = Scope::with_taken(naming::BUILDER_METHODS);
        let mut schemes = Vec::new();
        for (key, value) in &components.security_schemes {
            let pointer = format!("#/components/securitySchemes/{}", escape(key));
            let scheme = match value {
                ReferenceOr::Item(scheme) => scheme,
                ReferenceOr::Reference { reference } => {
                    return Err(self.error(
                        pointer,
                        format!("security scheme `$ref: {reference}` is not supported yet"),
                    ))
                }
            };
            let (kind, doc) = match scheme {
                OaScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => (SecurityKind::Bearer, description),
                    "basic" => (SecurityKind::Basic, description),
                    other => {
                        self.warn(
                            pointer,
                            format!("http scheme `{other}` is not supported; scheme skipped"),
                        );
                        continue;
                    }
                },
                OaScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let kind = match location {
                        APIKeyLocation::Header => SecurityKind::ApiKeyHeader(name.clone()),
                        APIKeyLocation::Query => SecurityKind::ApiKeyQuery(name.clone()),
                        APIKeyLocation::Cookie => SecurityKind::ApiKeyCookie(name.clone()),
                    };
                    (kind, description)
                }
                // The client fetches tokens itself for the client-credentials
                // grant; any other flow is a token or a provider of the caller's.
                OaScheme::OAuth2 {
                    flows, description, ..
                } => {
                    let token_url = flows
                        .client_credentials
                        .as_ref()
                        .map(|flow| flow.token_url.clone());
                    (SecurityKind::OAuth2 { token_url }, description)
                }
                OaScheme::OpenIDConnect { description, .. } => {
                    (SecurityKind::OAuth2 { token_url: None }, description)
                }
            };
            schemes.push(SecurityScheme {
                key: key.clone(),
                setter: setters.claim(naming::security_setter_name(key)),
                kind,
                doc: doc.clone(),
            });
        }
        Ok(schemes)
    }

    /// The requirements of an operation: its own `security`, else the document's.
    /// Each alternative lists the scheme keys it needs, all of them declared.
    pub(super) fn security_of(
        &self,
        operation: &openapiv3::Operation,
        pointer: &str,
    ) -> Result<Vec<Vec<Need>>> {
        let (requirements, at): (&[SecurityRequirement], String) = match &operation.security {
            Some(own) => (own, format!("{pointer}/security")),
            None => (
                self.doc.security.as_deref().unwrap_or_default(),
                "#/security".to_owned(),
            ),
        };
        let declared = self.doc.components.as_ref().map(|c| &c.security_schemes);
        let mut alternatives = Vec::with_capacity(requirements.len());
        for (index, requirement) in requirements.iter().enumerate() {
            let mut keys = Vec::with_capacity(requirement.len());
            for (key, scopes) in requirement {
                if !declared.is_some_and(|d| d.contains_key(key)) {
                    return Err(self.error(
                        format!("{at}/{index}"),
                        format!(
                            "security requirement names scheme `{key}`, which is not declared \
                             under components.securitySchemes"
                        ),
                    ));
                }
                keys.push(Need {
                    scheme: key.clone(),
                    scopes: scopes.clone(),
                });
            }
            alternatives.push(keys);
        }
        Ok(alternatives)
    }

    /// The credential of the operations that declare an `Authorization`
    /// header parameter: a scheme that sends the whole header value, set
    /// with the builder's `authorization` (named apart from the spec's
    /// schemes), required by each of those operations unless it has
    /// requirements of its own, then one more alternative.
    pub(super) fn authorization_scheme(
        &self,
        schemes: &mut Vec<SecurityScheme>,
        operations: &mut [Operation],
    ) {
        if self.authorization_headers.is_empty() {
            return;
        }
        let mut keys = Scope::new();
        let mut setters = Scope::with_taken(naming::BUILDER_METHODS);
        for scheme in schemes.iter() {
            keys.claim(scheme.key.clone());
            setters.claim(scheme.setter.clone());
        }
        let key = keys.claim("Authorization".to_owned());
        schemes.push(SecurityScheme {
            setter: setters.claim(naming::security_setter_name(&key)),
            key: key.clone(),
            kind: SecurityKind::ApiKeyHeader("Authorization".to_owned()),
            doc: Some(
                "Sends `key` as the whole `Authorization` header (`Bearer …`), which the \
                 spec declares as a header parameter of its operations."
                    .to_owned(),
            ),
        });
        for op in operations.iter_mut() {
            let Some((_, required)) = self
                .authorization_headers
                .iter()
                .find(|(pointer, _)| *pointer == op.origin)
            else {
                continue;
            };
            if op.security.is_empty() && !required {
                // With it, or without.
                op.security = vec![vec![Need::scheme(&key)], Vec::new()];
            } else {
                op.security.push(vec![Need::scheme(&key)]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Need, SecurityKind};

    #[test]
    fn an_authorization_header_parameter_becomes_a_credential() {
        let text = "openapi: 3.0.3
info: {title: t, version: '1'}
components:
  securitySchemes:
    Authorization: {type: http, scheme: basic}
paths:
  /a:
    get:
      operationId: needs
      parameters: [{in: header, name: Authorization, required: true, schema: {type: string}}]
      responses: {'204': {description: ok}}
  /b:
    get:
      operationId: may
      parameters: [{in: header, name: authorization, schema: {type: string}}]
      responses: {'204': {description: ok}}
  /c:
    get:
      operationId: other
      security: [{Authorization: []}]
      parameters: [{in: header, name: Authorization, required: true, schema: {type: string}}]
      responses: {'204': {description: ok}}
";
        let loaded = crate::load::load("t.yaml", text).unwrap();
        let resolved = crate::resolve::resolve("t.yaml", &loaded.doc).unwrap();
        let api = resolved.api;
        // The spec's own `Authorization` scheme keeps its key and setter.
        let added = api.security_schemes.last().unwrap();
        assert_eq!(added.key, "Authorization2");
        assert_eq!(added.setter, "authorization2");
        assert_eq!(
            added.kind,
            SecurityKind::ApiKeyHeader("Authorization".to_owned())
        );
        let security = |id: &str| {
            let op = api.operations.iter().find(|op| op.id == id).unwrap();
            assert!(op.parameters.is_empty(), "{id} keeps the parameter");
            op.security.clone()
        };
        let need = Need::scheme;
        assert_eq!(security("needs"), [vec![need("Authorization2")]]);
        assert_eq!(security("may"), [vec![need("Authorization2")], Vec::new()]);
        assert_eq!(
            security("other"),
            [vec![need("Authorization")], vec![need("Authorization2")]]
        );
        assert!(resolved
            .warnings
            .iter()
            .any(|w| w.message.contains("`ClientBuilder::authorization`")));
    }
}
