//! Attribution on small hand-built stories: one test per cue shape and per resolution rule.
use crate::ingest::{RawArticle, build};
use crate::quotes::find_quotes;
use crate::segment::segment;

/// Each quotation of a story as (quoted words, speaker).
fn said(texts: &[&str]) -> Vec<(String, Option<String>)> {
    let raws = texts
        .iter()
        .map(|t| RawArticle {
            text: (*t).into(),
            ..RawArticle::default()
        })
        .collect();
    let corpus = build(None, raws);
    find_quotes(&corpus, &segment(&corpus))
        .into_iter()
        .map(|q| {
            let text = corpus.article(q.article).slice(q.span);
            (text.trim_end_matches([',', '.']).to_string(), q.speaker)
        })
        .collect()
}

fn speakers(texts: &[&str]) -> Vec<Option<String>> {
    said(texts).into_iter().map(|(_, s)| s).collect()
}

fn one(name: &str) -> Option<String> {
    Some(name.to_string())
}

#[test]
fn quote_then_name_and_verb() {
    assert_eq!(
        said(&["“We will not forgo it,” Wendy Sherman said."]),
        vec![("We will not forgo it".into(), one("Wendy Sherman"))]
    );
}

#[test]
fn name_told_reporters_that_quote() {
    assert_eq!(
        speakers(&[
            "Deputy Foreign Minister Sergei Ryabkov told reporters that “there is no reason to fear.”"
        ]),
        vec![one("Sergei Ryabkov")]
    );
}

#[test]
fn according_to_titled_short_form_resolves_to_full_name() {
    assert_eq!(
        speakers(&["Wendy Sherman led the talks. According to Ms. Sherman, they were “frank and candid.”"]),
        vec![one("Wendy Sherman")]
    );
}

#[test]
fn inverted_said_with_titles() {
    assert_eq!(
        speakers(&[
            "They discussed “reciprocal action,” said Deputy Secretary of State Wendy Sherman, the top diplomat present."
        ]),
        vec![one("Wendy Sherman")]
    );
}

#[test]
fn inverted_said_over_role_nouns() {
    assert_eq!(
        speakers(&[
            "“We are moving forward,” said Academy spokeswoman Leslie Unger. “We are firm,” she added.",
            "“It is an honor,” said Paul Lee, president, ABC Entertainment Group."
        ]),
        vec![one("Leslie Unger"), one("Leslie Unger"), one("Paul Lee")]
    );
}

#[test]
fn pronoun_goes_to_the_sentence_subject_not_to_any_name_mentioned() {
    let text = "Actor Leonardo DiCaprio, who earned a Golden Globe nomination for “Revolutionary Road,” \
                said strike concerns are real. “It's really important,” he said.";
    assert_eq!(speakers(&[text]).last(), Some(&one("Leonardo DiCaprio")));
}

#[test]
fn quotation_left_open_takes_the_next_sentences_attribution() {
    let text = "“We are thrilled,” Neil Meron said.\n“I am so excited to be hosting again.\n\
                You know what they say, the third time is the charm,” said Ellen DeGeneres.";
    // The second line, closed but never opened, is also found as reported words.
    assert_eq!(
        speakers(&[text]),
        vec![one("Neil Meron"), one("Ellen DeGeneres"), one("Ellen DeGeneres")]
    );
}

#[test]
fn name_before_an_aside_between_commas() {
    assert_eq!(
        speakers(&["Sherman, according to a CNN reporter, further explained that “we will see.”"]),
        vec![one("Sherman")]
    );
}

#[test]
fn a_full_name_set_off_after_its_description() {
    assert_eq!(
        speakers(&[
            "“The water rose fast,” the county’s emergency manager, Tom Reyes, said on Sunday. \
             “Evacuations go on,” said the governor’s spokesman, Ben Ortiz. \
             “We will not stop,” the group’s president, Maria Lopez, told reporters."
        ]),
        vec![one("Tom Reyes"), one("Ben Ortiz"), one("Maria Lopez")]
    );
    // A place set off after another is not a speaker, nor is one word after a description.
    assert_eq!(
        speakers(&[
            "“Roads are closed,” officials in Seoul, South Korea, said. “It is over,” the owner, Reyes, said."
        ]),
        vec![None, None]
    );
}

#[test]
fn a_clause_ending_in_a_colon_introduces_its_subjects_words() {
    assert_eq!(
        speakers(&[
            "Governor Ann Walsh put it plainly: “Nobody should drive tonight.” \
             Esther Walsh: “Million Dollar Mermaid” star dies. \
             The report reached one conclusion: “The levees failed.”"
        ]),
        vec![one("Ann Walsh"), None, None]
    );
}

