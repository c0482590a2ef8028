//! A deterministic generator of synthetic English news articles, for benchmarks and
//! load tests. Shared by `benches/scan.rs` and the `gen_corpus` example.
//!
//! Every article is a pure function of `(seed, index)`: a larger corpus starts with
//! the articles of a smaller one, and the same seed always gives the same bytes, on
//! every platform (the PRNG and all choices are written here; no `rand`).
//!
//! The articles are written to look like wire copy: paragraphs separated by blank
//! lines; quotations in several styles (curly and straight marks, "X said", "said X",
//! "according to X", partial quotes, short scare quotes, nested single quotes, a
//! quotation continued across paragraphs); curly apostrophes, hyphens and dashes; a
//! sprinkling of loaded words whose rate depends on the outlet; now and then a
//! "READ MORE:" promo line. All names, places and sentences are invented here.

// The bench and the example each use a different part of this module.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;

/// SplitMix64: tiny, fast, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True `percent` times in 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// One generated article, in framescope's JSON Lines input format.
#[derive(Debug, Clone, Serialize)]
pub struct GeneratedArticle {
    pub id: String,
    pub outlet: String,
    pub title: String,
    pub date: String,
    pub url: String,
    pub event: String,
    pub text: String,
}

struct Outlet {
    name: &'static str,
    domain: &'static str,
    /// Typesets curly quotes and apostrophes (else straight ones).
    curly: bool,
    /// Percent chance that a slot with a loaded alternative takes it.
    loaded: usize,
    /// How the outlet refers to itself in "X told the Y".
    short: &'static str,
}

const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "The Daily Meridian",
        domain: "dailymeridian.example",
        curly: true,
        loaded: 10,
        short: "the Meridian",
    },
    Outlet {
        name: "Northgate Courier",
        domain: "northgatecourier.example",
        curly: false,
        loaded: 28,
        short: "the Courier",
    },
    Outlet {
        name: "Harbourline News",
        domain: "harbourline.example",
        curly: true,
        loaded: 5,
        short: "Harbourline",
    },
    Outlet {
        name: "The Citizen Ledger",
        domain: "citizenledger.example",
        curly: true,
        loaded: 38,
        short: "the Ledger",
    },
    Outlet {
        name: "Wire East",
        domain: "wireeast.example",
        curly: false,
        loaded: 8,
        short: "Wire East",
    },
    Outlet {
        name: "Frontier Standard",
        domain: "frontierstandard.example",
        curly: true,
        loaded: 20,
        short: "the Standard",
    },
    Outlet {
        name: "Open Square",
        domain: "opensquare.example",
        curly: false,
        loaded: 32,
        short: "Open Square",
    },
    Outlet {
        name: "The Evening Beacon",
        domain: "eveningbeacon.example",
        curly: true,
        loaded: 15,
        short: "the Beacon",
    },
];

struct Event {
    slug: &'static str,
    year: u32,
    month: u32,
    place: &'static str,
    place2: &'static str,
    country: &'static str,
    adj: &'static str,
    capital: &'static str,
    leader: &'static str,
    group: &'static str,
    org: &'static str,
    auth: &'static str,
    topic: &'static str,
    issue: &'static str,
    action: &'static str,
    demand: &'static str,
}

