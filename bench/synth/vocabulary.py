"""The vocabulary of the synthetic corpus: sentence templates, cues, topics, names, and the
catalog used when the database has none."""

START_YEAR, END_YEAR = 2005, 2025

# --- vocabulary -------------------------------------------------------------------------------
# Slots: {A} {B} {C} actors of the article's cast, {P} a place, {T} a topic, {N} a number,
# {Y} a year, {W} a weekday.

TOPICS = (
    "the nuclear programme", "sanctions relief", "oil exports", "the withdrawal of foreign troops",
    "electricity imports", "border security", "the Kurdistan oil pipeline", "militia integration",
    "the federal budget law", "water rights on the Tigris", "drone attacks", "detained dual nationals",
    "shipping in the Strait of Hormuz", "a prisoner exchange", "gas payments", "reconstruction funds",
    "the status of Kirkuk", "the Sinjar agreement", "arms smuggling", "currency controls",
    "the dollar auction", "protests over public services", "displaced families", "uranium enrichment",
    "the 2015 nuclear deal", "ballistic missiles", "maritime seizures", "the war in Syria",
    "the security agreement", "frozen assets", "the election law", "pilgrims crossing the border",
    "the coalition's training mission", "the Popular Mobilization law", "customs revenue",
    "cross-border shelling", "the airport road", "rocket fire on the Green Zone",
)  # fmt: skip

SENTENCES = (
    "{A} and {B} have been at odds over {T} since {Y}.",
    "Officials in {P} said the talks with {A} would resume next week.",
    "The dispute over {T} has strained ties between {A} and {B}.",
    "Analysts say {A} is unlikely to change course on {T} before the elections.",
    "{A} has deployed {N} additional personnel to {P}, according to local media.",
    "The move drew a sharp response from {A}.",
    "Diplomats familiar with the matter said {A} had pressed {B} to curb {T}.",
    "Residents of {P} reported hearing explosions late on {W}.",
    "The statement did not mention {A} by name.",
    "Negotiations on {T} stalled after {A} rejected a draft proposal.",
    "Trade between {A} and {B} reached {N} billion dollars last year, driven largely by {T}.",
    "Security forces in {P} were placed on high alert after the incident.",
    "Lawmakers in {P} debated a bill on {T} for the third time this year.",
    "Several politicians aligned with {A} walked out of the session.",
    "Oil exports through {P} fell by {N} percent in the quarter.",
    "{A} has long accused {B} of meddling in its internal affairs.",
    "The United Nations envoy met representatives of {A} in {P} on {W}.",
    "Few expect a quick resolution of the crisis over {T}.",
    "In {Y}, {A} signed a framework agreement with {B} on {T}.",
    "Local officials said {N} people were wounded in clashes near {P}.",
    "The attack bore the hallmarks of groups backed by {A}.",
    "{A} has not commented publicly on the report.",
    "Supporters of {A} rallied in {P} to denounce {B}.",
    "The new sanctions target banks and shipping firms linked to {A}.",
    "Critics say the policy has only strengthened {A} at the expense of {B}.",
    "A spokesman for {A} declined to comment on {T}.",
    "The relationship between {A} and {C} has shifted repeatedly over the past decade.",
    "Convoys carrying fuel and equipment crossed into {P} overnight.",
    "Much depends on whether {A} can keep {B} and {C} on side.",
    "The decision came days after a visit to {P} by a delegation from {A}.",
    "Since {Y}, {A} has expanded its presence around {P}.",
    "Prices in the markets of {P} have risen sharply amid uncertainty over {T}.",
    "A report by a Western think tank described {A} as the most capable force in the area.",
    "Both {A} and {B} say they want to avoid a wider war.",
    "Neither side has published the text of the memorandum on {T}.",
    "Tensions rose again in {W}'s session when members close to {A} raised {T}.",
    "The government has promised to publish the findings of the inquiry within weeks.",
    "Power cuts in {P} lasted up to twenty hours a day during the summer heat.",
    "Many families who fled the fighting have still not returned to their homes in {P}.",
    "The central bank raised the official exchange rate for the second time in {Y}.",
    "Independent journalists were not allowed to visit the site.",
    "Officials said the investigation into {T} was continuing.",
    "Commentators on state television described the vote as a turning point.",
    "The border crossing at {P} was closed for three days.",
    "Unemployment among young people remains above twenty percent.",
    "It was not possible to verify the figures independently.",
    "Several people were detained in {P} on suspicion of planning further attacks.",
    "Some observers expect the issue of {T} to dominate the next parliamentary term.",
)  # fmt: skip

