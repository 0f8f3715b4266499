/**
 * News agencies and outlets that articles cite as sources ("Reuters reported", "told Al Jazeera").
 * Facts, written by hand. The recogniser reads several of them as people: "Reuters" looks like a
 * surname, and Arabic-origin titles ("Asharq Al-Awsat", "Al-Ahram") carry the same particles as
 * Arabic personal names. Matched on the whole mention by name key (case, dashes, apostrophes and
 * al- / el- folded), a leading "The" aside.
 * Names that are as often something else (Petra, Dawn, Fars, MENA, "The Times") are left out.
 */
const OUTLETS = `
Reuters|Thomson Reuters|Associated Press|AP|Agence France-Presse|AFP|Deutsche Presse-Agentur|dpa
Xinhua|TASS|RIA Novosti|Interfax|Sputnik|Anadolu|Anadolu Agency|Kyodo|Kyodo News|Yonhap|Bernama|Antara|EFE|ANSA|Europa Press
IRNA|Tasnim|ISNA|SANA|WAFA|KUNA|Saudi Press Agency|WAM|QNA|BNA|NNA|Press TV
Al Jazeera|Al Jazeera English|Al Arabiya|Asharq Al-Awsat|Al-Ahram|Ahram Online|Al-Monitor|Al Mayadeen
Al-Quds Al-Arabi|Al-Akhbar|Al-Masry Al-Youm|Al-Hayat|Al-Watan|Al-Riyadh|Al-Khaleej|Al-Rai|Al-Sharq|Al-Araby Al-Jadeed|The New Arab
Arab News|Gulf News|Khaleej Times|Daily Sabah|Hurriyet|Haaretz|Jerusalem Post|Times of Israel|Ynet|Middle East Eye
BBC|BBC News|CNN|Fox News|NPR|PBS|ABC News|CBS News|NBC News|MSNBC|Bloomberg|Politico|Axios|Voice of America|VOA|Radio Free Europe
New York Times|Washington Post|Wall Street Journal|Los Angeles Times|USA Today|Financial Times|Guardian|Telegraph
Economist|Le Monde|Le Figaro|Liberation|Der Spiegel|Die Zeit|Frankfurter Allgemeine|Süddeutsche Zeitung|El País|El Mundo|Corriere della Sera
La Repubblica|NHK|Asahi Shimbun|Yomiuri Shimbun|South China Morning Post|Global Times|People's Daily|China Daily|Times of India|The Hindu
Hindustan Times|Straits Times|Sydney Morning Herald|Globe and Mail|Toronto Star|Deutsche Welle|DW|France 24|RFI|Euronews|RT|Wikinews
`

/** The names, one per spelling that name keys (src/stages/entities/names.ts) do not fold together. */
export const NEWS_OUTLETS: readonly string[] = OUTLETS.split(/[|\n]/)
  .map((name) => name.trim())
  .filter((name) => name !== '')
