//! Joining the events that report a story's main news: part of the events stage. Clusters →
//! fewer clusters.
//!
//! Headlines and leads report a story's main news, each outlet in its own words, so the links
//! between sentences split it over several events ("Tara Reid checked into rehab", "Tara Reid
//! has checked herself into Promises", "the actress entered Promises on Tuesday"). An event with
//! at least a third of its members in the articles' leads (an article's first two lines of text;
//! a line holding a bare web address does not count) is a lead event. Lead events join, the two
//! most alike first, while the words of their lead members, each weighed by its rarity in the
//! story, reach a cosine of `headline_min_cosine`.
//!
//! Three decisions a reader must know. Stories often pair look-alike news (one boxer's two title
//! defences, two actresses entering rehab): two events never join when either names a person in
//! most of its members whom the other hardly names. A joined event keeps only the members whose
//! words reach a fifth (cosine) of the joined event's words and that are not about someone else
//! (naming a person the event hardly names and none of those most of it names): a member that
//! came along with a smaller event through some shared phrase leaves it. And an event most of
//! whose members would leave stays an event of its own, whole.
//!
//! Persons are read from capitalised pairs of words ("Tony Thompson" names Thompson), as a reader
//! would: "Reid's" and "the Reids" name Reid, a list ("the Union, Canada") names no one, and a
//! headline in title case names only those named elsewhere.

use super::Cluster;
use super::average::IndexMap;
use crate::lexicon::{MONTHS, WEEKDAYS, is_stop_word, is_title_word};
use crate::model::{Corpus, SentenceId, Span};
use crate::segment::{Segmented, TokenClass};
use rayon::prelude::*;

/// Lines of text at an article's start that make its lead (a headline and a first paragraph).
const LEAD_LINES: usize = 2;
/// Share of an event's members in leads for it to be a lead event.
const LEAD_SHARE: f32 = 1.0 / 3.0;
/// A person is central to an event when named in at least this share of its members…
const CENTRAL_SHARE: f32 = 0.5;
/// …and hardly named by another event when in less than this share of its members.
const RARE_SHARE: f32 = 0.2;
/// A member stays in a joined event when its words reach this cosine with the event's words.
const KEEP_COSINE: f32 = 0.2;

/// A weighted bag of words, sorted by word id.
type Bag = Vec<(u32, f32)>;

/// The event each member of a joined event came from, by sentence: a joined event is as sure
/// as the least sure of the events it joined (`describe::confirm_joined`).
pub type Parts = IndexMap<SentenceId, u32>;