#[test]
fn a_name_given_in_quotation_marks_is_the_subjects_word() {
    assert_eq!(
        speakers(&["Mayor Carl Dean called the damage “the worst in fifty years.” \
             The storm, called “Hurricane Ida” by forecasters, moved north."]),
        vec![one("Carl Dean"), None]
    );
}

#[test]
fn according_to_a_spokesperson_for_a_body_is_the_body() {
    assert_eq!(
        speakers(&[
            "According to a spokesperson for the Treasury Department, “the funds will be released.” \
             According to a spokesman for the California secretary of state, “the ballot is final.”"
        ]),
        vec![one("Treasury Department"), None]
    );
}

#[test]
fn pronouns_follow_stated_gender() {
    let text = "Mr. Ryabkov arrived first. Ms. Sherman said the talks were “useful,” and Ryabkov spoke too. \
                “We have no plans,” he said. “We are firm,” she added.";
    assert_eq!(
        speakers(&[text]),
        vec![one("Sherman"), one("Ryabkov"), one("Sherman")]
    );
}

#[test]
fn a_pronoun_passes_over_a_person_whose_given_name_states_another_gender() {
    assert_eq!(
        speakers(&[
            "Jane Holloway died on Thursday. Her agent, Mark Roesler, confirmed it. \
             “I never wanted to be photographed,” she said in 1998. \
             Her co-star Robert Mills remembered her. “She worked hard,” he told Variety."
        ]),
        vec![one("Jane Holloway"), one("Robert Mills")]
    );
}

#[test]
fn pronoun_without_stated_gender_takes_the_last_named_speaker() {
    assert_eq!(
        speakers(&["Jen Psaki spoke on Monday. “Russia must choose,” she said."]),
        vec![one("Jen Psaki")]
    );
}

#[test]
fn quotation_filling_its_sentence_continues_the_speaker() {
    assert_eq!(
        speakers(&["“We were firm,” Sherman said. “We will not allow it.”"]),
        vec![one("Sherman"), one("Sherman")]
    );
}

#[test]
fn unmarked_statement_ending_in_name_said_is_a_quotation() {
    let text = "Talks lasted hours.\n\nThere is no reason to fear some sort of escalation scenario, Russian deputy \
                foreign minister Sergei A. Ryabkov told reporters after the meeting. We felt that they took it seriously.\n\n\
                The tone makes us more optimistic, Ryabkov said, but the main questions remain unanswered.\n\n\
                On a call with reporters, Sherman added that Russia could prove it.";
    assert_eq!(
        said(&[text]),
        vec![
            (
                "There is no reason to fear some sort of escalation scenario".into(),
                one("Sergei A. Ryabkov")
            ),
            (
                "We felt that they took it seriously".into(),
                one("Sergei A. Ryabkov")
            ),
            (
                "The tone makes us more optimistic".into(),
                one("Sergei A. Ryabkov")
            ),
        ]
    );
}

#[test]
fn reported_speech_in_the_third_person_is_not_a_quotation() {
    assert!(
        said(&["The U.S. held firm on a few issues, she said, including the demand on NATO."]).is_empty()
    );
}

#[test]
fn countries_are_not_speakers_when_a_person_is_cued() {
    assert_eq!(
        speakers(&[
            "Russia insists it has no plans and Washington calls the demands ‘non-starters’ on the first day of talks.\n\
             Russia has urged the United States not to “underestimate the risks.”\n\
             Russia’s Ryabkov said, “Unfortunately we differ.”"
        ]),
        vec![None, one("Russia"), one("Ryabkov")]
    );
}

#[test]
fn spellings_of_one_person_share_a_canonical_name_across_articles() {
    assert_eq!(
        speakers(&[
            "Sergey Ryabkov said “no.”",
            "Sergei Ryabkov said “yes.” Later Sergei Ryabkov left.",
            "“Maybe,” Mr. Ryabkov said."
        ]),
        vec![
            one("Sergei Ryabkov"),
            one("Sergei Ryabkov"),
            one("Sergei Ryabkov")
        ]
    );
}

/// Each sentence of indirect speech as (sentence, speaker), and the quotations found.
fn reported(texts: &[&str]) -> (Vec<(String, Option<String>)>, usize) {
    let raws = texts
        .iter()
        .map(|t| RawArticle {
            text: (*t).into(),
            ..RawArticle::default()
        })
        .collect();
    let corpus = build(None, raws);
    let (quotes, reported) = crate::quotes::find_attributions(&corpus, &segment(&corpus));
    let out = reported
        .into_iter()
        .map(|q| (corpus.article(q.article).slice(q.span).to_string(), q.speaker))
        .collect();
    (out, quotes.len())
}

