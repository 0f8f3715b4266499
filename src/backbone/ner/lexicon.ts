/**
 * Small hand-written word lists used as features and for post-processing.
 * Everything is lowercase; lookups lowercase the word first.
 */

/** Titles and honorifics that precede a person's name (not part of the name). */
export const TITLES = new Set(
  (
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev. reverend father fr fr. " +
    "sheikh shaikh sheik shaykh sayyid sayed sayyed mullah imam ayatollah grand hojatoleslam emir amir king queen prince princess " +
    "president vice-president pres. premier chancellor minister secretary senator sen. sen rep rep. representative congressman congresswoman " +
    "governor gov gov. mayor judge justice ambassador general gen gen. lt lt. col col. colonel maj maj. major capt capt. captain sgt sgt. sergeant " +
    "commander admiral marshal field-marshal brigadier lieutenant officer chief ceo chairman chairwoman spokesman spokeswoman director " +
    "pope cardinal bishop archbishop patriarch rabbi pastor saint st st. haji hajji hajj mufti caliph sultan shah crown deputy foreign prime " +
    "leader coach dictator commissioner envoy administrator spokesperson adviser advisor aide"
  ).split(/\s+/),
);

/** Particles of Arabic-origin names (also used with a hyphen: al-Sisi). */
export const ARABIC_PARTICLES = new Set(
  "al el ul ud ad ar as at az an ash adh ibn bin ben bint abu abou abd abdel abdul abdal abdullah umm um ould bani beni".split(" "),
);

/** Frequent Arabic / Persian / Turkish given-name and family-name stems seen in news. */
export const ARABIC_NAMES = new Set(
  (
    "ahmed ahmad mohamed mohammed muhammad mohammad mahmoud mahmud hassan hasan hussein husain hosni ali omar umar osama usama " +
    "khaled khalid abdullah abdallah abdel abdul fattah sisi tayeb tayyeb morsi mursi mubarak nasser nasrallah assad bashar hafez " +
    "saddam qaddafi gaddafi kadhafi muammar yasser yasir arafat abbas ismail haniyeh mahmud rouhani khamenei khomeini ruhollah " +
    "ibrahim yusuf youssef yousef mustafa mostafa tariq tarek walid waleed saud salman faisal fahd sultan hamad tamim zayed " +
    "rashid rashed nayef hamid hamed karim kareem rahman jamal gamal saleh salih sadr sistani maliki abadi baghdadi zawahiri " +
    "qasim qassem suleimani soleimani erdogan recep tayyip nawaz sharif imran benazir bhutto zia ayman anwar sadat " +
    "nour noor fatima aisha layla leila zeinab amina khadija mariam maryam hamza ziad ziyad samir sami adel adil nabil"
  ).split(/\s+/),
);

/** Nationalities, religious and political groups (NORP). Plurals are added below. */
const NORP_BASE = (
  "american british english scottish welsh irish french german italian spanish portuguese dutch belgian swiss austrian swedish " +
  "norwegian danish finnish icelandic polish czech slovak hungarian romanian bulgarian greek turkish russian ukrainian belarusian " +
  "serbian croatian bosnian albanian kosovar macedonian georgian armenian azerbaijani kazakh uzbek afghan pakistani indian " +
  "bangladeshi lankan nepali chinese japanese korean vietnamese thai burmese cambodian indonesian malaysian filipino singaporean " +
  "australian canadian mexican cuban brazilian argentine argentinian chilean colombian venezuelan peruvian bolivian " +
  "egyptian libyan tunisian algerian moroccan sudanese ethiopian eritrean somali kenyan ugandan nigerian ghanaian senegalese malian " +
  "congolese rwandan zimbabwean israeli palestinian jordanian lebanese syrian iraqi iranian persian saudi yemeni omani " +
  "emirati qatari kuwaiti bahraini arab arabian kurdish kurd turkmen yazidi yezidi druze bedouin berber amazigh pashtun tajik " +
  "hazara baloch uyghur uighur tibetan jewish jew muslim moslem islamic islamist christian catholic protestant orthodox coptic copt " +
  "evangelical anglican lutheran mormon hindu sikh buddhist sunni shia shiite shi'ite alawite salafi salafist wahhabi jihadist " +
  "democrat democratic republican conservative liberal labour tory socialist communist marxist leninist maoist nazi fascist " +
  "libertarian zionist baathist ba'athist nationalist european asian african latino hispanic latin western soviet " +
  "yankee texan californian londoner parisian"
).split(/\s+/);