/// Joins the lead events that report one piece of news (see the module notes); other events are
/// returned as they are, in their order, with the parts of each joined event.
pub fn join(
    corpus: &Corpus,
    segmented: &Segmented,
    clusters: Vec<Cluster>,
    min_cosine: f32,
) -> (Vec<Cluster>, Parts) {
    let in_lead = lead_sentences(corpus, segmented);
    let is_lead_event = |c: &Cluster| {
        let leads = c.sentences.iter().filter(|s| in_lead[s.index()]).count();
        !c.sentences.is_empty() && leads as f32 >= LEAD_SHARE * c.sentences.len() as f32
    };
    let leads: Vec<usize> = (0..clusters.len())
        .filter(|&i| is_lead_event(&clusters[i]))
        .collect();
    if leads.len() < 2 {
        return (clusters, Parts::default());
    }
    // Words and names are read from the lead events alone: the others take no part.
    let lead_members: Vec<SentenceId> = leads
        .iter()
        .flat_map(|&i| clusters[i].sentences.iter().copied())
        .collect();
    let words = Words::new(segmented, &lead_members);
    let names = Names::new(corpus, segmented, &lead_members);

    // The lead events as groups: members, the bag of their lead members' words, the persons
    // each member names.
    let mut groups: Vec<Group> = leads
        .iter()
        .map(|&i| {
            let members = clusters[i].sentences.clone();
            let bag = members
                .iter()
                .filter(|s| in_lead[s.index()])
                .fold(Bag::new(), |acc, s| add(&acc, &words.bag(s.index())));
            let named = members.iter().map(|s| names.of(s.index())).collect();
            let part = vec![i as u32; members.len()];
            Group {
                members,
                part,
                bag,
                named,
                joined: false,
                alive: true,
            }
        })
        .collect();

    let n = groups.len();
    let mut alike = vec![vec![f32::NEG_INFINITY; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            alike[i][j] = affinity(&groups[i], &groups[j], min_cosine);
        }
    }
    loop {
        let best = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .filter(|&(i, j)| groups[i].alive && groups[j].alive && alike[i][j] >= min_cosine)
            .max_by(|&(a, b), &(c, d)| alike[a][b].total_cmp(&alike[c][d]).then((d, c).cmp(&(b, a))));
        let Some((keep, gone)) = best else { break };
        let taken = std::mem::take(&mut groups[gone]);
        let g = &mut groups[keep];
        g.members.extend(taken.members);
        g.part.extend(taken.part);
        g.bag = add(&g.bag, &taken.bag);
        g.named.extend(taken.named);
        g.joined = true;
        for other in 0..n {
            if other != keep && groups[other].alive {
                let (a, b) = (keep.min(other), keep.max(other));
                alike[a][b] = affinity(&groups[a], &groups[b], min_cosine);
            }
        }
    }

    let article = |s: &SentenceId| segmented.sentences[s.index()].article;
    let spans_articles = |members: &[SentenceId]| {
        let first = members.first().map(article);
        members.iter().any(|s| Some(article(s)) != first)
    };
    // Each lead event's place in the list holds what became of it: nothing when it joined
    // another, the joined event, or itself again when most of its members left the joined one.
    let mut placed: IndexMap<usize, Vec<Cluster>> = IndexMap::default();
    let mut parts = Parts::default();
    for (g, &i) in groups.into_iter().zip(&leads) {
        if !g.alive {
            continue;
        }
        let mut members = g.members;
        if g.joined {
            let whole = members
                .iter()
                .fold(Bag::new(), |acc, s| add(&acc, &words.bag(s.index())));
            let fits: Vec<bool> = members
                .iter()
                .zip(&g.named)
                .map(|(s, named)| {
                    !names_a_stranger(named, &g.named) && cosine(&words.bag(s.index()), &whole) >= KEEP_COSINE
                })
                .collect();
            let apart = parts_apart(&g.part, &fits);
            for &p in &apart {
                placed
                    .entry(p as usize)
                    .or_default()
                    .push(clusters[p as usize].clone());
            }
            let kept: Vec<(SentenceId, u32)> = members
                .iter()
                .zip(&g.part)
                .zip(&fits)
                .filter(|&((_, p), &fit)| fit && !apart.contains(p))
                .map(|((&s, &p), _)| (s, p))
                .collect();
            members = kept.iter().map(|&(s, _)| s).collect();
            parts.extend(kept);
        }
        members.sort_unstable();
        members.dedup();
        if spans_articles(&members) {
            placed.entry(i).or_default().push(Cluster { sentences: members });
        }
    }
    let lead_set: std::collections::HashSet<usize> = leads.iter().copied().collect();
    let clusters = clusters
        .into_iter()
        .enumerate()
        .flat_map(|(i, c)| {
            if lead_set.contains(&i) {
                placed.remove(&i).unwrap_or_default()
            } else {
                vec![c]
            }
        })
        .collect();
    (clusters, parts)
}

