//! Small hand-made stories with a known answer: what the aligner must link (a quote reworded,
//! a fact retold in another order, a long sentence reporting two things) and what it must not
//! (sentences that share only a speaker's name and a speech verb, or only common words).

use parallax::ingest::{RawArticle, build};
use parallax::model::Analysis;
use parallax::{Settings, analyse};

/// Articles `a0.txt`, `a1.txt`… of the given texts.
fn corpus(texts: &[&str]) -> parallax::Corpus {
    let raws = texts
        .iter()
        .enumerate()
        .map(|(i, t)| RawArticle {
            path: format!("a{i}.txt"),
            text: (*t).to_string(),
            ..RawArticle::default()
        })
        .collect();
    build(None, raws)
}

fn story(texts: &[&str]) -> Analysis {
    story_with(texts, &Settings::default())
}

fn story_with(texts: &[&str], settings: &Settings) -> Analysis {
    analyse(corpus(texts), settings)
}

/// Some event has a mention covering part of `a` in one article and of `b` in another.
fn linked(analysis: &Analysis, a: &str, b: &str) -> bool {
    let hits = |m: &parallax::model::Mention, needle: &str| {
        let text = &analysis.corpus.article(m.article).text;
        text.match_indices(needle)
            .any(|(start, s)| m.span.overlap(parallax::model::Span::new(start, start + s.len())) > 0)
    };
    analysis.events.iter().any(|e| {
        e.mentions
            .iter()
            .any(|x| hits(x, a) && e.mentions.iter().any(|y| y.article != x.article && hits(y, b)))
    })
}

const BRIDGE_A: &str = "\
The Harrowgate footbridge collapsed into the river Tenby early on Tuesday, injuring four cyclists.

Mayor Jane Holloway said the council would rebuild the crossing. “We will rebuild the bridge within a year, and it will be stronger than before,” she told reporters at the riverbank.

Engineers blamed corroded steel cables that had not been inspected since 2009. Holloway said she would meet the transport minister on Friday.

Flooding had closed the towpath for three weeks before the collapse.";

const BRIDGE_B: &str = "\
Four cyclists were hurt when a footbridge in Harrowgate fell into the Tenby on Tuesday morning.

The steel cables of the footbridge were badly corroded and had gone without an inspection since 2009, engineers said.

“We will rebuild the bridge within a year,” Mayor Holloway promised, “and it will be stronger than before.”

Holloway said the local football club had won its first cup final in a decade.";

#[test]
fn a_reworded_quote_links_across_articles() {
    let a = story(&[BRIDGE_A, BRIDGE_B]);
    assert!(linked(
        &a,
        "We will rebuild the bridge within a year",
        "We will rebuild the bridge within a year"
    ));
}

#[test]
fn a_fact_retold_in_another_order_links() {
    let a = story(&[BRIDGE_A, BRIDGE_B]);
    assert!(linked(
        &a,
        "corroded steel cables",
        "steel cables of the footbridge"
    ));
    assert!(linked(
        &a,
        "footbridge collapsed into the river",
        "cyclists were hurt"
    ));
}

#[test]
fn a_shared_name_and_speech_verb_alone_do_not_link() {
    let a = story(&[BRIDGE_A, BRIDGE_B]);
    assert!(!linked(
        &a,
        "meet the transport minister",
        "football club had won"
    ));
}

#[test]
fn alignment_links_in_both_directions_of_article_order() {
    let forward = story(&[BRIDGE_A, BRIDGE_B]);
    let backward = story(&[BRIDGE_B, BRIDGE_A]);
    assert!(linked(
        &forward,
        "corroded steel cables",
        "steel cables of the footbridge"
    ));
    assert!(linked(
        &backward,
        "steel cables of the footbridge",
        "corroded steel cables"
    ));
}

const TALKS_A: &str = "\
Negotiators from Arvelia and Dorsk met for eleven hours in Lisbon on Monday. The Arvelian envoy, Tomas Greer, called the session “candid and businesslike” but said the sides remained far apart on border patrols, and he warned that tariffs on Dorskian grain would rise in March if no deal was reached.

Greer said a second round would take place in Oslo next week.";

const TALKS_B: &str = "\
After eleven hours of talks in Lisbon, Arvelia warned that its tariffs on Dorskian grain would rise in March unless an agreement is reached.