#[test]
fn a_surname_goes_to_the_person_named_in_full_not_a_relative_named_once() {
    assert_eq!(
        speakers(&[
            "Rep. Duncan Hunter was indicted on Tuesday. Duncan Hunter denied wrongdoing. \
             His wife, Margaret Hunter, was also charged. “I know the rules,” Hunter said."
        ]),
        vec![one("Duncan Hunter")]
    );
}

#[test]
fn a_family_name_written_first_resolves_to_the_full_name_in_any_spelling() {
    assert_eq!(
        speakers(&[
            "North Korean leader Kim Jong-un spoke on Friday. “The site has done its job,” Mr. Kim said.",
            "Kim Jong Un said the country would “join international efforts.” Kim Jong Un left.",
            "Kim Jong Un met officials. “No need,” Kim said."
        ]),
        vec![one("Kim Jong Un"), one("Kim Jong Un"), one("Kim Jong Un")]
    );
}

#[test]
fn a_family_name_shared_with_a_relative_stays_as_written() {
    // Neither the leader nor the father named once: the short form names no one else.
    assert_eq!(
        speakers(&[
            "Kim Jong Un spoke. Kim Jong Un left. His father, Kim Jong Il, died in 2011. \
             “We are ready,” Mr. Kim said."
        ]),
        vec![one("Kim")]
    );
}

#[test]
fn a_short_form_never_crosses_to_one_of_two_different_full_names() {
    assert_eq!(
        speakers(&["Kim Jong Un and his sister Kim Yo Jong arrived. “We are ready,” Mr. Kim said."]),
        vec![one("Kim")]
    );
}

#[test]
fn a_title_standing_alone_as_the_subject_is_a_surname() {
    assert_eq!(
        speakers(&["Billy King runs the team. “We talked about a lot of things,” King said."]),
        vec![one("Billy King")]
    );
}

#[test]
fn institutions_speak_with_their_whole_names() {
    assert_eq!(
        speakers(&[
            "“The decision prolongs uncertainty,” the European Commission said in a statement.",
            "In a statement, the British government said the move was “positive,” while the \
             Australian government said that it “will ensure our trade grows.”",
            "“We remain concerned,” a British government spokeswoman in Washington said.",
            "“Family bills were characterized as a contribution,” the press release from the \
             U.S. Attorney’s Office said.",
        ]),
        vec![
            one("European Commission"),
            one("British government"),
            one("Australian government"),
            one("British government"),
            one("U.S. Attorney's Office"),
        ]
    );
}

#[test]
fn according_to_an_institution_over_its_article() {
    assert_eq!(
        speakers(&[
            "“According to the indictment, the Hunters knew it,” according to the U.S. Attorney’s Office."
        ]),
        vec![one("U.S. Attorney's Office")]
    );
}

#[test]
fn places_and_fragments_of_names_are_not_speakers() {
    assert_eq!(
        speakers(&[
            "“We will not back down,” Rep. Brendan Boyle (D-Pa.) said.",
            "“Quotas are on the table,” officials in Washington said.",
        ]),
        vec![one("Brendan Boyle"), None]
    );
}

#[test]
fn a_line_break_never_falls_inside_a_name() {
    let found = speakers(&[
        "Nuclear Tests Halted: State Media\n\nPyongyang also said it would “close the test site.”",
    ]);
    assert_eq!(found, vec![one("Pyongyang")]);
}

#[test]
fn a_relayed_statement_belongs_to_the_person_quoted() {
    assert_eq!(
        speakers(&[
            "Kim Jong Un addressed the party. “From April 21, we will stop nuclear tests,” the \
             Korean Central News Agency said, quoting Mr. Kim."
        ]),
        vec![one("Kim Jong Un")]
    );
}

#[test]
fn the_president_is_the_person_the_story_titles_president() {
    let text = "President Donald Trump met Moon Jae-in last year. Mr. Trump welcomed it. \
                “This is very good news,” the president said in a Twitter message.";
    assert_eq!(speakers(&[text]), vec![one("Donald Trump")]);
}

#[test]
fn descriptions_resolve_to_what_the_article_named_before() {
    let text = "President Donald Trump met Moon Jae-in last year. The Korean Central News Agency \
                reported the decision. “The site will close,” the agency added. \
                Mr. Trump welcomed it. “This is very good news,” the president said in a Twitter message. \
                The European Commission said the exemption prolonged uncertainty. \
                “The EU should be exempted,” it said in a statement.";
    assert_eq!(
        speakers(&[text]),
        vec![
            one("Korean Central News Agency"),
            one("Donald Trump"),
            one("European Commission")
        ]
    );
}

#[test]
fn the_congressman_is_the_person_the_story_titles_representative() {
    assert_eq!(
        speakers(&["Rep. Blake Farenthold resigned. Steve Stivers spoke later. \
             “I had no idea how to run an office,” the four-term congressman said in December."]),
        vec![one("Blake Farenthold")]
    );
}

