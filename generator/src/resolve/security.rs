//! Security schemes and the requirements each operation has of them.

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme as OaScheme};

use super::{escape, Resolver};
use crate::error::Result;
use crate::ir::{SecurityKind, SecurityScheme};
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
                // Both end in an access token the caller obtains elsewhere and sends
                // as a bearer token.
                OaScheme::OAuth2 { description, .. }
                | OaScheme::OpenIDConnect { description, .. } => {
                    (SecurityKind::Bearer, description)
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
    ) -> Result<Vec<Vec<String>>> {
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
            for key in requirement.keys() {
                if !declared.is_some_and(|d| d.contains_key(key)) {
                    return Err(self.error(
                        format!("{at}/{index}"),
                        format!(
                            "security requirement names scheme `{key}`, which is not declared \
                             under components.securitySchemes"
                        ),
                    ));
                }
                keys.push(key.clone());
            }
            alternatives.push(keys);
        }
        Ok(alternatives)
    }
}