const EVENTS: &[Event] = &[
    Event {
        slug: "kellan-dock-strike",
        year: 2024,
        month: 3,
        place: "Port Kellan",
        place2: "Dunmore",
        country: "Arvenia",
        adj: "Arvenian",
        capital: "Tessaly",
        leader: "Halvard Steyn",
        group: "dock workers",
        org: "the Kellan Dockworkers’ Union",
        auth: "the port authority",
        topic: "the strike",
        issue: "pay and night shifts",
        action: "walked off the job",
        demand: "the night-shift cuts are reversed",
    },
    Event {
        slug: "brask-border-crossing",
        year: 2023,
        month: 9,
        place: "the Brask crossing",
        place2: "Lower Veld",
        country: "Oskovia",
        adj: "Oskovian",
        capital: "Mirograd",
        leader: "Teodor Vasko",
        group: "asylum seekers",
        org: "the Open Roads refugee network",
        auth: "the border police",
        topic: "the closure of the crossing",
        issue: "the new asylum rules",
        action: "were turned back at the fence",
        demand: "the crossing is reopened",
    },
    Event {
        slug: "calder-election-dispute",
        year: 2024,
        month: 6,
        place: "Calder Province",
        place2: "Ostby",
        country: "Velmora",
        adj: "Velmoran",
        capital: "Caravel",
        leader: "Ines Marrow",
        group: "opposition supporters",
        org: "the Civic Alliance",
        auth: "the electoral commission",
        topic: "the disputed count",
        issue: "irregularities in the vote count",
        action: "gathered outside the count centre",
        demand: "every ballot is counted again",
    },
    Event {
        slug: "sorrel-valley-incursion",
        year: 2023,
        month: 11,
        place: "the Sorrel Valley",
        place2: "Kestrel Ridge",
        country: "Drunovia",
        adj: "Drunovian",
        capital: "Halm",
        leader: "Piotr Alder",
        group: "border villagers",
        org: "the Valley Defence Committee",
        auth: "the defence ministry",
        topic: "the incursion",
        issue: "the troop build-up along the ridge",
        action: "fled their homes overnight",
        demand: "the troops are withdrawn",
    },
    Event {
        slug: "amber-square-protests",
        year: 2024,
        month: 1,
        place: "Amber Square",
        place2: "the old town",
        country: "Letharia",
        adj: "Letharian",
        capital: "Novagrad",
        leader: "Marek Duval",
        group: "student protesters",
        org: "the Student Assembly",
        auth: "the interior ministry",
        topic: "the protests",
        issue: "the new assembly law",
        action: "marched on the parliament building",
        demand: "the assembly law is withdrawn",
    },
    Event {
        slug: "tarn-river-floods",
        year: 2023,
        month: 7,
        place: "the Tarn valley",
        place2: "Millbrook",
        country: "Arvenia",
        adj: "Arvenian",
        capital: "Tessaly",
        leader: "Halvard Steyn",
        group: "flood victims",
        org: "the Tarn Residents’ Association",
        auth: "the emergency agency",
        topic: "the flood response",
        issue: "delays in relief payments",
        action: "spent a third night in shelters",
        demand: "relief payments are made this week",
    },
    Event {
        slug: "greyfield-corruption-trial",
        year: 2024,
        month: 2,
        place: "Greyfield",
        place2: "the capital",
        country: "Velmora",
        adj: "Velmoran",
        capital: "Caravel",
        leader: "Ines Marrow",
        group: "former officials",
        org: "the Transparency Forum",
        auth: "the public prosecutor",
        topic: "the trial",
        issue: "missing infrastructure funds",
        action: "appeared in court",
        demand: "the full audit is published",
    },
    Event {
        slug: "ostmark-energy-prices",
        year: 2023,
        month: 10,
        place: "Ostmark",
        place2: "the northern provinces",
        country: "Oskovia",
        adj: "Oskovian",
        capital: "Mirograd",
        leader: "Teodor Vasko",
        group: "households",
        org: "the Consumers’ Federation",
        auth: "the energy regulator",
        topic: "the price rise",
        issue: "a 40 per cent increase in heating bills",
        action: "received their new bills",
        demand: "the price cap is restored",
    },
    Event {
        slug: "linden-hospital-closures",
        year: 2024,
        month: 5,
        place: "Linden",
        place2: "Harrowgate",
        country: "Letharia",
        adj: "Letharian",
        capital: "Novagrad",
        leader: "Marek Duval",
        group: "nurses and patients",
        org: "the Linden Health Coalition",
        auth: "the health ministry",
        topic: "the closures",
        issue: "the plan to shut three district hospitals",
        action: "formed a human chain around the hospital",
        demand: "the closure plan is shelved",
    },
    Event {
        slug: "meret-ceasefire-talks",
        year: 2023,
        month: 12,
        place: "Meret",
        place2: "the eastern front",
        country: "Drunovia",
        adj: "Drunovian",
        capital: "Halm",
        leader: "Piotr Alder",
        group: "negotiators",
        org: "the Meret Contact Group",
        auth: "the foreign ministry",
        topic: "the ceasefire talks",
        issue: "prisoner exchanges and a buffer zone",
        action: "left the talks without a deal",
        demand: "the shelling stops",
    },
    Event {
        slug: "quarry-spill-holt",
        year: 2024,
        month: 8,
        place: "Holt Quarry",
        place2: "the Sable river",
        country: "Velmora",
        adj: "Velmoran",
        capital: "Caravel",
        leader: "Ines Marrow",
        group: "farmers downstream",
        org: "Clean Sable",
        auth: "the environment agency",
        topic: "the spill",
        issue: "contaminated irrigation water",
        action: "found dead fish along the banks",
        demand: "the quarry is closed pending inquiry",
    },
    Event {
        slug: "varn-university-sit-in",
        year: 2024,
        month: 4,
        place: "Varn University",
        place2: "the campus",
        country: "Oskovia",
        adj: "Oskovian",
        capital: "Mirograd",
        leader: "Teodor Vasko",
        group: "students",
        org: "the Varn Students’ Union",
        auth: "the university administration",
        topic: "the sit-in",
        issue: "the tripling of tuition fees",
        action: "occupied the main library",
        demand: "the fee rise is frozen",
    },
];

