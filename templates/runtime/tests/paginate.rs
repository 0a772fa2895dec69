//! The pagination helpers the generated `…_pages` methods call: the `Link`
//! header's next URL, and when a cursor, an offset or a page number ends.

use reqwest::header::{HeaderMap, HeaderValue, LINK};
use sdkgen_runtime::paginate::{
    full_size, next_cursor, next_link, next_offset, next_page, same_origin,
};

fn links(values: &[&str]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for value in values {
        headers.append(LINK, HeaderValue::from_str(value).unwrap());
    }
    headers
}

#[test]
fn the_next_link_is_found_among_others_in_any_line_and_with_any_quoting() {
    // GitHub's shape.
    let github = r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last""#;
    assert_eq!(
        next_link(&links(&[github])).as_deref(),
        Some("https://api.github.com/repositories/1/issues?page=2")
    );
    // Unquoted, several relations, a comma inside the URL and a quoted title,
    // the next link in a second header line.
    let odd = [
        r#"<https://x.test/a?ids=1,2>; rel=prev; title="a, b""#,
        r#"<https://x.test/a?ids=3,4>; title="c"; rel="last next""#,
    ];
    assert_eq!(
        next_link(&links(&odd)).as_deref(),
        Some("https://x.test/a?ids=3,4")
    );
    assert_eq!(
        next_link(&links(&[r#"<https://x.test/p>; rel="prev""#])),
        None
    );
    assert_eq!(next_link(&HeaderMap::new()), None);
}

#[test]
fn a_link_to_another_origin_is_refused() {
    assert!(same_origin("https://api.test/v1", "https://api.test/v1/x?page=2").is_ok());
    assert!(same_origin("https://api.test", "https://evil.test/x").is_err());
    assert!(same_origin("https://api.test", "http://api.test/x").is_err());
    assert!(same_origin("https://api.test", "https://api.test:8443/x").is_err());
    assert!(same_origin("https://api.test", "/relative").is_err());
}

#[test]
fn a_cursor_ends_when_absent_empty_or_repeated() {
    let mut current = None;
    assert!(next_cursor(&mut current, Some(&"a".to_owned())));
    assert_eq!(current.as_deref(), Some("a"));
    assert!(!next_cursor(&mut current, Some(&"a".to_owned())));
    assert!(!next_cursor(&mut current, Some(&String::new())));
    assert!(!next_cursor(&mut current, None));
}

#[test]
fn offsets_and_pages_end_on_empty_short_or_total() {
    assert_eq!(next_offset(0, 5, None, None), Some(5));
    assert_eq!(next_offset(5, 0, None, None), None);
    // Short, but the server was not known to fill pages: go on.
    assert_eq!(next_offset(0, 3, None, None), Some(3));
    assert_eq!(next_offset(0, 3, Some(5), None), None);
    assert_eq!(next_offset(0, 5, Some(5), Some(5)), None);
    assert_eq!(next_offset(0, 5, Some(5), Some(6)), Some(5));

    assert_eq!(next_page(1, 1, 30, None, None), Some(2));
    assert_eq!(next_page(1, 1, 0, None, None), None);
    assert_eq!(next_page(2, 1, 29, Some(30), None), None);
    assert_eq!(next_page(2, 1, 30, Some(30), Some(60)), None);
    assert_eq!(next_page(2, 1, 30, Some(30), Some(61)), Some(3));
    // Pages counted from 0.
    assert_eq!(next_page(0, 0, 10, Some(10), Some(10)), None);

    assert_eq!(full_size(Some(50), Some(100)), Some(50));
    assert_eq!(full_size(Some(500), Some(100)), None);
    assert_eq!(full_size(Some(50), None), None);
    assert_eq!(full_size(None, Some(100)), None);
}
