/**
 * Word lists about people and organisations: titles before names, name particles, role nouns,
 * organisation keywords, and capitalised words that are not names. Hand-written facts.
 */
const words = (block: string): Set<string> =>
  new Set(block.split(/\s+/).filter(Boolean).map((word) => word.toLowerCase()))

/** Titles written before a name; they become a role (kind `title`), never part of the name. */
export const PERSON_TITLES = words(`
  mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady sheikh shaikh sheik
  ayatollah imam mufti rabbi pope cardinal bishop archbishop father sister reverend rev rev.
  president vice-president premier chancellor minister secretary ambassador envoy governor mayor
  senator sen. sen rep. congressman congresswoman lawmaker mp judge justice general gen gen. colonel
  col. col lieutenant lt. lt major maj. captain capt. sergeant sgt. admiral adm. commander marshal
  king queen prince princess emir amir sultan crown sayyed sayed sayyid mullah
  spokesman spokeswoman spokesperson chairman chairwoman chief
`)

/** Lowercase particles inside transliterated and European names: al-Sisi, bin Salman, van Gogh. */
export const NAME_PARTICLES = words(`al el bin ibn bint abu abd abdel abdul de del della der di da dos du van von la le ben`)

/** Prefixes joined to a name by a hyphen (al-Maliki, el-Sisi, Abdel-Fattah). */
export const NAME_PREFIX = /^(?:al|el|as|ash|ad|ar|at|az|an|abd|abdel|abdul|abu|bin|ibn)[-‐‑]/i

/** Nouns that name a role or office; they head role phrases in appositions and premodifiers. */
export const ROLE_NOUNS = words(`
  analyst minister spokesman spokeswoman spokesperson president leader member official officer chief
  head director expert professor researcher ambassador secretary general commander lawyer attorney
  judge journalist editor correspondent reporter activist chairman chairwoman chair founder co-founder
  ceo executive governor mayor senator lawmaker legislator mp deputy adviser advisor envoy
  representative economist scientist doctor physician candidate writer author coach player manager
  diplomat politician scholar historian commentator strategist negotiator mediator prosecutor
  lieutenant colonel captain general admiral sheikh cleric imam priest bishop cardinal rabbi
  pastor king queen prince emir premier chancellor vice-president president-elect nominee
  spokesmen officials analysts experts lawmakers members leaders ministers diplomats
  student teacher engineer owner resident witness survivor victim farmer worker employee
  director-general secretary-general undersecretary under-secretary consultant partner fellow
  organizer organiser coordinator campaigner supporter opponent critic specialist
  figure veteran columnist militant fighter protester protestor
`)

/** Keywords that make a capitalised phrase an organisation. */
export const ORG_KEYWORDS = words(`
  ministry council party movement brotherhood army forces force agency company corporation corp corp.
  inc inc. ltd ltd. llc plc group bank university college school institute institution center centre
  commission committee organization organisation association union court parliament senate congress
  assembly front alliance coalition authority authorities administration government cabinet office
  department bureau service services police guard guards militia brigade brigades battalion
  foundation fund trust board church mosque hospital airlines airways times post news newspaper
  magazine television tv radio network press daily journal tribune gazette herald reuters
  federation league club team society academy observatory watch network international
  directorate secretariat embassy consulate mission regime state-run kingdom republic
`)

/**
 * International bodies, state agencies and political or armed groups that news names without any
 * organisation keyword, and that are nothing else when capitalised: a recogniser that types one
 * of them as a person or a place ("al Qaeda" read as a place, "Hamas" as a surname) is wrong.
 * Written as `outletKey` folds them (lowercase, dashes as spaces).
 */