Greer described the session as candid and businesslike.

A second round of talks will take place in Oslo next week, Greer said.

The weather in Lisbon was unusually warm for the season.";

#[test]
fn a_long_sentence_reporting_two_things_links_to_both() {
    let a = story(&[TALKS_A, TALKS_B]);
    assert!(linked(
        &a,
        "tariffs on Dorskian grain would rise in March",
        "tariffs on Dorskian grain"
    ));
    assert!(linked(
        &a,
        "called the session “candid and businesslike”",
        "session as candid and businesslike"
    ));
    assert!(linked(
        &a,
        "second round would take place in Oslo",
        "second round of talks will take place"
    ));
}

#[test]
fn common_words_and_a_place_alone_do_not_link() {
    let a = story(&[TALKS_A, TALKS_B]);
    assert!(!linked(&a, "second round would take place", "weather in Lisbon"));
    assert!(!linked(&a, "Negotiators from Arvelia", "weather in Lisbon"));
}

#[test]
fn unrelated_stories_share_no_event() {
    let a = story(&[BRIDGE_A, TALKS_B]);
    assert!(
        a.events.is_empty(),
        "{:?}",
        a.events.iter().map(|e| &e.label).collect::<Vec<_>>()
    );
}

/// `copies` articles, each reporting one passage among sentences of its own (invented words,
/// different in every article).
fn copies_story(copies: usize, settings: &Settings) -> Analysis {
    let raws = (0..copies)
        .map(|i| RawArticle {
            path: format!("c{i}.txt"),
            text: {
                let own = |k: usize| -> String {
                    let n = i * 3 + k;
                    let letters: String = [n % 26, n / 26 % 26, n / 676 % 26]
                        .iter()
                        .map(|&d| char::from(b'a' + d as u8))
                        .collect();
                    format!("Vor{letters} quen{letters} drast{letters} molv{letters}.")
                };
                format!(
                    "{} {}\n\nThe Harrowgate footbridge collapsed into the river Tenby, injuring four cyclists.\n\n{}\n",
                    own(0),
                    own(1),
                    own(2)
                )
            },
            ..RawArticle::default()
        })
        .collect();
    analyse(build(None, raws), settings)
}

#[test]
fn a_passage_copied_beyond_the_candidate_bound_is_still_one_event() {
    let mut settings = Settings::default();
    settings.align.candidates_per_sentence = 4;
    let a = copies_story(40, &settings);
    let sizes: Vec<usize> = a.events.iter().map(|e| e.sources.len()).collect();
    assert_eq!(sizes, vec![40]);
}

const SPEAKERS_A: &str = "\
Mayor Ana Ruiz said: “The bridge will reopen in spring after repairs.”";

const SPEAKERS_B: &str = "\
“The bridge will reopen in spring after repairs,” said Governor Tom Hale.";

/// The score of the first link between the given one-article texts.
fn first_link_score(texts: &[&str], settings: &Settings) -> f32 {
    let corpus = corpus(texts);
    let seg = parallax::segment::segment(&corpus);
    let quotes = parallax::quotes::find_quotes(&corpus, &seg);
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    let features = parallax::align::features_of(&seg, &quotes, &texts, &settings.align);
    parallax::align::align(&seg, &features, &settings.align)
        .first()
        .map_or(0.0, |l| l.score)
}

#[test]
fn two_different_speakers_weaken_a_link() {
    let score = |bonus: f32, mismatch: f32| {
        let mut settings = Settings::default();
        settings.align.speaker_bonus = bonus;
        settings.align.speaker_mismatch = mismatch;
        first_link_score(&[SPEAKERS_A, SPEAKERS_B], &settings)
    };
    let plain = score(0.0, 1.0);
    assert!(plain > 0.5, "{plain}");
    assert!(score(0.0, 0.5) < plain);
}