# (cue, kind, with_that): "{A} said that <clause>." / "According to {A}, <clause>."
CUES = (
    ("said", "statement"), ("said", "statement"), ("stated", "statement"), ("insisted", "statement"),
    ("alleged", "accusation"), ("charged", "accusation"), ("denied", "denial"),
    ("reported", "report"), ("assessed", "assessment"), ("warned", "threat"),
    ("according to", "report"),
)  # fmt: skip

CLAUSES = (
    "{B} was responsible for the attack near {P}",
    "the talks on {T} had made real progress",
    "{B} had violated the terms of the agreement on {T}",
    "no forces loyal to {B} were present in {P}",
    "it would respond to any further provocation by {B}",
    "the sanctions would not change its position on {T}",
    "{N} fighters had been killed in the operation around {P}",
    "{B} was supplying weapons to armed groups in {P}",
    "the government would hold early elections if the crisis over {T} continued",
    "all foreign troops must leave the country by the end of {Y}",
    "{B} had been warned several times about {T}",
    "the shipment seized near {P} belonged to {B}",
    "the agreement with {B} on {T} would be honoured",
    "the strike on {P} was an act of self-defence",
    "{B} and {C} were coordinating their positions on {T}",
)  # fmt: skip

# kind: (sentence after the date phrase, event title)
EVENT_TEMPLATES = {
    "attack": ("{A} attacked positions held by {B} near {P}, killing {N} people.", "{A} attack on {B} near {P}"),
    "air_strike": ("{A} carried out an air strike on {B} targets in {P}, killing {N}.", "{A} air strike on {B} in {P}"),
    "meeting": ("officials from {A} met their counterparts from {B} in {P}.", "{A} and {B} meet in {P}"),
    "agreement": ("{A} and {B} signed an agreement on {T} in {P}.", "{A}–{B} agreement on {T}"),
    "protest": ("supporters of {A} protested outside the offices of {B} in {P}.", "Protest against {B} in {P}"),
    "statement": ("{A} issued a statement condemning {B} over {T}.", "{A} statement on {B}"),
    "arms_transfer": ("{A} delivered a shipment of weapons to {B} through {P}.", "{A} arms shipment to {B}"),
    "offensive": ("{A} launched an offensive against {B} around {P}.", "{A} offensive against {B} around {P}"),
    "death": ("a senior commander of {A} was killed in {P}, {B} said.", "Death of a {A} commander in {P}"),
    "aid": ("{A} sent {N} tonnes of humanitarian aid to {B} in {P}.", "{A} aid to {B} in {P}"),
    "election": ("voters went to the polls in {P} as {A} and {B} competed for seats.", "Elections in {P}"),
}  # fmt: skip
EVENT_KIND_WEIGHTS = {
    "attack": 18, "air_strike": 10, "meeting": 16, "agreement": 6, "protest": 8, "statement": 16,
    "arms_transfer": 5, "offensive": 5, "death": 5, "aid": 5, "election": 3,
}  # fmt: skip
ROLES = {
    "attack": ("perpetrator", "target"), "air_strike": ("perpetrator", "target"),
    "offensive": ("perpetrator", "target"), "agreement": ("signatory", "signatory"),
    "arms_transfer": ("supporter", "participant"), "aid": ("supporter", "participant"),
}  # fmt: skip

TITLES = (
    "{A} warns {B} over {T}", "{A} and {B} trade accusations over {T}", "What {A} wants from {B}",
    "{A} weighs its options on {T}", "Pressure mounts on {A} over {T}", "Inside the deal between {A} and {B}",
    "{A} steps up pressure on {B}", "Why {T} matters for {A}", "{A} rejects claims by {B}",
    "Clashes near {P} test ties between {A} and {B}", "{A} signals shift on {T}",
)  # fmt: skip

SOURCES = (
    ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("Agence France-Presse", "afp.com"),
    ("Al-Monitor", "al-monitor.com"), ("The New York Times", "nytimes.com"),
    ("The Washington Post", "washingtonpost.com"), ("The Guardian", "theguardian.com"),
    ("BBC News", "bbc.co.uk"), ("Al Jazeera", "aljazeera.com"), ("Rudaw", "rudaw.net"),
    ("Kurdistan 24", "kurdistan24.net"), ("The National", "thenationalnews.com"),
    ("Middle East Eye", "middleeasteye.net"), ("Foreign Policy", "foreignpolicy.com"),
    ("War on the Rocks", "warontherocks.com"), ("Long War Journal", "longwarjournal.org"),
    ("Shafaq News", "shafaq.com"), ("Iraqi News Agency", "ina.iq"), ("IRNA", "irna.ir"),
    ("Tasnim News Agency", "tasnimnews.com"), ("Radio Free Europe", "rferl.org"),
    ("The Arab Weekly", "thearabweekly.com"), ("Asharq Al-Awsat", "aawsat.com"),
    ("Jane's Defence Weekly", "janes.com"), ("Crisis Group", "crisisgroup.org"),
    ("Washington Institute", "washingtoninstitute.org"), ("Iran International", "iranintl.com"),
    ("The Times of Israel", "timesofisrael.com"), ("Financial Times", "ft.com"),
    ("Bloomberg", "bloomberg.com"),
)  # fmt: skip
FIRST = ("Sarah", "Ahmed", "John", "Leila", "Omar", "Maria", "David", "Hamdi", "Jane", "Ali", "Karim",
         "Louisa", "Michael", "Nadia", "Samir", "Tom", "Zeinab", "Paul", "Rania", "Mustafa")  # fmt: skip
