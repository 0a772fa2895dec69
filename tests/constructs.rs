//! How the types generated from tests/fixtures/schema-constructs.yaml and
//! names-and-enums.yaml behave on the wire: JSON in, the Rust value, JSON out.

use names_and_enums::models::{Keywords, Scope};
use schema_constructs::models::{
    Allocation, AllocationExplicit, AllocationExplicitType, IdOrName, LotKind, Owner, Pet,
    PetPatch, Ping, Pong, Shape, Square, TreeNode,
};
use sdkgen_tests::round_trip;
use serde_json::json;

#[test]
fn all_of_merges_members_and_keeps_their_types() {
    let pet: Pet = round_trip(json!({
        "name": "Rex",
        "tag": "dog",
        "owner": {"name": "Ann", "visits": 3},
        "labels": {"colour": "brown"},
        "id": 7
    }));
    assert_eq!(pet.id, 7);
    assert_eq!(pet.name, "Rex");
    // `owner` is a `$ref` wrapped in a one-member allOf: the Owner type itself.
    let owner: &Owner = pet.owner.as_ref().unwrap();
    assert_eq!(owner.name.as_deref(), Some("Ann"));
    // Properties Owner does not list land in its flattened map.
    assert_eq!(owner.additional_properties["visits"], 3);
    // `id` is required by the allOf's second member.
    assert!(serde_json::from_value::<Pet>(json!({"name": "Rex"})).is_err());
}