#[test]
fn a_claim_and_its_denial_link_more_weakly_than_two_denials() {
    let score = |a: &str, b: &str, mismatch: f32| {
        let mut settings = Settings::default();
        settings.align.polarity_mismatch = mismatch;
        first_link_score(&[a, b], &settings)
    };
    let claim = "Officials in Kyiv said the Russian army plans to invade Ukraine this winter.";
    let denial = "Officials in Moscow said the Russian army has no plans to invade Ukraine this winter.";
    let denied = "Officials in Moscow denied the Russian army plans to invade Ukraine this winter.";
    // Two negations in one sentence say it is so.
    let affirmed =
        "Officials in Kyiv said it is not true the Russian army has no plans to invade Ukraine this winter.";
    let plain = score(claim, denial, 1.0);
    assert!(plain > 0.5, "{plain}");
    assert!((score(claim, denial, 0.5) - plain * 0.5).abs() < 1e-6);
    assert_eq!(score(denial, denied, 0.5), score(denial, denied, 1.0));
    assert_eq!(score(claim, affirmed, 0.5), score(claim, affirmed, 1.0));
    assert!(score(denied, affirmed, 0.5) < score(denied, affirmed, 1.0));
}

#[test]
fn two_one_sentence_articles_can_link() {
    // In a story this short every word is in half the sentences, so its in-story rarity is
    // low; the content gate is measured against what the story allows, so a short shared
    // sentence still links (with the gate in absolute weight it did not).
    let analysis = story(&["The bapip the talks.", "The bapip the talks."]);
    assert!(linked(&analysis, "bapip the talks", "bapip the talks"));
}

#[test]
fn a_quote_event_is_labelled_with_the_quoted_words_and_its_speaker() {
    let a = story(&[BRIDGE_A, BRIDGE_B]);
    let event = a
        .events
        .iter()
        .find(|e| e.kind == parallax::model::EventKind::Quote)
        .expect("the mayor's quote is an event");
    assert_eq!(event.speaker.as_deref(), Some("Jane Holloway"));
    let (who, words) = event.label.split_once(": ").expect("speaker: words");
    assert_eq!(who, "Holloway");
    // The words come from inside the quotation marks, whichever mention is the label's source.
    let words = words
        .trim_start_matches('“')
        .trim_end_matches('”')
        .trim_end_matches('…');
    assert!(
        words.starts_with("rebuild the bridge within a year"),
        "{}",
        event.label
    );
    assert!(
        !event.label.contains("told") && !event.label.contains("promised"),
        "{}",
        event.label
    );
}

#[test]
fn the_analysis_reports_each_step_in_order_and_gives_the_same_result() {
    let mut steps = Vec::new();
    let texts = [BRIDGE_A, BRIDGE_B];
    let reported = parallax::analyse_with(corpus(&texts), &Settings::default(), &mut |s| steps.push(s));
    use parallax::Stage::*;
    assert_eq!(steps, vec![Segmenting, Quotations, Aligning, Grouping, Comparing]);
    let plain = story(&texts);
    let labels = |a: &Analysis| a.events.iter().map(|e| e.label.clone()).collect::<Vec<_>>();
    assert_eq!(labels(&reported), labels(&plain));
    assert!(!plain.events.is_empty());
}

/// Three reports of one announcement, each under the same headline of names alone.
const HEADLINED: [&str; 3] = [
    "Ellen DeGeneres To Host Oscars\n\nThe academy chose Ellen DeGeneres after weeks of talks. Ellen DeGeneres was at the Oscars in 2007. The Oscars air in March, and Ellen DeGeneres said she was thrilled.",
    "Ellen DeGeneres to host Oscars\n\nEllen DeGeneres returns to the Oscars stage next spring. Producers praised Ellen DeGeneres for her warmth. Tickets for the Oscars sold out within hours.",
    "Ellen DeGeneres To Host The Oscars\n\nA television favourite, Ellen DeGeneres will lead the Oscars broadcast. Critics welcomed Ellen DeGeneres at the Oscars once before. The network confirmed the date.",
];

#[test]
fn one_headline_of_names_alone_printed_by_several_outlets_links() {
    let a = story_with(&HEADLINED, &Settings::default());
    assert!(linked(
        &a,
        "Ellen DeGeneres To Host Oscars",
        "Ellen DeGeneres to host Oscars"
    ));
    assert!(linked(
        &a,
        "Ellen DeGeneres to host Oscars",
        "Ellen DeGeneres To Host The Oscars"
    ));
    // The names are the story's topic, so without the near-copy rule nothing links them.
    let mut strict = Settings::default();
    strict.align.copy_dice = 2.0;
    let b = story_with(&HEADLINED, &strict);
    assert!(!linked(
        &b,
        "Ellen DeGeneres To Host Oscars",
        "Ellen DeGeneres to host Oscars"
    ));
}