const FIRST_F: &[&str] = &[
    "Maria", "Elena", "Sofia", "Anna", "Grace", "Leila", "Zoë", "Hannah", "Irene", "Nadia",
    "Clara", "Marta", "Aïsha", "Rosa", "Petra", "Julia", "Amara", "Helen", "Vera", "Nina",
];
const FIRST_M: &[&str] = &[
    "David", "Tomas", "José", "Karim", "Daniel", "Pavel", "Oliver", "Samuel", "Viktor", "Luca",
    "Anton", "Femi", "Rafael", "Jonas", "Hugo", "Milan", "Omar", "Peter", "Søren", "Ibrahim",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Kovač",
    "Hartley",
    "Brennan",
    "Nakamura",
    "Ferreira",
    "Adeyemi",
    "Novak",
    "Castell",
    "Whitlock",
    "Haddad",
    "Rasmussen",
    "O’Neill",
    "Petrov",
    "Delacroix",
    "Mensah",
    "Albrecht",
    "Varga",
    "Sørensen",
    "Quinn",
    "Dimitrov",
    "Achebe",
    "Holloway",
    "Marsh",
    "Ilić",
    "Fontaine",
    "Grünewald",
    "Tanaka",
    "Mbeki",
    "Roussel",
];
const ROLES: &[&str] = &[
    "a spokeswoman for {auth}",
    "a spokesman for {auth}",
    "the head of {org}",
    "a lawyer representing the {group}",
    "an analyst at the Institute for Regional Studies",
    "a senior official in {capital}",
    "a local councillor",
    "a member of {org}",
    "the deputy interior minister",
    "an opposition lawmaker",
    "a resident of {place2}",
    "a professor of political science at {capital} University",
    "the mayor of {place2}",
    "a retired judge",
];
const GROUP_SPEAKERS: &[&str] = &[
    "officials",
    "a ministry spokesman",
    "the ministry",
    "police",
    "one protester",
    "the government’s spokesman",
    "a senior diplomat",
    "local officials",
    "the union’s leader",
    "witnesses",
    "a regional governor",
    "the prime minister’s office",
    "an aid worker",
    "a western diplomat",
];

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const TIMES: &[&str] = &[
    "on {day}",
    "late on {day}",
    "early on {day}",
    "on {day} morning",
    "on {day} evening",
    "overnight",
    "this week",
    "last week",
    "in recent days",
    "on {day} afternoon",
];

// Slot values with a neutral and a loaded side; the outlet's `loaded` percent decides.
const GOV_NEUTRAL: &[&str] = &[
    "the government",
    "the {adj} government",
    "authorities",
    "officials in {capital}",
    "the {adj} authorities",
    "the administration",
];
const GOV_LOADED: &[&str] = &[
    "the regime",
    "the {leader_last} regime",
    "the {adj} regime",
    "the embattled government",
];
const GROUP_NEUTRAL: &[&str] = &[
    "the {group}",
    "demonstrators",
    "protesters",
    "the {group}",
    "hundreds of {group}",
];
const GROUP_LOADED: &[&str] = &[
    "militants",
    "agitators",
    "rioters",
    "angry mobs",
    "hardline activists",
];
const BIG_NEUTRAL: &[&str] = &[
    "large",
    "significant",
    "sizeable",
    "considerable",
    "substantial",
];
const BIG_LOADED: &[&str] = &["massive", "huge", "unprecedented", "staggering", "colossal"];
const MOVE_NEUTRAL: &[&str] = &[
    "measures",
    "operation",
    "response",
    "decision",
    "policy",
    "plan",
];
const MOVE_LOADED: &[&str] = &[
    "crackdown",
    "draconian measures",
    "heavy-handed response",
    "power grab",
    "controversial plan",
];
const CRITIC_NEUTRAL: &[&str] = &[
    "criticised",
    "questioned",
    "objected to",
    "disputed",
    "rejected",
];
const CRITIC_LOADED: &[&str] = &[
    "slammed",
    "blasted",
    "lashed out at",
    "hit out at",
    "savaged",
];
const SAID_NEUTRAL: &[&str] = &[
    "said",
    "said",
    "said",
    "told reporters",
    "added",
    "said in a statement",
];
const SAID_LOADED: &[&str] = &["claimed", "insisted", "admitted", "conceded", "maintained"];
const HEDGE: &[&str] = &[
    "reportedly",
    "allegedly",
    "apparently",
    "it is understood,",
    "according to local media,",
    "it seems,",
];
const VAGUE: &[&str] = &[
    "Critics say",
    "Some observers say",
    "Sources said",
    "Experts believe",
    "Many residents believe",
    "It is widely believed",
    "Analysts warn",
    "Observers note",
];

const BIG_NUM: &[&str] = &[
    "1,200",
    "3,400",
    "more than 500",
    "nearly 2,000",
    "about 800",
    "at least 150",
    "some 12,000",
    "tens of thousands of",
    "several hundred",
    "dozens of",
];
const SMALL_NUM: &[&str] = &[
    "two", "three", "four", "five", "six", "ten", "12", "15", "20", "30",
];
const PCT: &[&str] = &[
    "12 per cent",
    "40%",
    "a third",
    "nearly half",
    "3.5 per cent",
    "two-thirds",
    "18%",
    "a quarter",
];

