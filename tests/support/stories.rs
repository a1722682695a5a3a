//! Hand-built stories shared by several test files (included with `#[path]`).

#![allow(dead_code)]

use parallax::ingest::{RawArticle, build};
use parallax::model::Corpus;

/// Three reports of one meeting: its length differs ("more than seven-hour", "nearly eight
/// hours", "seven-hour"), the troop figure agrees, and the third alone mentions the drills.
pub const MEETING: [&str; 3] = [
    "Envoys from the United States and Russia met in Geneva on Monday to discuss the military \
     build-up near Ukraine.\n\nThe more than seven-hour meeting between Deputy Secretary of State \
     Wendy Sherman and Deputy Foreign Minister Sergey Ryabkov ended without a breakthrough.\n\n\
     “We will not allow anyone to slam closed NATO’s open door policy,” Sherman said.\n",
    "The meeting between Wendy Sherman and Sergei Ryabkov lasted nearly eight hours and ended \
     without a breakthrough.\n\nSherman told reporters: “We will not allow anyone to slam closed \
     NATO’s open door policy.”\n\nRussia has moved about 100,000 troops to the border, officials said.\n",
    "Ryabkov and Sherman ended their seven-hour meeting in Geneva without a breakthrough.\n\n\
     Some 100,000 Russian troops are massed near the border with Ukraine.\n\n\
     More than 1,200 servicemen took part in drills in Crimea, the ministry said.\n",
];

/// The meeting story as a corpus, without a title.
pub fn meeting_corpus() -> Corpus {
    build(
        None,
        MEETING
            .iter()
            .map(|t| RawArticle {
                text: (*t).into(),
                ..RawArticle::default()
            })
            .collect(),
    )
}