#[test]
fn a_statement_says_what_its_author_wrote() {
    let text = "In a statement published by the state news agency, Kim Jong Un promised to stop tests. \
                “The test center will be discarded,” the statement said.";
    assert_eq!(speakers(&[text]), vec![one("Kim Jong Un")]);
}

#[test]
fn a_document_with_no_named_author_ends_the_running_speaker() {
    assert_eq!(
        speakers(&[
            "“I know the rules,” Rep. Duncan Hunter said. “The goal was to enrich themselves,” the \
             47-page indictment says. “They knew it.”"
        ]),
        vec![one("Duncan Hunter"), None, None]
    );
}

#[test]
fn a_pronoun_goes_first_to_a_person_named_earlier_in_its_sentence() {
    assert_eq!(
        speakers(&[
            "Mr. Stivers spoke first. In a video in December announcing his resignation, Mr. Farenthold \
             denied the allegations, but he acknowledged running an “unprofessional” workplace."
        ]),
        vec![one("Farenthold")]
    );
}

#[test]
fn indirect_speech_is_attributed_but_is_no_quotation() {
    let (found, quotes) =
        reported(&["Wendy Sherman led the talks. Sherman said Russia told her it had no plans."]);
    assert_eq!(quotes, 0);
    assert_eq!(
        found,
        vec![(
            "Sherman said Russia told her it had no plans.".to_string(),
            one("Wendy Sherman")
        )]
    );
}

#[test]
fn a_sentence_quoting_part_of_a_statement_reports_the_rest_for_the_same_speaker() {
    let (found, quotes) = reported(&[
        "Wendy Sherman led the talks. Sanctions, export controls, “more troops on alliance \
         territory,” and aid to Ukraine are among the possible responses, she said. \
         “We are ready,” Sherman said. “It is a provocation,” Moscow said, and Sherman said \
         nothing.",
    ]);
    assert_eq!(quotes, 3);
    // The first sentence tells the rest of her statement in its own words; the second holds
    // nothing beyond the quotation and its cue; the third cues two speakers: no one of them is
    // credited with the whole sentence.
    assert_eq!(
        found,
        vec![(
            "Sanctions, export controls, “more troops on alliance territory,” and aid to Ukraine \
             are among the possible responses, she said."
                .to_string(),
            one("Wendy Sherman")
        )]
    );
}

#[test]
fn a_person_cued_in_a_clause_of_its_own_does_not_take_the_quotation_before_it() {
    assert_eq!(
        speakers(&["“It is a provocation,” Moscow said, and Sherman said nothing."]),
        vec![one("Moscow")]
    );
    // With no other cue the person still speaks it.
    assert_eq!(
        speakers(&["“It is a provocation,” the envoy wrote, and Sherman said so too."]),
        vec![one("Sherman")]
    );
}

#[test]
fn an_unnamed_official_speaks_for_the_body_named_before_the_role() {
    assert_eq!(
        speakers(&["“Quotas are on the table,” a White House official said."]),
        vec![one("White House")]
    );
}

#[test]
fn words_describing_the_person_who_follows_are_not_a_person() {
    let idx = crate::speakers::names::NameIndex::build(&[
        "North Korean leader Kim Jong Un spoke. The North Korean dictator left.",
    ]);
    let name = |text: &str| crate::speakers::names::Name {
        text: text.into(),
        span: crate::model::Span::default(),
        gender: None,
        titled: false,
        titles: Vec::new(),
    };
    assert!(!idx.is_person(&name("North Korean")));
    assert!(idx.is_person(&name("Kim Jong Un")));
    assert_eq!(
        speakers(&["North Korean leader Kim Jong Un met the envoy. “We are ready,” the leader said."]),
        vec![one("Kim Jong Un")]
    );
}

#[test]
fn a_colon_lead_in_gives_the_next_quotation_to_its_subject() {
    // The lead-in's subject is the one judge the story names, not the man quoted before it.
    assert_eq!(
        speakers(&[
            "Judge James Bodiford sentenced Brian Nichols. “I am sorry,” Nichols said.\nThe judge had advice for anyone who deals with Nichols:\n“Do not trust Mr. Nichols ever again.”"
        ]),
        vec![one("Brian Nichols"), one("James Bodiford")]
    );
}

#[test]
fn a_colon_lead_in_whose_subject_is_unsure_leaves_the_quotation_unattributed() {
    // Two judges named: "the judge" is not resolved, and the quotation is not the last speaker's.
    assert_eq!(
        speakers(&[
            "Judge Rowland Barnes was killed in 2005. Judge James Bodiford sentenced Brian Nichols. “I am sorry,” Nichols said.\nThe judge had advice for anyone who deals with Nichols:\n“Do not trust Mr. Nichols ever again.”"
        ]),
        vec![one("Brian Nichols"), None]
    );
}