const SCARE: &[&str] = &[
    "security measures",
    "temporary",
    "moderate",
    "voluntary departures",
    "special operation",
    "reform",
    "restructuring",
    "peacekeepers",
    "free and fair",
    "necessary force",
    "outside agitators",
    "pause",
    "stability",
    "dialogue",
    "routine inspection",
    "misunderstanding",
    "liberation",
    "orderly return",
    "efficiency savings",
    "isolated incidents",
    "consultation",
    "clean-up",
];
const PARTIAL: &[&str] = &[
    "a matter of national security",
    "entirely within the law",
    "a clear act of provocation",
    "deeply regrettable",
    "the worst in a generation",
    "fallen short",
    "out of all proportion",
    "a line in the sand",
    "a betrayal of working families",
    "unavoidable",
    "fully transparent",
    "a calculated insult",
    "an unacceptable risk",
    "the only responsible course",
    "nothing short of a disaster",
    "politically motivated",
];

const SPEECH: &[&str] = &[
    "We are not going anywhere until {demand}",
    "This is a dark day for {place}",
    "Nobody in {place2} wants to see this happen again",
    "{Auth} has had every opportunity to act and has chosen not to",
    "We have been clear from the start: {issue} must be dealt with",
    "I have lived here for {small} years and I have never seen anything like this",
    "Our priority is the safety of everyone in {place}",
    "There is no evidence that the {group} were armed",
    "It’s a difficult situation and we don’t yet know how it will end",
    "They told us it was temporary. That was {small} months ago",
    "We won’t accept a deal that leaves our families worse off",
    "The law is the law, and it applies to everyone",
    "People are frightened, and they’re right to be",
    "We’ve asked for a meeting {small} times and we’ve heard nothing back",
    "This was a proportionate response to a serious threat",
    "I can’t tell you how many nights we’ve spent waiting",
    "There will be a full and independent investigation",
    "What happened in {place} is not who we are",
    "The figures speak for themselves",
    "Nobody from {capital} has come to see what’s happening here",
    "We are open to talks, but not under these conditions",
    "It is too early to say who was responsible",
    "My children ask me every day when we’re going home",
    "The {adj} people deserve better than this",
    "Let me be clear: we will not be intimidated",
    "The decision was taken after careful consideration of all the options",
];
const QUESTION: &[&str] = &[
    "How long are we supposed to wait",
    "Who is going to pay for this",
    "Where were they when we needed them",
    "Is this what they call progress",
    "Why should we believe them now",
];

const NARRATIVE: &[&str] = &[
    "{Gov} {time} announced {move_n} aimed at ending {topic}, which has entered its {ordinal} week.",
    "The {group} {action} {time}, in what local reporters described as the {big} show of discontent in {place} in years.",
    "{Bignum} people have been affected so far, according to figures released by {auth}.",
    "Police said {small} people had been detained and that {small} officers were treated for minor injuries.",
    "The dispute centres on {issue}, which {org} says will hit the poorest hardest.",
    "{Gov} has {hedge} drawn up contingency plans in case {topic} spreads to {place2}.",
    "In {place2}, shops stayed shut and public transport ran a reduced service.",
    "The {move} was approved by parliament in a late-night vote, with {small} members abstaining.",
    "{Vague} the {move} will do little to address {issue}.",
    "Footage shared on social media {hedge} showed {group_l} clashing with police near {place}.",
    "The {alleged} attack on a police post in {place2} could not be independently verified.",
    "Talks between {org} and {auth} broke down on {day} after less than an hour.",
    "The {adj} economy has struggled since {year}, with inflation running at {pct} last year.",
    "A report published in {month} found that {pct} of households in {place} were behind on their bills.",
    "{Org} has called for an independent inquiry into the events of {day}.",
    "{Gov} {critic} the {org}’s demands as unrealistic and said the country could not afford them.",
    "Opposition parties {critic} the {move}, calling for {leader} to appear before parliament.",
    "The so-called {scare_bare} plan has been in place since {month}.",
    "By nightfall, the streets around {place} were largely quiet — though a {big} police presence remained.",
    "The {group} say they have been ignored for years; {gov} says it has offered talks {small} times.",
    "Hundreds of people gathered outside the town hall in {place2} to show their support for the {group}.",
    "It was the {ordinal} such incident this year, according to a tally kept by {org}.",
    "Neither side has published the full text of the proposal, which runs to {small} pages.",
    "The European observer mission said it was following developments closely.",
    "{Leader} is due to travel to {place} on {day} for the first time since {topic} began.",
    "Prices for basic goods have risen by {pct} since the start of the year, official data show.",
    "Local hospitals said they had treated {small} people, mostly for the effects of tear gas.",
    "{Auth} denied that it had ordered the use of force, and said an internal review was under way.",
    "Supporters of the {move} argue that it is long overdue; opponents call it a {big} mistake.",
    "Schools in {place2} will remain closed until at least {day}, the regional council said.",
    "{Group_l} {hedge} blocked the main road into {place} with burning tyres.",
    "A {big} crowd — many carrying hand-painted banners — filled {place} by mid-afternoon.",
    "Human rights groups have documented at least {small} cases of arbitrary detention since {month}.",
    "The long-term impact of {topic} on the region’s economy remains unclear.",
    "{Gov} has repeatedly rejected claims that {topic} was politically motivated.",
    "The {alleged} mistreatment of detainees is the subject of a separate complaint to the ombudsman.",
    "Earlier this year, a similar dispute in {place2} ended with a partial agreement after {small} weeks.",
    "The ministry’s own figures, published last {month}, show a {pct} fall in inspections since {year}.",
    "Officials {hedge} considered declaring a state of emergency but decided against it.",
    "A cross-party committee will review the {move} in the autumn.",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ORDINAL: &[&str] = &["second", "third", "fourth", "fifth", "sixth"];

const HEADLINES: &[&str] = &[
    "{Group} {action_h} as {topic} deepens in {place}",
    "{Place}: {Big} turnout as {group} press demands",
    "{Gov} defends {move} amid anger in {place}",
    "Talks stall over {issue}",
    "What we know about {topic} in {place}",
    "{Org} rejects offer as {topic} enters {ordinal} week",
    "Pressure mounts on {leader} over {topic}",
    "Inside {place}: {Small} days of {topic}",
];

const PROMO: &[&str] = &[
    "READ MORE: How {topic} unfolded, hour by hour",
    "READ MORE: {Leader} under pressure as allies waver",
    "Read more: The {adj} economy in five charts",
    "READ MORE: Who are the {group}?",
];

/// Context of one article while its text is written.
struct Ctx<'a> {
    rng: Rng,
    event: &'a Event,
    outlet: &'a Outlet,
}

