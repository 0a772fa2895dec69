//! The generated types against the two reference pages in ../shared/reference:
//! same type names, same fields in the same order with the same required marks
//! and linked types, and the pages' examples serialize to the JSON they denote.

use std::any::type_name_of_val;

use sdkgen_tests::ReferencePage;
use serde_json::Value;

/// The keys of a serialized object, in order.
fn keys(value: &impl serde::Serialize) -> Vec<String> {
    match serde_json::to_value(value).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

/// The last path segment of a Rust type name.
fn short(type_name: &str) -> &str {
    type_name.rsplit("::").next().unwrap()
}

/// Checks the rows of `page` against a type: `minimal` has only the required
/// fields set, `full` every field; `field_type` gives the Rust type name of the
/// field with a wire name.
fn check_fields(
    page: &ReferencePage,
    minimal: &impl serde::Serialize,
    full: &impl serde::Serialize,
    field_type: impl Fn(&str) -> &'static str,
) {
    let all: Vec<&str> = page.fields.iter().map(|r| r.field.as_str()).collect();
    let required: Vec<&str> = page
        .fields
        .iter()
        .filter(|r| r.required)
        .map(|r| r.field.as_str())
        .collect();
    assert_eq!(keys(full), all, "fields of {}", page.title);
    assert_eq!(keys(minimal), required, "required fields of {}", page.title);
    for row in &page.fields {
        let rust = field_type(&row.field);
        if row.ty == "*string*" {
            assert_eq!(rust, "alloc::string::String", "type of `{}`", row.field);
        } else {
            // `[operations.Name](…)` → the type `…::operations::Name`.
            let link = row.ty.trim_start_matches('[').split(']').next().unwrap();
            let expected = format!("::{}", link.replace('.', "::"));
            assert!(
                rust.ends_with(&expected),
                "type of `{}`: page says {link}, the Rust type is {rust}",
                row.field
            );
        }
    }
}

/// Page 001, from the explorer edition: the request type of the operation,
/// holding a `$ref` body.
#[test]
fn request_type_matches_page_001() {
    use authlete::models::{
        BackchannelAuthenticationFailRequest as Body,
        BackchannelAuthenticationFailRequestReason as Reason,
    };
    use authlete::operations::BackchannelAuthenticationFailApiRequest as Request;

    let page = ReferencePage::read("backchannelauthenticationfailapirequest.md");
    let value = Request::new("<id>", Body::new("<value>", Reason::ExpiredLoginHintToken));
    assert_eq!(short(type_name_of_val(&value)), page.title);
    assert_eq!(serde_json::to_value(&value).unwrap(), page.example);
    // The body alone goes on the wire exactly so.
    assert_eq!(
        serde_json::to_string(&value.backchannel_authentication_fail_request).unwrap(),
        r#"{"ticket":"<value>","reason":"EXPIRED_LOGIN_HINT_TOKEN"}"#
    );
    check_fields(&page, &value, &value, |field| match field {
        "serviceId" => type_name_of_val(&value.service_id),
        "backchannelAuthenticationFailRequest" => {
            type_name_of_val(&value.backchannel_authentication_fail_request)
        }
        other => panic!("the page has a field `{other}` the request type lacks"),
    });
}

/// Page 000, from the inline-body edition: the inline request body type.
#[test]
fn inline_body_type_matches_page_000() {
    use authlete_ciba_inline::operations::{
        BackchannelAuthenticationFailApiReason as Reason,
        BackchannelAuthenticationFailApiRequest as Request,
        BackchannelAuthenticationFailApiRequestBody as Body,
    };

    let page = ReferencePage::read("backchannelauthenticationfailapirequestbody.md");
    // The example, read into the generated type and written back.
    let body: Body = serde_json::from_value(page.example.clone()).unwrap();
    assert_eq!(body, Body::new("<value>", Reason::InvalidTarget));
    assert_eq!(short(type_name_of_val(&body)), page.title);
    assert_eq!(serde_json::to_value(&body).unwrap(), page.example);

    let mut full = body.clone();
    full.error_description = Some("d".into());
    full.error_uri = Some("https://example.com/e".into());
    check_fields(&page, &body, &full, |field| match field {
        "ticket" => type_name_of_val(&full.ticket),
        "reason" => type_name_of_val(&full.reason),
        "errorDescription" => type_name_of_val(full.error_description.as_ref().unwrap()),
        "errorUri" => type_name_of_val(full.error_uri.as_ref().unwrap()),
        other => panic!("the page has a field `{other}` the body type lacks"),
    });

    // The request type holds the inline body in `request_body`.
    let request = Request::new("<id>", body);
    assert_eq!(request.request_body.ticket, "<value>");
}

/// Every `reason` value of the spec reads into its own variant and back.
#[test]
fn every_reason_round_trips() {
    use authlete::models::BackchannelAuthenticationFailRequestReason as Reason;
    let values = [
        "ACCESS_DENIED",
        "EXPIRED_LOGIN_HINT_TOKEN",
        "INVALID_BINDING_MESSAGE",
        "INVALID_TARGET",
        "INVALID_USER_CODE",
        "MISSING_USER_CODE",
        "SERVER_ERROR",
        "UNAUTHORIZED_CLIENT",
        "UNKNOWN_USER_ID",
    ];
    for wire in values {
        let json = Value::String(wire.to_owned());
        let reason: Reason = serde_json::from_value(json.clone()).unwrap();
        assert!(
            !matches!(reason, Reason::Unknown(_)),
            "{wire} fell into Unknown"
        );
        assert_eq!(reason.as_str(), wire);
        assert_eq!(serde_json::to_value(&reason).unwrap(), json);
    }
}
