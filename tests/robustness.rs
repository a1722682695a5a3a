//! Quote finding, attribution and number reading never panic and keep every span on the
//! text's char boundaries, whatever the input.

use parallax::ingest::{RawArticle, build};
use parallax::numbers;
use parallax::quotes::find_quotes;
use parallax::segment::segment;
use proptest::prelude::*;

/// Text built from the pieces attribution and numbers look at, in any order.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("\"".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just(" said ".to_string()),
        Just(" she added".to_string()),
        Just("Ms. Sherman".to_string()),
        Just("according to ".to_string()),
        Just("Sergei A. Ryabkov".to_string()),
        Just(" 100,000 troops".to_string()),
        Just(" more than seven-hour".to_string()),
        Just(" a hundred thousand".to_string()),
        Just("21-24".to_string()),
        Just(" 100 000".to_string()),
        "[a-zA-Z0-9 ,.\u{a0}é’-]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn quotes_and_numbers_never_panic(a in newsish(), b in newsish()) {
        let corpus = build(None, vec![
            RawArticle { text: a.clone(), ..RawArticle::default() },
            RawArticle { text: b, ..RawArticle::default() },
        ]);
        for q in find_quotes(&corpus, &segment(&corpus)) {
            let text = &corpus.article(q.article).text;
            prop_assert!(text.get(q.span.range()).is_some());
        }
        for v in numbers::values(&a) {
            prop_assert!(a.get(v.span.range()).is_some());
        }
    }
}