/// The parts of a joined event (by the part of each member) most of whose members do not fit
/// it (`fits`), in order: each stays an event of its own, whole.
fn parts_apart(part: &[u32], fits: &[bool]) -> Vec<u32> {
    let mut fitting: std::collections::BTreeMap<u32, (usize, usize)> = Default::default();
    for (&p, &fit) in part.iter().zip(fits) {
        let (kept, all) = fitting.entry(p).or_default();
        *kept += usize::from(fit);
        *all += 1;
    }
    fitting
        .into_iter()
        .filter(|&(_, (kept, all))| kept * 2 < all)
        .map(|(p, _)| p)
        .collect()
}

/// A lead event while events join.
#[derive(Default)]
struct Group {
    members: Vec<SentenceId>,
    /// The event each member came from.
    part: Vec<u32>,
    bag: Bag,
    named: Vec<Vec<u32>>,
    joined: bool,
    alive: bool,
}

/// How alike two groups' lead words are, or minus infinity when they name different persons.
fn affinity(a: &Group, b: &Group, min_cosine: f32) -> f32 {
    let c = cosine(&a.bag, &b.bag);
    if c < min_cosine || names_apart(&a.named, &b.named) || names_apart(&b.named, &a.named) {
        f32::NEG_INFINITY
    } else {
        c
    }
}

/// Whether `a` names a person in most of its members whom `b` hardly names.
fn names_apart(a: &[Vec<u32>], b: &[Vec<u32>]) -> bool {
    let mut persons: Vec<u32> = a.iter().flatten().copied().collect();
    persons.sort_unstable();
    persons.dedup();
    persons
        .into_iter()
        .any(|p| share(a, p) >= CENTRAL_SHARE && share(b, p) < RARE_SHARE)
}

/// Whether a member of a joined event is about someone else: the event is about someone (most
/// of its members name one person), and the member names a person whom the event hardly names
/// and none of those most of its members name ("Billy King fired Jim O'Brien" in an event about
/// Maurice Cheeks's firing).
fn names_a_stranger(member: &[u32], group: &[Vec<u32>]) -> bool {
    let central = |p: &u32| share(group, *p) >= CENTRAL_SHARE;
    group.iter().flatten().any(central)
        && member.iter().any(|&p| share(group, p) < RARE_SHARE)
        && !member.iter().any(central)
}

/// The share of the members that name a person.
fn share(members: &[Vec<u32>], person: u32) -> f32 {
    members.iter().filter(|m| m.contains(&person)).count() as f32 / members.len().max(1) as f32
}