impl Ctx<'_> {
    fn loaded(&mut self, neutral: &[&'static str], loaded: &[&'static str]) -> &'static str {
        if self.rng.chance(self.outlet.loaded) {
            self.rng.pick(loaded)
        } else {
            self.rng.pick(neutral)
        }
    }

    fn person(&mut self) -> String {
        let first = if self.rng.chance(50) {
            self.rng.pick(FIRST_F)
        } else {
            self.rng.pick(FIRST_M)
        };
        format!("{first} {}", self.rng.pick(LAST))
    }

    /// A speaker opening a sentence.
    fn speaker_first(&mut self, out: &mut String) {
        let mark = out.len();
        self.speaker(out);
        capitalize_from(out, mark);
    }

    /// A speaker: a name (maybe with an appositive role) or a role alone.
    fn speaker(&mut self, out: &mut String) {
        match self.rng.below(10) {
            0..=3 => {
                let name = self.person();
                out.push_str(&name);
            }
            4..=6 => {
                let name = self.person();
                out.push_str(&name);
                out.push_str(", ");
                let role = self.rng.pick(ROLES);
                self.fill(role, out);
                out.push(',');
            }
            _ => {
                let who = self.rng.pick(GROUP_SPEAKERS);
                out.push_str(who);
            }
        }
    }

    /// Appends `template` with its `{slots}` filled. A slot name starting with a
    /// capital letter capitalizes the value's first letter.
    fn fill(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            let key = &after[..close];
            let capital = key.starts_with(|c: char| c.is_ascii_uppercase());
            let mark = out.len();
            self.slot(&key.to_ascii_lowercase(), out);
            if capital {
                capitalize_from(out, mark);
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }

    fn slot(&mut self, key: &str, out: &mut String) {
        let e = self.event;
        let value: &str = match key {
            "place" => e.place,
            "place2" => e.place2,
            "country" => e.country,
            "adj" => e.adj,
            "capital" => e.capital,
            "leader" => e.leader,
            "leader_last" => e.leader.rsplit(' ').next().unwrap_or(e.leader),
            "group" => e.group,
            "org" => e.org,
            "auth" => e.auth,
            "topic" => e.topic,
            "issue" => e.issue,
            "action" => e.action,
            "action_h" => e.action.trim_start_matches("were "),
            "demand" => e.demand,
            "day" => self.rng.pick(DAYS),
            "month" => self.rng.pick(MONTHS),
            "year" => {
                let y = e.year - self.rng.range(2, 9) as u32;
                out.push_str(&y.to_string());
                return;
            }
            "ordinal" => self.rng.pick(ORDINAL),
            "bignum" => self.rng.pick(BIG_NUM),
            "small" => self.rng.pick(SMALL_NUM),
            "pct" => self.rng.pick(PCT),
            "time" => {
                let t = self.rng.pick(TIMES);
                self.fill(t, out);
                return;
            }
            "gov" => {
                let g = self.loaded(GOV_NEUTRAL, GOV_LOADED);
                self.fill(g, out);
                return;
            }
            "group_l" => {
                let g = self.loaded(GROUP_NEUTRAL, GROUP_LOADED);
                self.fill(g, out);
                return;
            }
            "big" => self.loaded(BIG_NEUTRAL, BIG_LOADED),
            "move" => self.loaded(MOVE_NEUTRAL, MOVE_LOADED),
            "move_n" => {
                if self.rng.chance(self.outlet.loaded) {
                    "a crackdown"
                } else {
                    "new measures"
                }
            }
            "critic" => self.loaded(CRITIC_NEUTRAL, CRITIC_LOADED),
            "said" => self.loaded(SAID_NEUTRAL, SAID_LOADED),
            "hedge" => {
                if self.rng.chance(self.outlet.loaded + 10) {
                    self.rng.pick(HEDGE)
                } else {
                    "also"
                }
            }
            "alleged" => {
                if self.rng.chance(self.outlet.loaded + 20) {
                    "alleged"
                } else {
                    "reported"
                }
            }
            "vague" => self.rng.pick(VAGUE),
            "scare_bare" => {
                let s = self.rng.pick(SCARE);
                out.push('“');
                out.push_str(s);
                out.push('”');
                return;
            }
            _ => key,
        };
        out.push_str(value);
    }

    /// Lower-cases the sentence opener at `mark` unless it is a proper noun.
    fn lowercase_from(&self, out: &mut String, mark: usize) {
        let e = self.event;
        let rest = &out[mark..];
        let proper = [e.leader, e.place, e.place2, e.capital, e.adj, "European"];
        if proper.iter().any(|p| rest.starts_with(p)) {
            return;
        }
        if let Some(c) = rest.chars().next().filter(char::is_ascii_uppercase) {
            out.replace_range(mark..mark + 1, &c.to_ascii_lowercase().to_string());
        }
    }

    fn sentence(&mut self, out: &mut String) {
        let t = self.rng.pick(NARRATIVE);
        self.fill(t, out);
    }

    fn speech(&mut self, out: &mut String) {
        let t = self.rng.pick(SPEECH);
        self.fill(t, out);
    }

    /// A paragraph built around a quotation, in one of several styles.
    fn quote_paragraph(&mut self, out: &mut String) {
        match self.rng.below(13) {
            0 | 1 => {
                // “Q,” S said.
                out.push('“');
                self.speech(out);
                out.push_str(",” ");
                self.speaker(out);
                out.push(' ');
                let said = self.loaded(SAID_NEUTRAL, SAID_LOADED);
                out.push_str(said);
                out.push('.');
            }
            2 => {
                // “Q,” said S.
                out.push('“');
                self.speech(out);
                out.push_str(",” said ");
                let who = self.person();
                out.push_str(&who);
                out.push('.');
            }
            3 => {
                // S said: “Q.”
                self.speaker_first(out);
                out.push_str(" said: “");
                self.speech(out);
                out.push_str(".”");
            }
            4 => {
                // “Q1. Q2,” S told the outlet.
                out.push('“');
                self.speech(out);
                out.push_str(". ");
                self.speech(out);
                out.push_str(",” ");
                let who = self.person();
                out.push_str(&who);
                out.push_str(" told ");
                out.push_str(self.outlet.short);
                out.push('.');
            }
            5 => {
                // According to S, clause.
                out.push_str("According to ");
                self.speaker(out);
                if out.ends_with(',') {
                    out.push(' ');
                } else {
                    out.push_str(", ");
                }
                let mark = out.len();
                self.sentence(out);
                self.lowercase_from(out, mark);
            }
            6 => {
                // Partial: S described the move as “fragment”.
                self.speaker_first(out);
                out.push_str(" described ");
                self.fill("the {move}", out);
                out.push_str(" as “");
                out.push_str(self.rng.pick(PARTIAL));
                out.push_str("”.");
            }
            7 => {
                // Partial: S said the authority had “fragment”.
                self.speaker_first(out);
                out.push(' ');
                let said = self.loaded(&["said", "argued", "noted"], SAID_LOADED);
                out.push_str(said);
                self.fill(" that {auth} had acted in a way that was “", out);
                out.push_str(self.rng.pick(PARTIAL));
                out.push_str(".”");
            }
            8 => {
                // “Q,” S said. “Q2.” (continued speech without a cue)
                out.push('“');
                self.speech(out);
                out.push_str(",” ");
                self.speaker(out);
                out.push_str(" said. “");
                self.speech(out);
                out.push_str(". ");
                self.speech(out);
                out.push_str(".”");
            }
            9 => {
                // In a statement, ORG said: “Q.”
                self.fill("In a statement, {org} said: “", out);
                self.speech(out);
                out.push_str(".”");
            }
            10 => {
                // “Q?” asked S.
                out.push('“');
                out.push_str(self.rng.pick(QUESTION));
                out.push_str("?” asked ");
                let who = self.person();
                out.push_str(&who);
                out.push_str(", who ");
                let how = self.rng.pick(&[
                    "has lived in {place2} all her life",
                    "runs a small shop near {place}",
                    "joined {org} last year",
                    "drove through the night to be there",
                ]);
                self.fill(how, out);
                out.push('.');
            }
            11 => {
                // Nested: “... ‘fragment’ ...,” S said.
                out.push_str("“They keep calling it ‘");
                out.push_str(self.rng.pick(SCARE));
                out.push_str("’, but nobody here believes that,” ");
                self.speaker(out);
                out.push_str(" said.");
            }
            _ => {
                // S told reporters that clause, adding: “Q.”
                self.speaker_first(out);
                out.push_str(" told reporters in ");
                self.fill("{capital} that {gov} would not back down, adding: “", out);
                self.speech(out);
                out.push_str(".”");
            }
        }
    }

    fn scare_sentence(&mut self, out: &mut String) {
        let s = self.rng.pick(SCARE);
        let (head, tail) = self.rng.pick(&[
            ("The “", "” was announced late on {day}."),
            (
                "Residents in {place2} were moved out under what {gov} calls “",
                "”.",
            ),
            (
                "The so-called “",
                "” has left {small} families without homes.",
            ),
            (
                "Few in {place} believe the promised “",
                "” will last more than a few weeks.",
            ),
            (
                "Since the “",
                "” began, {bignum} people have left {place2}.",
            ),
            (
                "The latest “",
                "”, as officials put it, came two days after {topic} began.",
            ),
        ]);
        self.fill(head, out);
        out.push_str(s);
        self.fill(tail, out);
    }

    fn body(&mut self) -> String {
        let mut out = String::with_capacity(8 * 1024);
        let target_words = self.rng.range(500, 1000);
        let mut words = 0;
        let mut promo_done = false;
        let mut para = String::with_capacity(1024);
        // The lead.
        let lead = self.rng.pick(&[
            "{Group} in {place} {action} {time}, as {topic} over {issue} showed no sign of ending.",
            "{Gov} {time} faced growing pressure over {topic}, after {group} {action} in {place}.",
            "Tensions rose in {place} {time} when {group} {action}, the latest turn in a {big} dispute over {issue}.",
        ]);
        self.fill(lead, &mut para);
        para.push(' ');
        self.sentence(&mut para);
        loop {
            words += para.split_ascii_whitespace().count();
            let curly = if self.rng.chance(92) {
                self.outlet.curly
            } else {
                !self.outlet.curly
            };
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            if curly {
                out.push_str(&para);
            } else {
                straighten(&para, &mut out);
            }
            para.clear();
            if words >= target_words {
                break;
            }
            match self.rng.below(100) {
                0..=29 => {
                    for i in 0..self.rng.range(2, 4) {
                        if i > 0 {
                            para.push(' ');
                        }
                        self.sentence(&mut para);
                    }
                }
                30..=57 => {
                    self.quote_paragraph(&mut para);
                    if self.rng.chance(40) {
                        para.push(' ');
                        self.sentence(&mut para);
                    }
                }
                58..=67 => {
                    self.sentence(&mut para);
                    para.push(' ');
                    self.scare_sentence(&mut para);
                }
                68..=77 => {
                    let v = self.rng.pick(VAGUE);
                    para.push_str(v);
                    self.fill(" the {move} could backfire. ", &mut para);
                    self.sentence(&mut para);
                    if self.rng.chance(50) {
                        para.push(' ');
                        self.fill("{Gov} rejects that view.", &mut para);
                    }
                }
                78..=84 => {
                    self.sentence(&mut para);
                    para.push(' ');
                    let t = self.rng.pick(&[
                        "The {alleged} abuses were first documented by {org} in {month}, and {gov} has {critic} the findings.",
                        "{Org} {critic} the {move} and said it would take the matter to court.",
                        "The {alleged} use of live ammunition near {place2} has not been confirmed by {auth}.",
                        "Members of {org} say they were {hedge} followed by plain-clothes officers after the meeting.",
                    ]);
                    self.fill(t, &mut para);
                }
                85..=90 => {
                    // A quotation continued across paragraphs, the English way.
                    para.push('“');
                    self.speech(&mut para);
                    para.push_str(". ");
                    self.speech(&mut para);
                    para.push_str(".\n\n“");
                    self.speech(&mut para);
                    para.push_str(",” ");
                    self.speaker(&mut para);
                    para.push_str(" said.");
                }
                91..=94 if !promo_done => {
                    promo_done = true;
                    let p = self.rng.pick(PROMO);
                    self.fill(p, &mut para);
                }
                _ => {
                    self.sentence(&mut para);
                    para.push(' ');
                    self.quote_paragraph(&mut para);
                }
            }
        }
        if self.rng.chance(30) {
            out.push_str("\n\n");
            let name = self.person();
            out.push_str("Additional reporting by ");
            out.push_str(&name);
            self.fill(" in {capital}.", &mut out);
        }
        out
    }
}

