//! How `union::ranked` orders the alternatives of a union for a value: what
//! rules one out, and what makes one fit better.

use sdkgen_runtime::union::{ranked, Object, Shape};
use serde_json::json;

const FOLDER: Object = Object {
    properties: &["type", "id", "name"],
    required: &[],
    tags: &[("type", "folder")],
    closed: false,
};
const FILE: Object = Object {
    properties: &["type", "id", "name", "sha1"],
    required: &[],
    tags: &[("type", "file")],
    closed: false,
};

#[test]
fn a_tag_that_holds_another_value_rules_an_alternative_out() {
    let shapes = [Shape::Object(&FOLDER), Shape::Object(&FILE)];
    assert_eq!(ranked(&json!({"type": "file", "sha1": "ab"}), &shapes), [1]);
    assert_eq!(ranked(&json!({"type": "folder"}), &shapes), [0]);
    // Without the tag both could hold it; the one listing more wins.
    assert_eq!(ranked(&json!({"id": "1", "sha1": "ab"}), &shapes), [1, 0]);
}

#[test]
fn a_closed_object_holds_no_property_it_does_not_list() {
    const V1: Object = Object {
        properties: &["sid"],
        required: &[],
        tags: &[],
        closed: true,
    };
    const V2: Object = Object {
        properties: &["sid", "url"],
        required: &[],
        tags: &[],
        closed: false,
    };
    let shapes = [Shape::Object(&V1), Shape::Object(&V2)];
    assert_eq!(ranked(&json!({"sid": "1", "url": "u"}), &shapes), [1]);
    assert_eq!(ranked(&json!({"sid": "1"}), &shapes), [0, 1]);
}

#[test]
fn a_listed_value_beats_a_catch_all() {
    let shapes = [Shape::Enum(&["none"]), Shape::String];
    assert_eq!(ranked(&json!("365"), &shapes), [1, 0]);
    assert_eq!(ranked(&json!("none"), &shapes), [0, 1]);
    let numbers = [Shape::IntEnum(&[1, 2]), Shape::Integer];
    assert_eq!(ranked(&json!(7), &numbers), [1, 0]);
}

#[test]
fn json_types_must_agree() {
    let shapes = [
        Shape::Integer,
        Shape::Number,
        Shape::Bool,
        Shape::Nullable(&Shape::String),
        Shape::Array(&Shape::Integer),
        Shape::Map(&Shape::Bool),
    ];
    assert_eq!(ranked(&json!(5), &shapes), [0, 1]);
    assert_eq!(ranked(&json!(5.5), &shapes), [1]);
    assert_eq!(ranked(&json!(null), &shapes), [3]);
    assert_eq!(ranked(&json!([1, 2]), &shapes), [4]);
    assert_eq!(ranked(&json!([1, 2.5]), &shapes), Vec::<usize>::new());
    assert_eq!(ranked(&json!({"a": true}), &shapes), [5]);
}

#[test]
fn nested_shapes_add_up() {
    let items_of = [
        Shape::Array(&Shape::Enum(&["a", "b"])),
        Shape::Array(&Shape::String),
    ];
    assert_eq!(ranked(&json!(["a", "x"]), &items_of), [1, 0]);
    assert_eq!(ranked(&json!(["a", "b"]), &items_of), [0, 1]);
    let union = [
        Shape::OneOf(&[Shape::Integer, Shape::Object(&FOLDER)]),
        Shape::Object(&FILE),
    ];
    assert_eq!(ranked(&json!({"type": "folder", "id": "1"}), &union), [0]);
    assert_eq!(ranked(&json!(3), &union), [0]);
    assert_eq!(ranked(&json!(true), &union), Vec::<usize>::new());
}

#[test]
fn null_fits_null_alone() {
    let shapes = [Shape::Null, Shape::Nullable(&Shape::Integer)];
    assert_eq!(ranked(&json!(null), &shapes), [0, 1]);
    assert_eq!(ranked(&json!(1), &shapes), [1]);
}

#[test]
fn anything_fits_any() {
    assert_eq!(ranked(&json!({"x": 1}), &[Shape::Any]), [0]);
    assert_eq!(ranked(&json!(null), &[Shape::Any]), [0]);
}

#[test]
fn a_missing_required_property_rules_an_alternative_out() {
    const LOCKED: Object = Object {
        properties: &["event", "lock_reason"],
        required: &["event", "lock_reason"],
        tags: &[],
        closed: false,
    };
    const LABELED: Object = Object {
        properties: &["event", "label"],
        required: &["event"],
        tags: &[],
        closed: false,
    };
    let shapes = [Shape::Object(&LOCKED), Shape::Object(&LABELED)];
    assert_eq!(ranked(&json!({"event": "labeled"}), &shapes), [1]);
    assert_eq!(
        ranked(&json!({"event": "locked", "lock_reason": null}), &shapes),
        [0, 1]
    );
}