LAST = ("Hassan", "Smith", "Karimi", "Jones", "Al-Amin", "Rubin", "Salman", "Loveluck", "Arango",
        "Mansour", "Kirkpatrick", "Malik", "Tehrani", "Cooper", "Nasser", "Ibrahim", "Holland")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip

# Used only when the database has no catalog yet (fixtures/reference.yaml not loaded).
FALLBACK_ACTORS = (
    ("iran", "Iran", "state", ("Islamic Republic of Iran",)),
    ("iraq", "Iraq", "state", ("Republic of Iraq",)),
    ("united-states", "United States", "state", ("U.S.", "United States of America")),
    ("irgc", "Islamic Revolutionary Guard Corps", "armed_group", ("IRGC", "Revolutionary Guards")),
    ("quds-force", "Quds Force", "armed_group", ("IRGC Quds Force", "Qods Force")),
    ("pmf", "Popular Mobilization Forces", "armed_group", ("PMF", "PMU", "Hashd al-Shaabi")),
    ("kataib-hezbollah", "Kataib Hezbollah", "armed_group", ("Kata'ib Hizballah", "KH")),
    ("asaib-ahl-al-haq", "Asaib Ahl al-Haq", "armed_group", ("AAH", "League of the Righteous")),
    ("isis", "Islamic State", "armed_group", ("ISIS", "ISIL", "Daesh")),
    ("qasem-soleimani", "Qasem Soleimani", "person", ("Qassem Suleimani", "Soleimani")),
    ("abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis", "person", ("Muhandis",)),
    ("ali-khamenei", "Ali Khamenei", "person", ("Ayatollah Khamenei", "Khamenei")),
    ("muqtada-al-sadr", "Muqtada al-Sadr", "person", ("Moqtada al-Sadr", "Sadr")),
    ("nouri-al-maliki", "Nouri al-Maliki", "person", ("Maliki",)),
    ("krg", "Kurdistan Regional Government", "government_body", ("KRG",)),
    ("us-department-of-state", "US Department of State", "government_body", ("State Department",)),
    ("us-department-of-defense", "US Department of Defense", "government_body", ("Pentagon",)),
    ("mek", "People's Mujahedin of Iran", "political_party", ("MEK", "Mujahedin-e Khalq")),
    ("united-nations", "United Nations", "international_body", ("UN",)),
    ("kdp", "Kurdistan Democratic Party", "political_party", ("KDP",)),
    ("badr-organization", "Badr Organization", "armed_group", ("Badr",)),
    ("hezbollah", "Hezbollah", "armed_group", ("Hizballah",)),
    ("iaea", "International Atomic Energy Agency", "international_body", ("IAEA",)),
    ("saudi-arabia", "Saudi Arabia", "state", ("Kingdom of Saudi Arabia",)),
)  # fmt: skip
FALLBACK_PLACES = (
    ("baghdad", "Baghdad", "city", "IQ"), ("basra", "Basra", "city", "IQ"), ("erbil", "Erbil", "city", "IQ"),
    ("mosul", "Mosul", "city", "IQ"), ("kirkuk", "Kirkuk", "city", "IQ"), ("najaf", "Najaf", "city", "IQ"),
    ("karbala", "Karbala", "city", "IQ"), ("fallujah", "Fallujah", "city", "IQ"),
    ("anbar", "Anbar", "province", "IQ"), ("diyala", "Diyala", "province", "IQ"),
    ("tehran", "Tehran", "city", "IR"), ("ahvaz", "Ahvaz", "city", "IR"), ("qom", "Qom", "city", "IR"),
    ("al-asad-air-base", "Ain al-Asad", "base", "IQ"), ("sinjar", "Sinjar", "city", "IQ"),
    ("al-qaim", "Al-Qaim", "border_crossing", "IQ"), ("damascus", "Damascus", "city", "SY"),
    ("strait-of-hormuz", "Strait of Hormuz", "region", ""), ("tikrit", "Tikrit", "city", "IQ"),
    ("sulaymaniyah", "Sulaymaniyah", "city", "IQ"),
)  # fmt: skip
