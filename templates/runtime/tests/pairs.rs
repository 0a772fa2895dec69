//! Query strings and form bodies in each OpenAPI style, byte for byte, with
//! the examples of the OpenAPI 3.0 specification's style table.

use sdkgen_runtime::pairs::{form_body, Pairs, Style};
use serde_json::json;

fn query(name: &str, value: serde_json::Value, style: Style) -> String {
    let mut pairs = Pairs::new();
    pairs.push(name, &value, style).unwrap();
    pairs.query_string()
}

#[test]
fn each_style_writes_arrays_as_the_specification_shows() {
    let colors = json!(["blue", "black", "brown"]);
    let cases = [
        (Style::Form, "color=blue&color=black&color=brown"),
        (Style::FormJoined, "color=blue,black,brown"),
        (Style::SpaceDelimited, "color=blue%20black%20brown"),
        (Style::PipeDelimited, "color=blue|black|brown"),
        (
            Style::DeepObject,
            "color%5B%5D=blue&color%5B%5D=black&color%5B%5D=brown",
        ),
    ];
    for (style, expected) in cases {
        assert_eq!(query("color", colors.clone(), style), expected, "{style:?}");
    }
}

#[test]
fn each_style_writes_objects_as_the_specification_shows() {
    let rgb = json!({"R": 100, "G": 200, "B": 150});
    let cases = [
        (Style::Form, "R=100&G=200&B=150"),
        (Style::FormJoined, "color=R,100,G,200,B,150"),
        (Style::SpaceDelimited, "color=R%20100%20G%20200%20B%20150"),
        (Style::PipeDelimited, "color=R|100|G|200|B|150"),
        (
            Style::DeepObject,
            "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
        ),
    ];
    for (style, expected) in cases {
        assert_eq!(query("color", rgb.clone(), style), expected, "{style:?}");
    }
}

#[test]
fn delimiters_inside_values_are_encoded_and_nulls_left_out() {
    let items = json!(["a,b", "c d", "e|f&g=h"]);
    assert_eq!(
        query("q", items.clone(), Style::FormJoined),
        "q=a%2Cb,c%20d,e%7Cf%26g%3Dh"
    );
    assert_eq!(
        query("q", items, Style::PipeDelimited),
        "q=a%2Cb|c%20d|e%7Cf%26g%3Dh"
    );
    assert_eq!(query("q", json!(null), Style::Form), "");
    assert_eq!(query("q", json!([]), Style::FormJoined), "");
    let mut pairs = Pairs::new();
    pairs.push("limit", &Some(10), Style::Form).unwrap();
    pairs.push("cursor", &None::<String>, Style::Form).unwrap();
    pairs.push("sort", "name desc", Style::Form).unwrap();
    pairs.push("flag", &true, Style::Form).unwrap();
    assert_eq!(pairs.query_string(), "limit=10&sort=name%20desc&flag=true");
}

#[test]
fn deep_objects_nest_and_index_arrays_of_objects_as_stripe_reads_them() {
    let value = json!({
        "metadata": {"order": "6735", "note": "a b"},
        "expand": ["customer", "invoice"],
        "items": [{"price": "p_1", "quantity": 2}, {"price": "p_2"}],
        "card": {"address": {"city": "Oslo"}}
    });
    let body = form_body(
        &value,
        &[
            ("metadata", Style::DeepObject),
            ("expand", Style::DeepObject),
        ],
    )
    .unwrap();
    assert_eq!(
        body,
        "metadata%5Border%5D=6735&metadata%5Bnote%5D=a+b\
         &expand%5B%5D=customer&expand%5B%5D=invoice\
         &items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p_2\
         &card%5Baddress%5D%5Bcity%5D=Oslo"
    );
}

#[test]
fn form_bodies_repeat_array_names_by_default_and_join_when_asked() {
    let value = json!({"scopes": ["openid", "profile"], "ticket": "t/1", "n": 3, "skip": null});
    assert_eq!(
        form_body(&value, &[]).unwrap(),
        "scopes=openid&scopes=profile&ticket=t%2F1&n=3"
    );
    assert_eq!(
        form_body(&value, &[("scopes", Style::SpaceDelimited)]).unwrap(),
        "scopes=openid+profile&ticket=t%2F1&n=3"
    );
}

#[test]
fn a_form_body_that_is_not_an_object_is_refused() {
    let error = form_body(&json!(["a", "b"]), &[]).unwrap_err();
    assert_eq!(error.what, "the request body");
    let error = form_body(&std::collections::BTreeMap::from([((1, 2), 3)]), &[]).unwrap_err();
    assert!(error.reason.contains("does not serialize"), "{error}");
}

#[test]
fn a_query_value_that_does_not_serialize_is_refused() {
    let mut pairs = Pairs::new();
    let map = std::collections::BTreeMap::from([((1, 2), 3)]);
    let error = pairs.push("filter", &map, Style::DeepObject).unwrap_err();
    assert_eq!(error.what, "query parameter `filter`");
    assert!(pairs.is_empty());
}