export const NORP_WORDS = new Set<string>();
for (const w of NORP_BASE) {
  NORP_WORDS.add(w);
  NORP_WORDS.add(w.endsWith("s") ? w : w + "s");
}
for (const w of ["english", "french", "dutch", "irish", "welsh", "scottish", "islamic", "democratic", "western", "soviet", "jewish"])
  NORP_WORDS.delete(w + "s");
NORP_WORDS.add("jews");
NORP_WORDS.add("shiites");
NORP_WORDS.add("sunnis");
NORP_WORDS.add("kurds");

/** Words that typically end or head an organisation name. */
export const ORG_WORDS = new Set(
  (
    "inc inc. corp corp. co co. ltd ltd. llc plc company corporation group party union council committee commission ministry " +
    "department agency bureau office institute university college school academy association federation organization organisation " +
    "brotherhood front movement army force forces brigade brigades militia guard police court parliament congress senate assembly " +
    "bank fund foundation trust society church network times post news press journal tribune herald daily television tv radio " +
    "airlines airways club team league board authority service services center centre hospital"
  ).split(/\s+/),
);

/** Head words of geographic, non-political places (LOC rather than GPE). */
export const LOC_WORDS = new Set(
  (
    "river sea ocean lake mountain mountains mount mt mt. valley desert island islands isle peninsula gulf bay strait coast " +
    "beach canal channel forest park hill hills plain plains plateau basin delta street st road avenue ave boulevard square " +
    "bridge airport station highway route region continent falls glacier cape reef canyon creek"
  ).split(/\s+/),
);

/** Continents and large regions: LOC in OntoNotes terms. */
export const LOC_NAMES = new Set(
  (
    "europe asia africa antarctica america americas australasia oceania arctic antarctic atlantic pacific mediterranean " +
    "middle east levant balkans caucasus sahara sahel sinai gaza strip west bank golan heights kashmir arabian maghreb " +
    "scandinavia siberia himalayas alps amazon nile euphrates tigris jordan"
  ).split(/\s+/),
);

export function isTitle(w: string): boolean {
  return TITLES.has(w.toLowerCase());
}

/** True for "al", "al-", "al-Sisi", "bin", "Abu" ... */
export function arabicParticleKind(w: string): number {
  const l = w.toLowerCase();
  if (ARABIC_PARTICLES.has(l)) return 1;
  const d = l.indexOf("-");
  if (d > 0 && ARABIC_PARTICLES.has(l.slice(0, d))) return 2; // al-Sisi, el-Baradei, Abd-al
  return 0;
}

/** GPE vs LOC for a place span (words of the span). Default GPE. */
export function placeKind(words: readonly string[]): "GPE" | "LOC" {
  const last = words[words.length - 1]!.toLowerCase();
  const first = words[0]!.toLowerCase();
  if (LOC_WORDS.has(last) || LOC_WORDS.has(first)) return "LOC";
  const joined = words.join(" ").toLowerCase();
  if (words.length <= 3 && words.every((w) => LOC_NAMES.has(w.toLowerCase()))) {
    if (joined !== "jordan") return "LOC";
  }
  if (/^(north|south|east|west|central|northern|southern|eastern|western) (africa|asia|europe|america)$/.test(joined)) return "LOC";
  return "GPE";
}