/// The sum of two bags.
fn add(a: &Bag, b: &Bag) -> Bag {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&(x, u)), Some(&(y, v))) if x == y => {
                out.push((x, u + v));
                i += 1;
                j += 1;
            }
            (Some(&(x, u)), Some(&(y, _))) if x < y => {
                out.push((x, u));
                i += 1;
            }
            (Some(&(x, u)), None) => {
                out.push((x, u));
                i += 1;
            }
            (_, Some(&(y, v))) => {
                out.push((y, v));
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// The cosine of two bags (0 when either is empty).
fn cosine(a: &Bag, b: &Bag) -> f32 {
    let norm = |x: &Bag| x.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    let d = norm(a) * norm(b);
    if d > 0.0 { dot / d } else { 0.0 }
}

/// Whether each sentence starts in its article's lead: before the end of the article's first
/// `LEAD_LINES` lines of text (blank lines and bare web addresses not counted).
fn lead_sentences(corpus: &Corpus, segmented: &Segmented) -> Vec<bool> {
    let lead_end: Vec<usize> = corpus
        .articles
        .iter()
        .map(|a| {
            let mut seen = 0;
            let mut offset = 0;
            for line in a.text.split_inclusive('\n') {
                offset += line.len();
                let t = line.trim();
                let address = t.starts_with("http") || t.starts_with("www.");
                if !t.is_empty() && !address {
                    seen += 1;
                    if seen == LEAD_LINES {
                        break;
                    }
                }
            }
            offset
        })
        .collect();
    segmented
        .sentences
        .iter()
        .map(|s| {
            lead_end
                .get(s.article.index())
                .is_some_and(|&end| s.span.start < end)
        })
        .collect()
}

/// The words of the events' members, each weighed by its rarity among the story's sentences.
struct Words {
    bags: IndexMap<usize, Bag>,
}

impl Words {
    fn new(segmented: &Segmented, sentences: &[SentenceId]) -> Words {
        let mut ids: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        let mut members: Vec<(usize, Vec<u32>)> = Vec::new();
        for s in sentences {
            let mut w: Vec<u32> = kept_keys(segmented, s.index())
                .map(|k| {
                    let next = ids.len() as u32;
                    *ids.entry(k).or_insert(next)
                })
                .collect();
            w.sort_unstable();
            w.dedup();
            members.push((s.index(), w));
        }
        // How many of the story's sentences hold each word the members use.
        let df = (0..segmented.sentences.len())
            .into_par_iter()
            .fold(
                || vec![0u32; ids.len()],
                |mut df, s| {
                    let mut seen: Vec<u32> = kept_keys(segmented, s)
                        .filter_map(|k| ids.get(k).copied())
                        .collect();
                    seen.sort_unstable();
                    seen.dedup();
                    for w in seen {
                        df[w as usize] += 1;
                    }
                    df
                },
            )
            .reduce(
                || vec![0u32; ids.len()],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let n = segmented.sentences.len() as f32;
        let bags = members
            .into_iter()
            .map(|(s, w)| {
                let bag = w
                    .into_iter()
                    .map(|w| (w, (n / (1.0 + df[w as usize] as f32)).ln().max(0.0)))
                    .collect();
                (s, bag)
            })
            .collect();
        Words { bags }
    }

    fn bag(&self, sentence: usize) -> Bag {
        self.bags.get(&sentence).cloned().unwrap_or_default()
    }
}

/// A sentence's words that carry meaning: not stop words, longer than two letters.
fn kept_keys(segmented: &Segmented, s: usize) -> impl Iterator<Item = &str> {
    segmented.sentences[s]
        .tokens
        .iter()
        .filter(|t| t.class != TokenClass::Stop && t.key.chars().count() > 2)
        .map(|t| t.key.as_str())
}

/// The persons each member names, by surname: the second of two capitalised words ("Tony
/// Thompson"), or a capitalised word that is such a surname elsewhere in the lead events.
struct Names {
    named: IndexMap<usize, Vec<u32>>,
}

impl Names {
    fn new(corpus: &Corpus, segmented: &Segmented, members: &[SentenceId]) -> Names {
        let word = |s: usize, t: usize| -> Option<String> {
            let sentence = &segmented.sentences[s];
            let tok = &sentence.tokens[t];
            let text = corpus.articles[sentence.article.index()].slice(tok.span);
            let lower = text.to_lowercase();
            // "Reid's" names Reid.
            let lower = match lower.strip_suffix("'s").or_else(|| lower.strip_suffix("’s")) {
                Some(stem) => stem.to_string(),
                None => lower,
            };
            let first = text.chars().next()?;
            let name_like = tok.capitalised
                && first.is_uppercase()
                && text.chars().skip(1).any(|c| c.is_lowercase())
                && tok.class == TokenClass::Content
                && !is_stop_word(&lower)
                && !is_title_word(&lower)
                && !MONTHS.contains(&lower.as_str())
                && !WEEKDAYS.contains(&lower.as_str());
            name_like.then_some(lower)
        };
        let sentences: Vec<usize> = members.iter().map(|s| s.index()).collect();
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut full: Vec<(usize, Vec<u32>)> = Vec::new();
        for &s in &sentences {
            let n = segmented.sentences[s].tokens.len();
            let mut found = Vec::new();
            if title_cased(segmented, s) {
                full.push((s, found));
                continue;
            }
            let sentence = &segmented.sentences[s];
            let text = &corpus.articles[sentence.article.index()];
            // "Union, Canada" is a list, not a name.
            let adjacent = |t: usize| {
                let gap = Span::new(sentence.tokens[t - 1].span.end, sentence.tokens[t].span.start);
                text.slice(gap).chars().all(char::is_whitespace)
            };
            for t in 1..n {
                if !adjacent(t) {
                    continue;
                }
                if let (Some(_), Some(surname)) = (word(s, t - 1), word(s, t)) {
                    let next = ids.len() as u32;
                    found.push(*ids.entry(surname).or_insert(next));
                }
            }
            full.push((s, found));
        }
        let named = full
            .into_iter()
            .map(|(s, mut found)| {
                let n = segmented.sentences[s].tokens.len();
                found.extend((0..n).filter_map(|t| {
                    word(s, t).and_then(|w| {
                        ids.get(&w).copied().or_else(|| {
                            // "the Hunters" names the Hunters.
                            ids.get(w.strip_suffix('s')?).copied()
                        })
                    })
                }));
                found.sort_unstable();
                found.dedup();
                (s, found)
            })
            .collect();
        Names { named }
    }

    fn of(&self, sentence: usize) -> Vec<u32> {
        self.named.get(&sentence).cloned().unwrap_or_default()
    }
}

/// Whether a sentence is written in title case, as headlines often are: four in five of its
/// content words capitalised, so that capitalised pairs say nothing about names.
fn title_cased(segmented: &Segmented, s: usize) -> bool {
    let content = segmented.sentences[s]
        .tokens
        .iter()
        .filter(|t| t.class == TokenClass::Content);
    let (words, capitals) = content.fold((0, 0), |(w, c), t| (w + 1, c + usize::from(t.capitalised)));
    words >= 3 && capitals * 5 >= words * 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_texts;
    use crate::model::ArticleId;
    use crate::segment;

    fn sentence(seg: &Segmented, article: usize, k: usize) -> SentenceId {
        seg.of_article(ArticleId::from_index(article))[k].id
    }

    fn event(seg: &Segmented, members: &[(usize, usize)]) -> Cluster {
        let mut sentences: Vec<SentenceId> = members.iter().map(|&(a, k)| sentence(seg, a, k)).collect();
        sentences.sort_unstable();
        Cluster { sentences }
    }

    fn texts(cl: &[Cluster], corpus: &Corpus, seg: &Segmented) -> Vec<Vec<String>> {
        cl.iter()
            .map(|c| {
                c.sentences
                    .iter()
                    .map(|s| {
                        let s = &seg.sentences[s.index()];
                        corpus.articles[s.article.index()].slice(s.span).to_string()
                    })
                    .collect()
            })
            .collect()
    }

    const BACKGROUND: &str = "Weather in the valley stayed mild all week.\n\nLocal schools opened late on Monday.\n\nThe market sold apples, pears and plums.\n\nA bridge on the river road closed for repairs.\n\nVolunteers planted trees along the park.";

    /// Articles of a headline and a lead each, then the same background.
    fn story(leads: &[(&str, &str)]) -> (Corpus, Segmented) {
        let texts: Vec<String> = leads
            .iter()
            .map(|(headline, lead)| format!("{headline}\n\n{lead}\n\n{BACKGROUND}"))
            .collect();
        let corpus = from_texts(&texts);
        let seg = segment::segment(&corpus);
        (corpus, seg)
    }

    /// Three outlets open with the same news in their own words; two events hold it.
    fn three_leads() -> (Corpus, Segmented) {
        story(&[
            (
                "Ann Lacey checks into Promises rehab clinic",
                "Actress Ann Lacey entered the Promises clinic in Malibu on Tuesday.",
            ),
            (
                "Ann Lacey enters Promises rehab",
                "Ann Lacey has checked into the Promises rehab clinic, her agent said.",
            ),
            (
                "Actress Ann Lacey in rehab at Promises",
                "Ann Lacey checked herself into Promises, a clinic in Malibu.",
            ),
        ])
    }

    #[test]
    fn lead_events_that_word_the_news_apart_join() {
        let (corpus, seg) = three_leads();
        let first = event(&seg, &[(0, 0), (1, 0), (2, 0)]);
        let second = event(&seg, &[(0, 1), (1, 1), (2, 1)]);
        let other = event(&seg, &[(0, 3), (1, 3)]);
        let (joined, parts) = join(&corpus, &seg, vec![first, second, other], 0.15);
        let t = texts(&joined, &corpus, &seg);
        assert_eq!(joined.len(), 2, "{t:?}");
        assert_eq!(joined[0].sentences.len(), 6, "{t:?}");
        assert!(t[0].iter().any(|s| s.starts_with("Actress Ann Lacey entered")));
        assert_eq!(t[1], vec!["Local schools opened late on Monday.".to_string(); 2]);
        // Each member of the joined event remembers the event it came from.
        assert_eq!(parts.len(), 6);
        assert_eq!(parts.get(&sentence(&seg, 2, 1)), parts.get(&sentence(&seg, 0, 1)));
        assert_ne!(parts.get(&sentence(&seg, 2, 1)), parts.get(&sentence(&seg, 2, 0)));
    }

    #[test]
    fn events_off_the_leads_or_below_the_cosine_stay_apart() {
        let (corpus, seg) = three_leads();
        let first = event(&seg, &[(0, 0), (1, 0), (2, 0)]);
        let second = event(&seg, &[(0, 1), (1, 1), (2, 1)]);
        let (kept, parts) = join(&corpus, &seg, vec![first.clone(), second.clone()], 0.99);
        assert_eq!(kept.len(), 2);
        assert!(parts.is_empty());
        // Background events are not leads: they never join, however alike.
        let x = event(&seg, &[(0, 3), (1, 3)]);
        let y = event(&seg, &[(1, 4), (2, 4)]);
        let (kept, _) = join(&corpus, &seg, vec![x, y], 0.01);
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn look_alike_news_about_two_people_stays_apart() {
        let (corpus, seg) = story(&[
            (
                "Tom Varga stops Max Hollis in sixth round to keep title",
                "Tom Varga stopped Max Hollis in the sixth round to keep his heavyweight title.",
            ),
            (
                "Tom Varga keeps title, stops Max Hollis",
                "Tom Varga kept his heavyweight title by stopping Max Hollis in six rounds.",
            ),
            (
                "Tom Varga stops Leo Brandt in seventh round to keep title",
                "Tom Varga stopped Leo Brandt in the seventh round to keep his heavyweight title.",
            ),
            (
                "Tom Varga keeps title, stops Leo Brandt",
                "Tom Varga kept his heavyweight title by stopping Leo Brandt in seven rounds.",
            ),
        ]);
        let hollis = event(&seg, &[(0, 0), (0, 1), (1, 0), (1, 1)]);
        let brandt = event(&seg, &[(2, 0), (2, 1), (3, 0), (3, 1)]);
        let (kept, parts) = join(&corpus, &seg, vec![hollis, brandt.clone()], 0.05);
        assert_eq!(kept.len(), 2, "{:?}", texts(&kept, &corpus, &seg));
        assert!(parts.is_empty());
        // Two events of one fight, its headlines and its leads, do join.
        let headlines = event(&seg, &[(0, 0), (1, 0)]);
        let leads = event(&seg, &[(0, 1), (1, 1)]);
        let (one, _) = join(&corpus, &seg, vec![headlines, leads, brandt], 0.05);
        assert_eq!(one.len(), 2, "{:?}", texts(&one, &corpus, &seg));
        assert_eq!(one[0].sentences.len(), 4);
    }

    #[test]
    fn a_member_about_someone_else_leaves_the_joined_event() {
        let (corpus, seg) = story(&[
            (
                "Dan Reese fired as Hawks coach",
                "The Hawks fired coach Dan Reese on Saturday after a poor start.",
            ),
            (
                "Hawks fire coach Dan Reese",
                "Dan Reese was fired on Saturday as coach of the Hawks.",
            ),
            (
                "Dan Reese out as Hawks coach",
                "The Hawks fired Dan Reese as their coach on Saturday.",
            ),
            (
                "Hawks coach news",
                "The Hawks fired coach Jim Bolt on Saturday after one season.",
            ),
        ]);
        let headlines = event(&seg, &[(0, 0), (1, 0), (2, 0)]);
        let leads = event(&seg, &[(0, 1), (1, 1), (2, 1), (3, 1)]);
        let (joined, parts) = join(&corpus, &seg, vec![headlines, leads], 0.05);
        let t = texts(&joined, &corpus, &seg);
        assert_eq!(joined.len(), 1, "{t:?}");
        // Six members name Dan Reese; the one that names Jim Bolt alone is about someone else.
        assert_eq!(t[0].len(), 6, "{t:?}");
        assert!(!t[0].iter().any(|s| s.contains("Bolt")), "{t:?}");
        assert!(!parts.contains_key(&sentence(&seg, 3, 1)));
        // In an event that names no one in most of its members, naming someone is no reason
        // to leave.
        let named: Vec<Vec<u32>> = vec![vec![], vec![], vec![4], vec![]];
        assert!(!names_a_stranger(&named[2], &named));
        let about_one: Vec<Vec<u32>> = vec![vec![1], vec![1], vec![1, 4], vec![4]];
        assert!(names_a_stranger(
            &[4],
            &[vec![1], vec![1], vec![1], vec![1], vec![1], vec![4]]
        ));
        assert!(!names_a_stranger(&about_one[2], &about_one));
    }

    #[test]
    fn a_part_that_mostly_does_not_fit_stays_an_event_of_its_own() {
        // Part 3 keeps two of its three members, part 5 one of three, part 8 one of two.
        let part = [3, 3, 3, 5, 5, 5, 8, 8];
        let fits = [true, true, false, true, false, false, true, false];
        assert_eq!(parts_apart(&part, &fits), vec![5]);
        assert!(parts_apart(&part, &[true; 8]).is_empty());
        assert_eq!(parts_apart(&part, &[false; 8]), vec![3, 5, 8]);
    }

    #[test]
    fn names_read_possessives_plurals_and_lists_as_a_reader_does() {
        let text = "On Tuesday Tara Reid entered rehab.\n\nReid's agent spoke to reporters.\n\nThe Reids declined to comment.\n\nFans came from the Union, Canada and Mexico.\n\nTara Reid Checks Into Promises Rehab Clinic";
        let corpus = from_texts(&[text, text]);
        let seg = segment::segment(&corpus);
        let all = event(&seg, &[(0, 0), (0, 1), (0, 2), (0, 3), (0, 4)]);
        let names = Names::new(&corpus, &seg, &all.sentences);
        let of = |k: usize| names.of(sentence(&seg, 0, k).index());
        let reid = of(0);
        assert_eq!(reid.len(), 1);
        assert_eq!(of(1), reid, "a possessive names the person");
        assert_eq!(of(2), reid, "a family named in the plural");
        assert!(of(3).is_empty(), "a list of places is no name: {:?}", of(3));
        // A title-cased headline makes no name of its capitalised pairs, only of those known.
        assert_eq!(of(4), reid);
    }

    #[test]
    fn bags_add_and_compare_by_word() {
        let a: Bag = vec![(1, 1.0), (3, 2.0)];
        let b: Bag = vec![(2, 1.0), (3, 1.0)];
        assert_eq!(add(&a, &b), vec![(1, 1.0), (2, 1.0), (3, 3.0)]);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&a, &vec![(7, 1.0)]), 0.0);
        assert_eq!(cosine(&a, &Bag::new()), 0.0);
    }
}