#[test]
fn one_content_word_and_a_shared_figure_link_but_a_shared_year_does_not() {
    let figure = story(&[
        "The bridge reopened.\n\nThe mayor repaid $60,000 to the city.\n",
        "Traffic resumed.\n\nOfficials say Ruiz repaid $60,000 at once.\n",
    ]);
    assert!(linked(
        &figure,
        "repaid $60,000 to the city",
        "Ruiz repaid $60,000"
    ));
    let year = story(&[
        "The bridge reopened.\n\nThe mayor repaid the city in 2017.\n",
        "Traffic resumed.\n\nOfficials say Ruiz repaid them in 2017.\n",
    ]);
    assert!(!linked(&year, "repaid the city", "Ruiz repaid them"));
}

#[test]
fn a_sentence_repeated_within_an_article_is_matched_once_at_its_first_place() {
    let repeated = "Officials in Geneva confirmed the pipeline inspection would finish by Friday. ";
    let a = format!("{}Farmers asked for new subsidies.", repeated.repeat(40));
    let b = "The pipeline inspection in Geneva will finish by Friday, officials confirmed.";
    let analysis = story(&[&a, b]);
    let event = analysis
        .events
        .iter()
        .find(|e| e.sources.len() == 2)
        .expect("the inspection is an event of both articles");
    let in_a: Vec<usize> = event
        .mentions
        .iter()
        .filter(|m| m.article.index() == 0)
        .map(|m| m.span.start)
        .collect();
    assert_eq!(in_a, vec![0], "only the first copy is a mention");
}

#[test]
fn copies_of_an_article_report_what_their_original_reports_at_the_same_places() {
    let bundled = parallax::ingest::bundled();
    let text = |i: usize| bundled.articles[i].text.as_str();
    // Article 0's text four times over: the third and fourth are set aside and restored.
    let texts = [text(0), text(1), text(0), text(2), text(0), text(0)];
    let analysis = story(&texts);
    assert_eq!(analysis.corpus.articles.len(), 6);
    for (i, a) in analysis.corpus.articles.iter().enumerate() {
        assert_eq!(a.id.index(), i);
        assert_eq!(a.text, texts[i]);
    }
    let at = |e: &parallax::model::Event, i: usize| -> Vec<(usize, usize)> {
        e.mentions
            .iter()
            .filter(|m| m.article.index() == i)
            .map(|m| (m.span.start, m.span.end))
            .collect()
    };
    let reported = analysis
        .events
        .iter()
        .filter(|e| e.reports(parallax::model::ArticleId(0)));
    assert!(reported.clone().count() > 3);
    for e in reported {
        for copy in [2usize, 4, 5] {
            assert!(
                e.reports(parallax::model::ArticleId::from_index(copy)),
                "event {} misses copy {copy}",
                e.id
            );
            assert_eq!(at(e, copy), at(e, 0));
        }
        assert!(
            e.sources.windows(2).all(|w| w[0] < w[1]),
            "sources in article order"
        );
    }
    let quotes_of = |i: usize| -> Vec<(usize, usize)> {
        analysis
            .quotes
            .iter()
            .filter(|q| q.article.index() == i)
            .map(|q| (q.span.start, q.span.end))
            .collect()
    };
    assert!(!quotes_of(0).is_empty());
    assert_eq!(quotes_of(5), quotes_of(0));
}

#[test]
fn a_word_in_thousands_of_sentences_brings_no_candidates() {
    // Every sentence shares one word and nothing else: in a story this large the word tells
    // nothing, and querying it would pair every sentence with every other.
    let article = |tag: &str| -> String {
        (0..1100)
            .map(|i| format!("Zebra {tag}{i}x {tag}{i}y."))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let story = corpus(&[&article("north"), &article("south")]);
    let seg = parallax::segment::segment(&story);
    assert_eq!(seg.sentences.len(), 2200);
    let quotes = parallax::quotes::find_quotes(&story, &seg);
    let texts: Vec<&str> = story.articles.iter().map(|a| a.text.as_str()).collect();
    let settings = Settings::default();
    let features = parallax::align::features_of(&seg, &quotes, &texts, &settings.align);
    let found = parallax::align::candidates(&features, &seg, &settings.align);
    assert!(found.pairs.is_empty(), "{} pairs", found.pairs.len());
}