export const KNOWN_GROUPS = words(`
  un nato eu opec imf who unesco unicef unhcr unrwa icc icj fbi cia nsa pentagon kremlin
  hamas hezbollah hizbollah fatah isis isil daesh taliban plo sdf ypg pkk houthis anc ifp
`)
/** The same groups written with a space (al-Qaeda, al-Shabab, Boko Haram ...). */
export const KNOWN_GROUP_PHRASES: readonly string[] = [
  'al qaeda', 'al qaida', 'al shabab', 'al shabaab', 'al nusra', 'boko haram', 'islamic state', 'muslim brotherhood',
  'hayat tahrir al sham', 'arab league', 'african union', 'european union', 'united nations', 'security council',
  'red cross', 'red crescent', 'amnesty international', 'human rights watch', 'world bank',
]

/** Well-known organisations written as acronyms or single names (the groups above, companies, media). */
export const KNOWN_ORGS = new Set([
  ...KNOWN_GROUPS,
  ...words(`al-qaeda al-shabab
  reuters afp ap bbc cnn nbc abc cbs fox msnbc npr aljazeera al-jazeera wikinews google apple
  microsoft amazon facebook twitter meta tesla boeing airbus toyota`),
])

/** Capitalised words that are not names when they stand alone (sentence openers, days, months). */
export const NOT_NAMES = words(`
  the a an this that these those it he she they we i you his her its their our my your there here
  but and or so yet if when while after before since as at in on of for with by from to into about
  however meanwhile moreover furthermore although though because also still then now today
  yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february
  march april may june july august september october november december some many most several
  all both each every no not one two three four five six seven eight nine ten first second third
  last next new other another such what which who whom whose why how where according despite
  during under over between among against without within upon mr mrs ms dr
  photo file update updated breaking exclusive analysis opinion editorial comment news related
  read more share video watch listen advertisement copyright last modified published
  god allah
`)

/** Frequent given names, including transliterated Arabic ones; a strong PERSON signal. */
export const GIVEN_NAMES = words(`
  mohammed mohamed muhammad mohammad ahmed ahmad ali hassan hasan hussein husain omar umar khaled
  khalid mahmoud mahmud mustafa mostafa ibrahim youssef yousef yusuf saad amr sameh nabil walid
  tarek tariq hamdi ayman salah fatima aisha mona nour layla leila abdullah abdallah abdulaziz
  abdelaziz abdel abdul fahd faisal salman sultan hamad tamim zayed nasser gamal jamal anwar hosni
  adel emad essam hisham hesham karim kareem magdy maged medhat osama usama rami sami samir tamer
  wael yasser yasir ziad haitham hazem ashraf atef ehab hany hani sherif shady sayed said
  bashar hafez rafik saad michel nabih najib riad recep ahmet mehmet binali benjamin yair naftali
  john james robert michael william david richard joseph thomas charles christopher daniel matthew
  anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
  jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon frank
  gregory raymond samuel patrick alexander jack dennis jerry tyler aaron jose henry adam douglas
  nathan peter zachary kyle walter harold jeremy ethan carl keith roger gerald christian terry
  sean arthur austin noah lawrence jesse joe bryan billy jordan albert dylan bruce willie gabriel
  alan juan logan wayne ralph roy eugene randy vincent russell louis philip bobby johnny bradley
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
  margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
  stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
  nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather
  diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan
  cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
  madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
  marie diana brittany natalie isabella charlotte rose alexis kayla hillary barack joe kamala
  vladimir xi angela emmanuel theresa boris justin narendra shinzo jair nicolas recep volodymyr
  sergei sergey dmitry alexei alexey viktor igor ivan olga natalia yuri mikhail andrei pierre
  jean jacques francois marine nicolas hans klaus wolfgang jurgen olaf friedrich giuseppe
  marco luigi matteo giorgia silvio carlos luis jorge pedro miguel manuel antonio francisco
  javier fernando alejandro ricardo sebastian gabriel diego pablo andres felipe eduardo
  hiroshi takeshi yuki kenji li wang zhang chen liu yang huang zhao wu zhou kim park lee choi
  raj rahul amit sanjay priya arvind imran nawaz benazir shehbaz asif
`)
