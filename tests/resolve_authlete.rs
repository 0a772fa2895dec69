//! The IR that resolve makes of spec/authlete.yaml and of the inline fixture:
//! plain data, so the facts the generated code rests on are checked here
//! without generating anything.

use sdkgen::ir::{
    BodyContent, Method, Module, ParameterLocation, PathSegment, SecurityKind, Status, TypeKind,
    TypeRef,
};
use sdkgen_tests::repo_root;

fn resolve(relative: &str) -> sdkgen::resolve::Resolved {
    let text = std::fs::read_to_string(repo_root().join(relative)).unwrap();
    let loaded = sdkgen::load::load(relative, &text).unwrap();
    assert_eq!(loaded.warnings, []);
    sdkgen::resolve::resolve(relative, &loaded.doc).unwrap()
}

fn named(module: Module, name: &str) -> TypeRef {
    TypeRef::Named {
        module,
        name: name.to_owned(),
    }
}

#[test]
fn default_spec_resolves_to_one_complete_operation() {
    let resolved = resolve("spec/authlete.yaml");
    assert_eq!(resolved.warnings, []);
    let api = &resolved.api;
    assert_eq!(api.servers.len(), 4);
    assert_eq!(api.servers[0].url, "https://us.authlete.com");

    let [op] = api.operations.as_slice() else {
        panic!("expected one operation, got {}", api.operations.len());
    };
    assert_eq!(op.id, "backchannel_authentication_fail_api");
    assert_eq!(op.method, Method::Post);
    assert_eq!(op.method_name, "backchannel_authentication_fail_api");
    assert_eq!(op.request_type, "BackchannelAuthenticationFailApiRequest");
    assert_eq!(op.tags, ["CIBA"]);
    assert_eq!(
        op.path_segments,
        [
            PathSegment::Literal("/api/".into()),
            PathSegment::Parameter(0),
            PathSegment::Literal("/backchannel/authentication/fail".into()),
        ]
    );
    let param = &op.parameters[0];
    assert_eq!(
        (
            param.wire_name.as_str(),
            param.rust_name.as_str(),
            param.location,
            param.required
        ),
        ("serviceId", "service_id", ParameterLocation::Path, true)
    );

    let body = op.body.as_ref().unwrap();
    assert_eq!(body.rust_name, "backchannel_authentication_fail_request");
    assert_eq!(body.key, "backchannelAuthenticationFailRequest");
    assert!(body.required);
    assert_eq!(
        body.contents,
        [BodyContent::Json, BodyContent::FormUrlEncoded]
    );
    assert_eq!(body.send_as, BodyContent::Json);
    assert_eq!(
        body.ty,
        named(Module::Models, "BackchannelAuthenticationFailRequest")
    );

    let statuses: Vec<Status> = op.responses.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [200, 400, 401, 403, 500].map(Status::Code).to_vec()
    );
    assert_eq!(
        op.success,
        Some(named(
            Module::Models,
            "BackchannelAuthenticationFailResponse"
        ))
    );
    assert_eq!(op.error, Some(named(Module::Models, "ResultModel")));
    assert_eq!(op.security, [vec![sdkgen::ir::Need::scheme("bearer")]]);

    let [scheme] = api.security_schemes.as_slice() else {
        panic!("expected one security scheme");
    };
    assert_eq!(
        (scheme.setter.as_str(), &scheme.kind),
        ("bearer", &SecurityKind::Bearer)
    );
}

#[test]
fn default_spec_types_have_the_issue_names_and_fields() {
    let api = resolve("spec/authlete.yaml").api;
    let names: Vec<(&str, Module)> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), t.module))
        .collect();
    assert_eq!(
        names,
        [
            ("ResultModel", Module::Models),
            ("BackchannelAuthenticationFailRequest", Module::Models),
            ("BackchannelAuthenticationFailRequestReason", Module::Models),
            ("BackchannelAuthenticationFailResponse", Module::Models),
            (
                "BackchannelAuthenticationFailResponseAction",
                Module::Models
            ),
        ]
    );
    let TypeKind::Struct(request) = &api.types[1].kind else {
        panic!("the request schema is a struct");
    };
    let fields: Vec<(&str, &str, bool)> = request
        .fields
        .iter()
        .map(|f| (f.rust_name.as_str(), f.wire_name.as_str(), f.required))
        .collect();
    assert_eq!(
        fields,
        [
            ("ticket", "ticket", true),
            ("reason", "reason", true),
            ("error_description", "errorDescription", false),
            ("error_uri", "errorUri", false),
        ]
    );
    let TypeKind::Enum(reason) = &api.types[2].kind else {
        panic!("reason is an enum");
    };
    assert_eq!(reason.variants.len(), 9);
    assert_eq!(reason.variants[1].rust_name, "ExpiredLoginHintToken");
    assert_eq!(reason.variants[1].wire_value, "EXPIRED_LOGIN_HINT_TOKEN");
    assert_eq!(reason.unknown_variant, "Unknown");
}

#[test]
fn inline_fixture_names_follow_page_000() {
    let api = resolve("tests/fixtures/authlete-ciba-inline.yaml").api;
    let op = &api.operations[0];
    let body = op.body.as_ref().unwrap();
    assert_eq!(body.rust_name, "request_body");
    assert_eq!(
        body.ty,
        named(
            Module::Operations,
            "BackchannelAuthenticationFailApiRequestBody"
        )
    );
    let body_type = api
        .types
        .iter()
        .find(|t| t.name == "BackchannelAuthenticationFailApiRequestBody")
        .unwrap();
    let TypeKind::Struct(fields) = &body_type.kind else {
        panic!("the inline body is a struct");
    };
    assert_eq!(
        fields.fields[1].ty,
        named(Module::Operations, "BackchannelAuthenticationFailApiReason")
    );
}
