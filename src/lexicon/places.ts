/**
 * A small gazetteer: countries (with common short forms), their demonyms and capitals, plus major
 * cities and regions. Facts, written by hand; used by the rule-based entity stage and, later, to map
 * capitals and demonyms to countries.
 * Format: `Country|Alt name|...;demonym|demonym...;capital`
 */
const COUNTRY_TABLE = `
Afghanistan;Afghan;Kabul
Albania;Albanian;Tirana
Algeria;Algerian;Algiers
Angola;Angolan;Luanda
Argentina;Argentine|Argentinian;Buenos Aires
Armenia;Armenian;Yerevan
Australia;Australian;Canberra
Austria;Austrian;Vienna
Azerbaijan;Azerbaijani|Azeri;Baku
Bahrain;Bahraini;Manama
Bangladesh;Bangladeshi;Dhaka
Belarus;Belarusian;Minsk
Belgium;Belgian;Brussels
Bolivia;Bolivian;La Paz
Bosnia|Bosnia and Herzegovina;Bosnian;Sarajevo
Brazil;Brazilian;Brasilia
Bulgaria;Bulgarian;Sofia
Cambodia;Cambodian;Phnom Penh
Cameroon;Cameroonian;Yaounde
Canada;Canadian;Ottawa
Chad;Chadian;N'Djamena
Chile;Chilean;Santiago
China|People's Republic of China|PRC;Chinese;Beijing
Colombia;Colombian;Bogota
Congo|Democratic Republic of Congo|DRC;Congolese;Kinshasa
Croatia;Croatian|Croat;Zagreb
Cuba;Cuban;Havana
Cyprus;Cypriot;Nicosia
Czech Republic|Czechia;Czech;Prague
Denmark;Danish|Dane;Copenhagen
Djibouti;Djiboutian;Djibouti
Ecuador;Ecuadorian;Quito
Egypt;Egyptian;Cairo
Eritrea;Eritrean;Asmara
Estonia;Estonian;Tallinn
Ethiopia;Ethiopian;Addis Ababa
Finland;Finnish|Finn;Helsinki
France;French;Paris
Georgia;Georgian;Tbilisi
Germany;German;Berlin
Ghana;Ghanaian;Accra
Greece;Greek;Athens
Guatemala;Guatemalan;Guatemala City
Haiti;Haitian;Port-au-Prince
Hungary;Hungarian;Budapest
Iceland;Icelandic;Reykjavik
India;Indian;New Delhi
Indonesia;Indonesian;Jakarta
Iran;Iranian;Tehran
Iraq;Iraqi;Baghdad
Ireland;Irish;Dublin
Israel;Israeli;Jerusalem
Italy;Italian;Rome
Japan;Japanese;Tokyo
Jordan;Jordanian;Amman
Kazakhstan;Kazakh;Astana
Kenya;Kenyan;Nairobi
Kosovo;Kosovar;Pristina
Kuwait;Kuwaiti;Kuwait City
Kyrgyzstan;Kyrgyz;Bishkek
Lebanon;Lebanese;Beirut
Libya;Libyan;Tripoli
Lithuania;Lithuanian;Vilnius
Latvia;Latvian;Riga
Malaysia;Malaysian;Kuala Lumpur
Mali;Malian;Bamako
Mauritania;Mauritanian;Nouakchott
Mexico;Mexican;Mexico City
Moldova;Moldovan;Chisinau
Mongolia;Mongolian;Ulaanbaatar
Morocco;Moroccan;Rabat
Mozambique;Mozambican;Maputo
Myanmar|Burma;Burmese;Naypyidaw
Nepal;Nepali|Nepalese;Kathmandu
Netherlands|Holland;Dutch;Amsterdam
New Zealand;New Zealander;Wellington
Nicaragua;Nicaraguan;Managua
Niger;Nigerien;Niamey
Nigeria;Nigerian;Abuja
North Korea;North Korean;Pyongyang
Norway;Norwegian;Oslo
Oman;Omani;Muscat
Pakistan;Pakistani;Islamabad
Palestine|Palestinian Territories;Palestinian;Ramallah
Panama;Panamanian;Panama City
Paraguay;Paraguayan;Asuncion
Peru;Peruvian;Lima
Philippines;Filipino|Philippine;Manila
Poland;Polish|Pole;Warsaw
Portugal;Portuguese;Lisbon
Qatar;Qatari;Doha
Romania;Romanian;Bucharest
Russia|Russian Federation;Russian;Moscow
Rwanda;Rwandan;Kigali
Saudi Arabia;Saudi;Riyadh
Senegal;Senegalese;Dakar
Serbia;Serbian|Serb;Belgrade
Singapore;Singaporean;Singapore
Slovakia;Slovak;Bratislava
Slovenia;Slovenian|Slovene;Ljubljana
Somalia;Somali;Mogadishu
South Africa;South African;Pretoria
South Korea|Korea;South Korean|Korean;Seoul
South Sudan;South Sudanese;Juba
Spain;Spanish|Spaniard;Madrid
Sri Lanka;Sri Lankan;Colombo
Sudan;Sudanese;Khartoum
Sweden;Swedish|Swede;Stockholm
Switzerland;Swiss;Bern
Syria;Syrian;Damascus
Taiwan;Taiwanese;Taipei
Tajikistan;Tajik;Dushanbe
Tanzania;Tanzanian;Dodoma
Thailand;Thai;Bangkok
Tunisia;Tunisian;Tunis
Turkey|Turkiye;Turkish|Turk;Ankara
Turkmenistan;Turkmen;Ashgabat
Uganda;Ugandan;Kampala
Ukraine;Ukrainian;Kyiv|Kiev
United Arab Emirates|UAE|Emirates;Emirati;Abu Dhabi
United Kingdom|UK|U.K.|Britain|Great Britain;British|Briton;London
United States|US|U.S.|USA|U.S.A.|America|United States of America;American;Washington
Uruguay;Uruguayan;Montevideo
Uzbekistan;Uzbek;Tashkent
Venezuela;Venezuelan;Caracas
Vietnam;Vietnamese;Hanoi
Yemen;Yemeni;Sanaa
Zambia;Zambian;Lusaka
Zimbabwe;Zimbabwean;Harare
`