#[test]
fn optional_nullable_fields_tell_null_from_absent() {
    let absent: PetPatch = round_trip(json!({}));
    assert_eq!(absent.tag, None);
    let null: PetPatch = round_trip(json!({"tag": null}));
    assert_eq!(null.tag, Some(None));
    let set: PetPatch = round_trip(json!({"tag": "cat"}));
    assert_eq!(set.tag, Some(Some("cat".to_owned())));
    // Building a PATCH body that clears the tag and keeps the name.
    let clear = PetPatch::new().tag_null();
    assert_eq!(serde_json::to_string(&clear).unwrap(), r#"{"tag":null}"#);
}

#[test]
fn discriminated_union_picks_by_tag_and_keeps_unknown_kinds() {
    let square: Shape = round_trip(json!({"kind": "square", "side": 4}));
    assert_eq!(square, Shape::Square(Square::new("square", 4)));
    let circle: Shape = round_trip(json!({"kind": "circle", "radius": 1.5}));
    assert!(matches!(circle, Shape::Circle(c) if c.radius == 1.5));
    // A kind the spec does not list is kept, not an error.
    let hexagon = json!({"kind": "hexagon", "sides": 6});
    let unknown: Shape = round_trip(hexagon.clone());
    assert!(matches!(&unknown, Shape::Unknown(kept) if kept.get() == &hexagon));
    // A listed kind whose body is wrong is an error that says why.
    let error = serde_json::from_value::<Shape>(json!({"kind": "square"})).unwrap_err();
    assert!(error.to_string().contains("side"), "{error}");
}

#[test]
fn a_union_whose_alternatives_fix_a_property_is_picked_by_it() {
    let auto: Allocation = round_trip(json!({"type": "auto", "pool": "p"}));
    assert!(matches!(&auto, Allocation::Auto(a) if a.pool.as_deref() == Some("p")));
    // Tried in turn, the first alternative would take this object: it has an
    // `ip`, and its own `type` enum keeps values it does not know. The tag
    // says it is the second.
    let tagged = json!({"type": "auto", "ip": "10.0.0.9", "pool": "p"});
    let auto: Allocation = serde_json::from_value(tagged).unwrap();
    assert!(matches!(auto, Allocation::Auto(_)), "{auto:?}");
    let explicit: Allocation = round_trip(json!({"type": "explicit", "ip": "10.0.0.9"}));
    assert!(matches!(explicit, Allocation::Explicit(e) if e.ip == "10.0.0.9"));
    let other = json!({"type": "dhcp"});
    assert!(matches!(
        round_trip::<Allocation>(other.clone()),
        Allocation::Unknown(kept) if kept.get() == &other
    ));
    // The inline alternatives are named by their tags, not their positions;
    // the tag is the alternative's own, filled in by `new`.
    let built = Allocation::Explicit(AllocationExplicit::new("10.0.0.9"));
    assert_eq!(
        AllocationExplicit::new("x").r#type,
        AllocationExplicitType::Explicit
    );
    assert_eq!(
        serde_json::to_value(built).unwrap(),
        json!({"type": "explicit", "ip": "10.0.0.9"})
    );
}

#[test]
fn a_union_of_one_value_enums_is_one_enum() {
    assert_eq!(round_trip::<LotKind>(json!("infra")), LotKind::Infra);
    assert_eq!(round_trip::<LotKind>(json!("pool")), LotKind::Pool);
    assert!(matches!(
        round_trip::<LotKind>(json!("spare")),
        LotKind::Unknown(kept) if kept.as_str() == "spare"
    ));
    assert_eq!(LotKind::from("pool".to_owned()), LotKind::Pool);
}

#[test]
fn untagged_union_tries_each_alternative_then_keeps_the_value() {
    assert_eq!(round_trip::<IdOrName>(json!(5)), IdOrName::Integer(5));
    assert_eq!(
        round_trip::<IdOrName>(json!("five")),
        IdOrName::String("five".into())
    );
    assert!(matches!(
        round_trip::<IdOrName>(json!(true)),
        IdOrName::Unknown(kept) if kept.get() == &json!(true)
    ));
}

#[test]
fn recursive_types_are_boxed_where_they_contain_themselves() {
    let node: TreeNode = round_trip(json!({
        "value": "leaf",
        "parent": {"value": "root", "children": [{"value": "sibling"}]}
    }));
    let parent: &TreeNode = node.parent.as_deref().unwrap();
    assert_eq!(parent.value.as_deref(), Some("root"));
    assert_eq!(parent.children.as_ref().unwrap().len(), 1);
    // Ping and Pong hold each other.
    let ping: Ping = round_trip(json!({"pong": {"ping": {}}}));
    let pong: &Pong = ping.pong.as_deref().unwrap();
    assert!(pong.ping.is_some());
}

#[test]
fn names_that_are_not_rust_are_made_rust_and_keep_their_wire_names() {
    let wire = json!({
        "type": "t", "use": "u", "self": "s", "ref": "r", "gen": "g", "async": "a",
        "foo_bar": "snake", "fooBar": "camel", "1st": "first", "+1": 1, "-1": -1,
        "scope": "standard+id_document"
    });
    let keywords: Keywords = round_trip(wire);
    assert_eq!(keywords.r#type.as_deref(), Some("t"));
    assert_eq!(keywords.self_.as_deref(), Some("s"));
    assert_eq!(keywords.r#gen.as_deref(), Some("g"));
    assert_eq!(keywords.foo_bar.as_deref(), Some("snake"));
    assert_eq!(keywords.foo_bar2.as_deref(), Some("camel"));
    assert_eq!(keywords.n1st.as_deref(), Some("first"));
    assert_eq!((keywords.plus_1, keywords.minus_1), (Some(1), Some(-1)));
    assert_eq!(keywords.scope, Some(Scope::StandardIdDocument));
}

#[test]
fn enum_values_that_are_not_identifiers_round_trip() {
    let cases = [
        ("standard+id_document", Scope::StandardIdDocument),
        ("+1", Scope::Plus1),
        ("-1", Scope::Minus1),
        (
            "urn:ietf:params:oauth:grant-type:jwt-bearer",
            Scope::UrnIetfParamsOauthGrantTypeJwtBearer,
        ),
        ("", Scope::Empty),
        ("a", Scope::A),
        ("A", Scope::A2),
        ("Unknown", Scope::Unknown),
    ];
    for (wire, variant) in cases {
        assert_eq!(round_trip::<Scope>(json!(wire)), variant, "{wire:?}");
        assert_eq!(variant.as_str(), wire);
    }
    // A value the spec does not list goes to the catch-all, renamed because the
    // spec itself lists `Unknown`.
    assert!(matches!(
        round_trip::<Scope>(json!("openid")),
        Scope::UnknownValue(kept) if kept.as_str() == "openid"
    ));
}

#[test]
fn prelude_and_crate_names_are_moved_aside() {
    // These would shadow std's or the crate's own items under a glob import.
    let _: names_and_enums::models::ResultModel = round_trip(json!({"ok": true}));
    let _: names_and_enums::models::OptionModel = round_trip(json!({"value": "v"}));
    let _: names_and_enums::models::ClientModel = round_trip(json!({"name": "n"}));
    let _: names_and_enums::models::ErrorModel = round_trip(json!({"message": "m"}));
    // `AccessToken` and `access_token` are different schemas.
    let _: names_and_enums::models::AccessToken = round_trip(json!({"token": "t"}));
    let _: names_and_enums::models::AccessToken2 = round_trip(json!({"value": "v"}));
}

#[test]
fn integer_formats_and_versions_become_rust_types() {
    use schema_constructs::models::Numbers;
    let numbers: Numbers = round_trip(json!({
        "small": -5, "big": 9007199254740993i64, "byte": 255, "count": 18446744073709551615u64,
        "ratio": 0.5, "amount": 2.25, "wide": -1
    }));
    assert_eq!(numbers.byte, Some(u8::MAX));
    assert_eq!(numbers.count, Some(u64::MAX));
    // `format: float` keeps every digit a JSON number has.
    assert_eq!(numbers.ratio, Some(0.5));
    let spotify_loudness: Numbers = round_trip(json!({"ratio": -5.883}));
    assert_eq!(spotify_loudness.ratio, Some(-5.883));
    assert!(serde_json::from_value::<Numbers>(json!({"byte": 256})).is_err());
    // A server with variables takes their defaults.
    assert_eq!(
        schema_constructs::client::DEFAULT_BASE_URL,
        "https://eu.api.example.com/v1"
    );
}

#[test]
fn required_fields_with_defaults_take_them_when_absent() {
    use schema_constructs::models::{Paging, PagingOrder};
    let paging: Paging = serde_json::from_value(json!({})).unwrap();
    assert_eq!(paging.size, 20);
    assert_eq!(paging.order, PagingOrder::Desc);
    assert!(!paging.verbose);
    assert_eq!(paging.tags, Vec::<String>::new());
    // An optional field keeps "absent" as `None`; its default is documented.
    assert_eq!(paging.note, None);
    let given: Paging =
        round_trip(json!({"size": 5, "order": "asc", "verbose": true, "tags": ["x"]}));
    assert_eq!((given.size, given.order), (5, PagingOrder::Asc));
}

#[test]
fn integer_enums_are_open_and_untyped_string_enums_are_enums() {
    use names_and_enums::models::{Colour, Priority};
    assert_eq!(round_trip::<Priority>(json!(2)), Priority::V2);
    assert_eq!(round_trip::<Priority>(json!(-1)), Priority::Minus1);
    assert!(
        matches!(round_trip::<Priority>(json!(7)), Priority::Unknown(kept) if *kept.get() == 7)
    );
    assert_eq!(Priority::from(7).value(), 7);
    assert_eq!(Priority::V3.value(), 3);
    assert!(serde_json::from_value::<Priority>(json!("2")).is_err());
    assert_eq!(round_trip::<Colour>(json!("green")), Colour::Green);
    assert!(matches!(
        round_trip::<Colour>(json!("blue")),
        Colour::Unknown(kept) if kept.as_str() == "blue"
    ));
}

/// Success bodies that are not JSON: `text/plain` arrives as a `String`, any
/// other media type as bytes, exactly as sent; a text error body is returned
/// raw with its status.
#[tokio::test]
async fn text_and_binary_responses_are_read_as_they_are() {
    use schema_constructs::operations::{PetPhotoRequest, PetReportRequest};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/7/report"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("Rex: healthy\nüber gut", "text/plain"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/8/report"))
        .respond_with(ResponseTemplate::new(404).set_body_raw("no pet 8", "text/plain"))
        .mount(&server)
        .await;
    let png: Vec<u8> = vec![0x89, b'P', b'N', b'G', 0, 0xff, 0x10];
    Mock::given(method("GET"))
        .and(path("/pets/7/photo"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(png.clone(), "image/png"))
        .mount(&server)
        .await;
    let client = schema_constructs::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap();

    let report = client.pet_report(PetReportRequest::new(7)).await.unwrap();
    assert_eq!(report.body(), "Rex: healthy\nüber gut");
    let sent = server.received_requests().await.unwrap().pop().unwrap();
    assert!(
        sent.headers.get("cookie").is_none(),
        "no cookie parameter set"
    );

    // Cookie parameters: one Cookie header, values encoded where a cookie
    // cannot carry them.
    let mut request = PetReportRequest::new(7);
    request.lang = Some("en GB;q".to_owned());
    request.units = Some(schema_constructs::operations::PetReportUnits::Metric);
    client.pet_report(request).await.unwrap();
    let sent = server.received_requests().await.unwrap().pop().unwrap();
    let cookies: Vec<&str> = sent
        .headers
        .get_all("cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(cookies, ["lang=en%20GB%3Bq; units=metric"]);
    let missing = client
        .pet_report(PetReportRequest::new(8))
        .await
        .unwrap_err();
    match missing {
        schema_constructs::Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(body, b"no pet 8");
        }
        other => panic!("expected the raw 404, got {other:?}"),
    }
    let photo = client.pet_photo(PetPhotoRequest::new(7)).await.unwrap();
    assert_eq!(photo.into_body().bytes().await.unwrap(), png);
}

/// A spec without `servers` (FastAPI's default) gives no base URL to guess:
/// `build` says so until one is set, and the client never silently talks to
/// `http://localhost`.
#[test]
fn a_spec_without_servers_needs_a_base_url() {
    let error = names_and_enums::Client::builder().build().unwrap_err();
    assert!(
        matches!(error, names_and_enums::BuildError::NoBaseUrl),
        "{error:?}"
    );
    assert!(error.to_string().contains("base_url"), "{error}");
    let client = names_and_enums::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
}
