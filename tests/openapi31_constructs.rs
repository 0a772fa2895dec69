//! How the types generated from tests/fixtures/openapi-31-constructs.yaml (an
//! OpenAPI 3.1 document) behave on the wire: each 3.1 construct, rewritten as
//! 3.0, gives the Rust type a user would expect.

use openapi_31_constructs::models::{Feeding, Owner, Pet, PetAdoptedPayload, PetKind};
use openapi_31_constructs::operations::{DeletePetRequest, GetPetRequest, ListPetsRequest};
use sdkgen_tests::round_trip;
use serde_json::json;

#[test]
fn type_lists_with_null_tell_null_from_absent() {
    let absent: Pet = round_trip(json!({"id": "p", "kind": "pet", "name": "Rex"}));
    assert_eq!(absent.nickname, None);
    let null: Pet = round_trip(json!({"id": "p", "kind": "pet", "name": "Rex", "nickname": null}));
    assert_eq!(null.nickname, Some(None));
    let named: Pet = round_trip(json!({"id": "p", "kind": "pet", "name": "Rex", "nickname": "R"}));
    assert_eq!(named.nickname, Some(Some("R".to_owned())));
}

#[test]
fn any_of_with_null_is_a_nullable_ref() {
    let pet: Pet = round_trip(json!({
        "id": "p", "kind": "pet", "name": "Rex", "foster": {"name": "Ann"}
    }));
    let foster: Option<&Owner> = pet.foster.as_ref().unwrap().as_ref();
    assert_eq!(foster.unwrap().name, "Ann");
    let none: Pet = round_trip(json!({"id": "p", "kind": "pet", "name": "Rex", "foster": null}));
    assert_eq!(none.foster, Some(None));
}

#[test]
fn const_is_a_one_value_open_enum() {
    let pet: Pet = round_trip(json!({"id": "p", "kind": "pet", "name": "Rex"}));
    assert_eq!(pet.kind, PetKind::Pet);
    let other: Pet = round_trip(json!({"id": "p", "kind": "cat", "name": "Tom"}));
    assert!(matches!(&other.kind, PetKind::Unknown(kind) if kind.as_str() == "cat"));
}

#[test]
fn ref_siblings_tuples_and_content_keywords() {
    let pet: Pet = round_trip(json!({
        "id": "p", "kind": "pet", "name": "Rex",
        "owner": {"name": "Ann"},
        "position": [1.5, -2.0],
        "photo": "iVBORw0KGgo=",
        "weight": 4.2
    }));
    // `$ref` with a description beside it is still the Owner type.
    assert_eq!(pet.owner.unwrap().name, "Ann");
    // A tuple of two numbers is a Vec of numbers.
    assert_eq!(pet.position, Some(vec![1.5, -2.0]));
    assert_eq!(pet.photo.as_deref(), Some("iVBORw0KGgo="));
    assert_eq!(pet.weight, Some(4.2));
}

#[test]
fn webhook_payloads_are_types_and_path_items_from_components_are_operations() {
    let payload: PetAdoptedPayload = round_trip(json!({
        "petId": "p", "adoptedAt": "2026-11-23T10:00:00Z", "note": null
    }));
    assert_eq!(payload.pet_id, "p");
    assert_eq!(payload.note, Some(None));
    // listPets lives in components.pathItems; deletePet lists no responses.
    let list = ListPetsRequest::new().limit(10);
    assert_eq!(list.limit, Some(10));
    let get = GetPetRequest::new("pet-7");
    assert_eq!(get.pet_id, "pet-7");
    let delete = DeletePetRequest::new("pet-7");
    assert_eq!(delete.pet_id, "pet-7");
}

/// deletePet documents no response (3.1 allows it): a 2xx is an empty success,
/// anything else an undocumented status.
#[tokio::test]
async fn an_operation_without_responses_succeeds_on_2xx() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/pets/pet-7"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = openapi_31_constructs::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap();
    let done = client
        .delete_pet(DeletePetRequest::new("pet-7"))
        .await
        .unwrap();
    assert_eq!(done.status().as_u16(), 204);
    let missing = client
        .delete_pet(DeletePetRequest::new("pet-8"))
        .await
        .unwrap_err();
    assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));
    assert!(matches!(
        missing,
        openapi_31_constructs::Error::UnexpectedStatus { .. }
    ));
}

/// A base URL with a path prefix keeps it: requests go below it.
#[tokio::test]
async fn a_base_url_with_a_path_prefix_keeps_it() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/shelter/v1/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    // The spec's server is https://shelter.example.com/v1; a trailing slash
    // on the override is dropped.
    assert_eq!(
        openapi_31_constructs::client::DEFAULT_BASE_URL,
        "https://shelter.example.com/v1"
    );
    let client = openapi_31_constructs::Client::builder()
        .base_url(format!("{}/shelter/v1/", server.uri()))
        .build()
        .unwrap();
    let pets = client
        .list_pets(ListPetsRequest::new().limit(3))
        .await
        .unwrap();
    assert!(pets.body().is_empty());
    let sent = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(sent.url.path(), "/shelter/v1/pets");
    assert_eq!(sent.url.query(), Some("limit=3"));
}

/// A discriminator without a mapping over `$ref`s with siblings (one-member
/// `allOf`s once rewritten): each alternative's `const` is its tag.
#[test]
fn a_discriminator_over_refs_with_siblings_reads_their_consts() {
    let tokens: Feeding = round_trip(json!({"type": "tokens", "tokens": 12}));
    assert!(
        matches!(&tokens, Feeding::FeedingTokens(f) if f.tokens == 12),
        "{tokens:?}"
    );
    let timed: Feeding = round_trip(json!({"type": "duration", "seconds": 1.5}));
    assert!(
        matches!(&timed, Feeding::FeedingDuration(f) if f.seconds == 1.5),
        "{timed:?}"
    );
    let other = json!({"type": "drip", "ml": 3});
    assert!(matches!(
        round_trip::<Feeding>(other.clone()),
        Feeding::Unknown(kept) if kept.get() == &other
    ));
}