/// Straight quotes and apostrophes for curly ones.
fn straighten(text: &str, out: &mut String) {
    out.extend(text.chars().map(|c| match c {
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        c => c,
    }));
}

fn capitalize_from(out: &mut String, mark: usize) {
    if let Some(c) = out[mark..].chars().next() {
        if c.is_lowercase() {
            let upper: String = c.to_uppercase().collect();
            out.replace_range(mark..mark + c.len_utf8(), &upper);
        }
    }
}

fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() && (c == ' ' || c == '-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Article number `index` of the corpus with `seed`.
pub fn article(seed: u64, index: u64) -> GeneratedArticle {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    rng.next_u64();
    let event = &EVENTS[rng.below(EVENTS.len())];
    let outlet = &OUTLETS[rng.below(OUTLETS.len())];
    let day = 1 + rng.below(27) as u32;
    let mut ctx = Ctx { rng, event, outlet };
    let mut title = String::new();
    let headline = ctx.rng.pick(HEADLINES);
    ctx.fill(headline, &mut title);
    let text = ctx.body();
    let title = if outlet.curly {
        title
    } else {
        let mut t = String::with_capacity(title.len());
        straighten(&title, &mut t);
        t
    };
    let date = format!("{}-{:02}-{:02}", event.year, event.month, day);
    let url = format!(
        "https://www.{}/{}/{:02}/{:02}/{}",
        outlet.domain,
        event.year,
        event.month,
        day,
        slugify(&title)
    );
    GeneratedArticle {
        id: format!(
            "{}-{index:08}",
            outlet.domain.split('.').next().unwrap_or("outlet")
        ),
        outlet: outlet.name.to_string(),
        title,
        date,
        url,
        event: event.slug.to_string(),
        text,
    }
}

/// The first articles of the corpus with `seed` whose texts add up to at least
/// `text_bytes` bytes.
pub fn articles(seed: u64, text_bytes: usize) -> Vec<GeneratedArticle> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut index = 0;
    while total < text_bytes {
        let a = article(seed, index);
        total += a.text.len();
        out.push(a);
        index += 1;
    }
    out
}