/** Cities, regions and provinces often named in international news (GPE). */
const OTHER_GPES = `Alexandria|Aleppo|Homs|Idlib|Raqqa|Mosul|Basra|Erbil|Kirkuk|Fallujah|Benghazi|Misrata|Gaza|Gaza Strip|West Bank|
Jeddah|Mecca|Medina|Dubai|Sharjah|Istanbul|Izmir|Tel Aviv|Haifa|Hebron|Nablus|Jenin|Rafah|Sinai|Port Said|Suez|Luxor|Aswan|Giza|
Marib|Aden|Hodeidah|Taiz|Darfur|Kandahar|Herat|Karachi|Lahore|Mumbai|Kolkata|Shanghai|Hong Kong|Osaka|Sydney|Melbourne|Toronto|
Montreal|Vancouver|New York|New York City|Los Angeles|Chicago|Houston|Boston|San Francisco|Seattle|Miami|Atlanta|Dallas|Detroit|
Philadelphia|Baltimore|Denver|Phoenix|Las Vegas|New Orleans|Texas|California|Florida|Ohio|Virginia|Maryland|Michigan|Iowa|
Arizona|Nevada|Alabama|Georgia|Carolina|North Carolina|South Carolina|Pennsylvania|Illinois|Massachusetts|Oregon|Utah|
Colorado|Kentucky|Tennessee|Louisiana|Minnesota|Wisconsin|Missouri|Indiana|Oklahoma|Kansas|Nebraska|Alaska|Hawaii|Montana|
Idaho|Wyoming|Vermont|Maine|Connecticut|Delaware|New Jersey|New Mexico|New Hampshire|Rhode Island|Mississippi|Arkansas|
Manchester|Liverpool|Birmingham|Glasgow|Edinburgh|Cardiff|Belfast|Scotland|Wales|England|Northern Ireland|Munich|Hamburg|
Frankfurt|Cologne|Milan|Naples|Barcelona|Valencia|Lyon|Marseille|Geneva|Zurich|Rotterdam|St Petersburg|Crimea|Donetsk|
Luhansk|Kharkiv|Odesa|Kurdistan|Catalonia|Quebec|Ontario|Kashmir|Punjab|Tibet|Xinjiang|Chechnya|Washington DC|Washington D.C.|Washington, D.C.`

/** Natural and supranational places: continents, seas, rivers, regions (LOC). */
const LOCATIONS = `Africa|Asia|Europe|North America|South America|Latin America|Middle East|Near East|Far East|Gulf|Persian Gulf|
Arabian Gulf|Arabian Peninsula|Levant|Maghreb|Sahel|Horn of Africa|Balkans|Caucasus|Mediterranean|Red Sea|Dead Sea|Black Sea|
Caspian Sea|Nile|Euphrates|Tigris|Jordan River|Golan Heights|Antarctica|Arctic|Atlantic|Pacific|Indian Ocean|Sahara|
Scandinavia|Southeast Asia|Central Asia|East Africa|West Africa|North Africa|Sub-Saharan Africa|Eastern Europe|Western Europe`

