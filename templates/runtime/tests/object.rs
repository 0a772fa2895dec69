//! A generated struct's written-out `Deserialize` (`runtime::object`) against
//! serde's derive with the attributes sdkgen wrote before it: for every
//! input, both read the same value or both refuse it. serde's derive is the
//! independent side; the structs (`twins`) have a field of each kind sdkgen
//! writes, and one nests the other.

mod twins;

use sdkgen_runtime::object::Object;
use serde::Deserialize;
use twins::{Derived, DerivedOuter, Written, WrittenOuter};

#[test]
fn the_written_out_impl_reads_what_the_derive_read() {
    let inputs = [
        // Every field present.
        r#"{"name":"a","count":3,"size":9,"note":"n","level":2,"extra":{"x":1},"data":"AAE=","more":"AQ==","most":"Ag==","other":[1]}"#,
        // Only the required ones: an absent `Option` is `None`, an absent
        // field with a default takes it.
        r#"{"name":"a","data":""}"#,
        // `null` where each may hold it: kept apart from absent.
        r#"{"name":"a","count":null,"note":null,"level":null,"extra":null,"data":"","more":null,"most":null}"#,
        // Unknown properties are kept, whatever their values.
        r#"{"name":"a","data":"","z":null,"y":{"deep":[true]},"x":"1"}"#,
        // Refused: a required field missing, a wrong type, a value that is
        // no object.
        r#"{"data":""}"#,
        r#"{"name":"a"}"#,
        r#"{"name":1,"data":""}"#,
        r#"{"name":"a","data":"","count":"3"}"#,
        r#"{"name":"a","data":"","level":300}"#,
        r#"{"name":"a","data":"not base64!"}"#,
        r#"{"name":"a","data":"","size":null}"#,
        r#"[1,2]"#,
        r#"null"#,
        r#""text""#,
    ];
    for input in inputs {
        let written = serde_json::from_str::<Written>(input).map(|w| w.0);
        let derived = serde_json::from_str::<Derived>(input).map(Derived::fields);
        match (&written, &derived) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{input}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{input}: written {written:?}, derived {derived:?}"),
        }
    }
    let full = inputs[0];
    let nested = [
        format!(r#"{{"inner":{full},"list":[{full},{full}]}}"#),
        format!(r#"{{"inner":{full},"list":[]}}"#),
        format!(r#"{{"inner":{full}}}"#),
        format!(r#"{{"inner":{full},"list":[{full},{{"name":"a"}}]}}"#),
        r#"{"inner":null,"list":[]}"#.to_owned(),
    ];
    for input in &nested {
        let written = serde_json::from_str::<WrittenOuter>(input)
            .map(|w| (w.0 .0, w.1.into_iter().map(|w| w.0).collect::<Vec<_>>()));
        let derived = serde_json::from_str::<DerivedOuter>(input).map(DerivedOuter::fields);
        match (&written, &derived) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{input}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{input}: written {written:?}, derived {derived:?}"),
        }
    }
}

/// The derive's errors gave the line and column where reading stopped; these
/// name the field instead (the object is read whole before any field is),
/// and a nested struct's error names the path to it.
#[test]
fn a_refusal_names_the_field() {
    let error = serde_json::from_str::<Written>(r#"{"name":1,"data":""}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `name`: invalid type: integer `1`, expected a string"
    );
    let error = serde_json::from_str::<Written>(r#"{"data":""}"#).unwrap_err();
    assert_eq!(error.to_string(), "missing field `name`");

    #[derive(Debug)]
    struct Outer(#[allow(dead_code)] Written);
    impl<'de> Deserialize<'de> for Outer {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut object = Object::read(deserializer)?;
            match object.required("inner") {
                Some(inner) => Ok(Outer(inner)),
                None => Err(serde::de::Error::custom(object.error())),
            }
        }
    }
    let error = serde_json::from_str::<Outer>(r#"{"inner":{"name":"a","data":"","level":-1}}"#)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `inner`: field `level`: invalid value: integer `-1`, expected u8"
    );
}

/// A property sent twice is read as a map would keep it (the last), and is
/// not kept a second time among the other properties, so it is written back
/// once. (serde's derive refuses a known field sent twice.)
#[test]
fn a_property_sent_twice_is_the_last_and_kept_once() {
    let read = serde_json::from_str::<Written>(
        r#"{"name":"a","x":1,"data":"","name":"b","x":2,"name":"c"}"#,
    )
    .unwrap();
    let (name, .., rest) = read.0;
    assert_eq!(name, "c");
    assert_eq!(rest.len(), 1);
    assert_eq!(rest["x"], 2);
}

/// Every field is read into one tuple and checked once: of several bad
/// fields, the error is the first's in the struct's order, whatever order
/// the properties came in.
#[test]
fn of_several_bad_fields_the_first_in_the_struct_is_named() {
    for input in [
        r#"{"name":1,"count":"x","data":""}"#,
        r#"{"count":"x","data":"","name":1}"#,
    ] {
        let error = serde_json::from_str::<Written>(input).unwrap_err();
        assert_eq!(
            error.to_string(),
            "field `name`: invalid type: integer `1`, expected a string",
            "{input}"
        );
    }
    // With the first good, the next bad one is named.
    let error =
        serde_json::from_str::<Written>(r#"{"name":"a","count":"x","data":""}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `count`: invalid type: string \"x\", expected i64"
    );
}