/// Writes the corpus with `seed` as JSON Lines until at least `bytes` bytes are
/// written. Returns the number of articles and of bytes written.
pub fn write_jsonl(out: &mut impl Write, seed: u64, bytes: u64) -> io::Result<(u64, u64)> {
    let mut written = 0u64;
    let mut index = 0u64;
    let mut line = Vec::with_capacity(16 * 1024);
    while written < bytes {
        line.clear();
        serde_json::to_writer(&mut line, &article(seed, index)).map_err(io::Error::other)?;
        line.push(b'\n');
        out.write_all(&line)?;
        written += line.len() as u64;
        index += 1;
    }
    Ok((index, written))
}

/// Loaded words the generator writes, so a synthetic pack finds real matches.
pub const ANCHOR_TERMS: &[&str] = &[
    "regime",
    "alleged",
    "allegedly",
    "so-called",
    "slammed",
    "reportedly",
    "massive",
    "critics say",
    "militants",
    "crackdown",
    "claimed",
    "insisted",
    "admitted",
    "apparently",
    "sources said",
    "unprecedented",
    "draconian",
    "agitators",
    "rioters",
    "staggering",
    "controversial",
    "embattled",
    "hardline",
    "power grab",
    "lashed out",
    "conceded",
    "heavy-handed",
    "angry mobs",
    "hit out at",
    "colossal",
];