/** Religious, political and ethnic groups (NORP) beyond the national demonyms. */
const GROUPS = `Arab|Arabs|Muslim|Muslims|Christian|Christians|Jewish|Jew|Jews|Coptic|Copts|Copt|Catholic|Catholics|Protestant|
Orthodox|Sunni|Sunnis|Shia|Shiite|Shiites|Shi'ite|Alawite|Alawites|Druze|Kurdish|Kurd|Kurds|Yazidi|Yazidis|Berber|Amazigh|
Bedouin|Hindu|Hindus|Sikh|Buddhist|Islamist|Islamists|Salafi|Salafist|Salafists|Jihadist|Jihadists|Zionist|Democrat|Democrats|
Republican|Republicans|Conservative|Conservatives|Labour|Liberal|Liberals|Socialist|Socialists|Communist|Communists|European|
Europeans|African|Africans|Asian|Asians|Western|Westerners|Latino|Latinos|Hispanic|Pashtun|Tamil|Uighur|Uyghur|Rohingya|
Houthi|Houthis|Palestinians|Israelis|Americans|Egyptians|Syrians|Iraqis|Iranians|Saudis|Turks|Russians|Ukrainians|Libyans|
Lebanese|Yemenis|Sudanese|Afghans|Pakistanis|Indians|Chinese|Britons|Germans|Italians|Mexicans|Canadians|Australians`

export interface CountryEntry {
  names: string[]
  demonyms: string[]
  capitals: string[]
}

function parseCountries(table: string): CountryEntry[] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const [names = '', demonyms = '', capitals = ''] = line.split(';')
      return { names: names.split('|'), demonyms: demonyms.split('|'), capitals: capitals.split('|') }
    })
}

const listOf = (block: string): string[] => block.split('|').map((name) => name.trim()).filter(Boolean)

export const COUNTRIES: readonly CountryEntry[] = parseCountries(COUNTRY_TABLE)

const byName = new Map<string, 'GPE' | 'LOC' | 'NORP'>()
for (const country of COUNTRIES) {
  for (const name of [...country.names, ...country.capitals]) byName.set(name.toLowerCase(), 'GPE')
  for (const demonym of country.demonyms) byName.set(demonym.toLowerCase(), 'NORP')
}
for (const name of listOf(OTHER_GPES)) byName.set(name.toLowerCase(), 'GPE')
for (const name of listOf(LOCATIONS)) byName.set(name.toLowerCase(), 'LOC')
for (const name of listOf(GROUPS)) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), 'NORP')

/** The gazetteer type of a name (case-insensitive), if it is a known place or group. */
export function placeOrGroupType(name: string): 'GPE' | 'LOC' | 'NORP' | undefined {
  return byName.get(name.toLowerCase())
}

/** Longest gazetteer entry in words, so matchers know how far to look ahead. */
export const LONGEST_PLACE_WORDS = Math.max(...[...byName.keys()].map((name) => name.split(/\s+/).length))

/** How a word names a country: by one of its names, its capital, or a demonym. */
export interface CountryMatch {
  country: CountryEntry
  as: 'name' | 'capital' | 'demonym'
}

const countryByWord = new Map<string, CountryMatch>()
for (const country of COUNTRIES) {
  // Names win over capitals and demonyms ("Djibouti", "Singapore" and "Kuwait" are both).
  for (const demonym of country.demonyms) countryByWord.set(demonym.toLowerCase(), { country, as: 'demonym' })
  for (const capital of country.capitals) countryByWord.set(capital.toLowerCase(), { country, as: 'capital' })
  for (const name of country.names) countryByWord.set(name.toLowerCase(), { country, as: 'name' })
}

/**
 * The country a place or group word names (case-insensitive): "Tehran" and "Iranian(s)" give Iran.
 * A leading "the" is ignored ("the Netherlands"); plural demonyms fall back to the singular.
 */
export function countryOf(words: string): CountryMatch | undefined {
  const key = words.trim().replace(/^the\s+/i, '').replace(/\s+/g, ' ').toLowerCase()
  const exact = countryByWord.get(key)
  if (exact) return exact
  const singular = key.endsWith('s') ? countryByWord.get(key.slice(0, -1)) : undefined
  return singular?.as === 'demonym' ? singular : undefined
}
