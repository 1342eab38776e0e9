/**
 * Places: the distinctive words of England's local authority areas, the areas
 * local safeguarding children partnerships cover.
 *
 * Leaders name their own area ("what does Surrey do for scrutiny"). When the
 * corpus has nothing on that area, the name is what the question is about; it
 * is not a typo to be "corrected" into a corpus word (Surrey → survey).
 * Lower case, one word each: for "West Sussex" the word that tells it apart.
 */
import { stem } from './analyser.js';

const PLACE_WORDS = `
barnsley bath bedford bedfordshire birmingham blackburn blackpool bolton bournemouth bracknell bradford brent brighton
bristol bromley buckinghamshire bury calderdale cambridgeshire camden cheshire cornwall coventry croydon cumberland
cumbria darlington derby derbyshire devon doncaster dorset dudley durham ealing enfield essex gateshead gloucestershire
greenwich hackney halton hammersmith fulham hampshire haringey harrow hartlepool havering hertfordshire hillingdon hounslow
hull islington kensington chelsea kent kingston kirklees knowsley lambeth lancashire leeds leicester leicestershire
lewisham lincolnshire liverpool luton manchester medway merton middlesbrough keynes newcastle newham norfolk
northamptonshire northumberland nottingham nottinghamshire oldham oxfordshire peterborough plymouth portsmouth reading
redbridge redcar cleveland richmond rochdale rotherham rutland salford sandwell sefton sheffield shropshire slough
solihull somerset southampton southend southwark staffordshire stockport stockton stoke suffolk sunderland surrey sutton
swindon tameside telford wrekin thurrock torbay trafford wakefield walsall waltham wandsworth warrington warwickshire
berkshire westminster wigan wiltshire windsor maidenhead wirral wokingham wolverhampton worcestershire york yorkshire
sussex barking dagenham bexley barnet hamlets herefordshire isles scilly wight tyneside northumbria humberside
`;

const PLACES = new Set(PLACE_WORDS.split(/\s+/).filter(Boolean));

/** True for the distinctive word of an English local authority area (normalised, not stemmed). */
export function isPlaceWord(norm: string): boolean {
  return PLACES.has(norm);
}

let placeTerms: Set<string> | undefined;

/** True for the index term of a place word: a slip corrected to it ("birmingam") names that place too. */
export function isPlaceTerm(term: string): boolean {
  placeTerms ??= new Set([...PLACES].map(stem));
  return placeTerms.has(term);
}