/// Pseudo-words: English-looking, so the matcher walks deep into its automaton on
/// real text, but (almost always) not words the generator writes.
fn pseudo_word(rng: &mut Rng) -> String {
    const ONSETS: &[&str] = &[
        "b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
        "pl", "r", "s", "st", "sh", "t", "tr", "v", "w", "z", "qu", "th", "ch",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"];
    const CODAS: &[&str] = &[
        "", "", "n", "r", "l", "s", "t", "nd", "st", "m", "k", "rn", "x",
    ];
    let mut w = String::new();
    for _ in 0..rng.range(2, 4) {
        w.push_str(rng.pick(ONSETS));
        w.push_str(rng.pick(VOWELS));
        w.push_str(rng.pick(CODAS));
    }
    w
}

/// A lexicon pack of exactly `terms` literal terms (the anchor terms first, then
/// generated pseudo-words and two-word phrases), as in-memory files for
/// `Lexicon::from_files`: a manifest and one category file `synthetic.yaml` whose
/// rules hold 25 terms each. With `terms == 0` the category has no rules.
pub fn synthetic_pack(terms: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed ^ 0x5EED_7E57);
    let mut chosen: Vec<String> = Vec::with_capacity(terms);
    let mut seen = BTreeSet::new();
    for t in ANCHOR_TERMS.iter().take(terms) {
        seen.insert(t.to_string());
        chosen.push(t.to_string());
    }
    while chosen.len() < terms {
        let mut w = pseudo_word(&mut rng);
        if rng.chance(10) {
            w.push(' ');
            w.push_str(&pseudo_word(&mut rng));
        }
        if w.len() >= 5 && seen.insert(w.clone()) {
            chosen.push(w);
        }
    }
    let mut yaml =
        String::from("category: synthetic\ndescription: Generated terms for benchmarks.\nrules:");
    if chosen.is_empty() {
        yaml.push_str(" []\n");
    } else {
        yaml.push('\n');
    }
    for (i, group) in chosen.chunks(25).enumerate() {
        yaml.push_str(&format!(
            "  - id: synthetic.r{i:05}\n    explain: A generated rule.\n    terms: ["
        ));
        for (j, t) in group.iter().enumerate() {
            if j > 0 {
                yaml.push_str(", ");
            }
            yaml.push('"');
            yaml.push_str(t);
            yaml.push('"');
        }
        yaml.push_str("]\n");
    }
    vec![
        (
            "pack.yaml".to_string(),
            "name: synthetic\ndescription: Generated for benchmarks.\ncategories: [synthetic]\n"
                .to_string(),
        ),
        ("synthetic.yaml".to_string(), yaml),
    ]
}
