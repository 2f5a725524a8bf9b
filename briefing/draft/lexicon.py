"""The words a careful reader uses to tell who is speaking in a news article.

Plain word lists: the verbs and nouns that report speech, the small words that stand
between a subject and its verb, titles, the nouns that name people and groups, and
common given names with the gender they usually carry (so "she said" is not given to
a man when a woman is at hand). Nothing here is fitted to an article.
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _forms(stem: str) -> set[str]:
    """The past, third-person and -ing forms of a regular verb ("warn" -> "warned", ...)."""
    if stem.endswith("e"):
        return {stem + "d", stem + "s", stem[:-1] + "ing"}
    if stem.endswith("y") and stem[-2] not in "aeiou":
        return {stem[:-1] + "ied", stem[:-1] + "ies", stem + "ing"}
    if stem.endswith(("sh", "ch", "ss", "x")):
        return {stem + "ed", stem + "es", stem + "ing"}
    return {stem + "ed", stem + "s", stem + "ing"}


# Verbs that report what someone said or wrote, or how they characterised something
# ("called it", "described as", "pounding him as"): a quotation in the same clause is
# theirs. Base forms only where they are rarely nouns ("call", "claim" are often nouns).
_REGULAR = (
    "add ask explain note state declare announce argue insist warn urge claim reply "
    "recall acknowledge continue tweet post call describe denounce concede conclude "
    "contend maintain assert stress emphasize emphasise observe predict promise vow pledge "
    "proclaim boast chant shout yell scream demand respond answer question suggest "
    "testify report label brand term deem praise criticize criticise condemn blast "
    "accuse attack mock dismiss liken cite whisper muse remark reiterate repeat confirm "
    "deny charge allege counter pound hammer lambaste tout hail blame scold chide wonder "
    "speculate caution advise plead exclaim cry mutter complain lament bemoan decry joke "
    "interject rule rate thank exhort invoke recount complain reason gush sneer snap "
    "grumble boom tease taunt rail rant retort declare profess opine mention laud applaud "
    "commend compare characterize characterise"
)
_IRREGULAR = (
    "said says say saying told tells telling wrote writes writing write sang sings singing "
    "admitted admits admitting quipped quips quipping slammed slams slamming dubbed dubs "
    "dubbing labeled labelled labeling labelling referred refers referring bragged brags "
    "bragging wired wires spoke speaks speaking read reads reading"
)
SPEECH_VERBS = frozenset(
    {form for stem in _REGULAR.split() for form in _forms(stem)} | set(_IRREGULAR.split())
)
"""Every form that reports speech when it follows its subject."""
BASE_VERBS = frozenset(_REGULAR.split()) | {"say", "tell", "write", "sing", "admit", "quip"}
"""The bare forms, which are speech only after "to", a modal or a plural subject ("they
call it"), since "a call", "the claim" are nouns."""


# Nouns that carry someone's words: "Trump's claim that ...", "her description of it as".
SPEECH_NOUNS = wordset(
    "claim claims statement statements words remarks comment comments description promise "
    "pledge warning tweet tweets letter assertion argument message speech slogan question "
    "response answer vow announcement testimony accusation reference references call calls "
    "insistence prediction phrase characterization characterisation boast retort plea "
    "complaint criticism"
)

PRONOUNS = {"he": "m", "she": "f"}
OTHER_PRONOUNS = wordset("they we i you it who which that this")

# Words that can stand between a subject and its verb: "Trump has long said",
# "Smith also told", "the official later added".
BETWEEN = wordset(
    "has have had was were is are will would could can may might must shall should did "
    "does do been being also later then once again previously earlier repeatedly often "
    "still further simply even just never always first quickly openly flatly publicly "
    "privately reportedly frequently immediately subsequently ultimately finally "
    "initially separately specifically explicitly directly long not n't already recently "
    "too now today yesterday tonight herself himself themselves itself ever actually "
    "herself in particular"
)

DETERMINERS = wordset(
    "the a an one this that these those his her its their our my your some many several "
    "two three four five both each another any most few other such all no"
)
PREPOSITIONS = wordset(
    "in on at to for with by from of as about into over under after before during since "
    "until against among between near without within through across behind toward towards "
    "like upon via per than including despite amid"
)
SUBORDINATORS = wordset(
    "when while after before as if although though because since until unless once whether "
    "where whereas following during in on at amid despite without with by from for to "
    "speaking asked asking giving given according"
)
CONJUNCTIONS = wordset("and but or yet so nor however meanwhile still instead then also now")

# The roles news gives people ("a spokeswoman for the ministry"), and the organisations
# they speak for.
ROLE_NOUNS = wordset(
    "spokesman spokeswoman spokesperson official officer analyst secretary minister envoy "
    "ambassador president director chief head leader commander general colonel adviser "
    "advisor expert researcher professor fellow writer author correspondent reporter "
    "journalist editor founder chairman chairwoman chair member lawmaker senator governor "
    "mayor deputy aide diplomat negotiator instructor trainer economist scholar executive "
    "coordinator administrator strategist historian specialist lawyer attorney prosecutor "
    "activist"
)
ORG_WORDS = wordset(
    "Ministry Department Council Agency Command Army Navy Forces Group Press Office "
    "Committee Commission Union Parliament Assembly Senate Congress Government Party Front "
    "Movement Institute University Bank Fund Organization Organisation Alliance Service "
    "Corporation Company Court Embassy Coalition Foundation Association Bureau Authority"
)

# People and the groups and papers that speak for them: the heads of descriptions that
# can be speakers ("one of the trainers", "the ad's narrator", "a statement").
PERSON_NOUNS = ROLE_NOUNS | wordset(
    "man woman men women person people candidate nominee campaign congressman "
    "congresswoman representative delegate judge justice sheriff commissioner host anchor "
    "narrator voter resident student teacher parent mother father wife husband son "
    "daughter sister brother friend neighbor neighbour witness victim survivor veteran "
    "doctor nurse worker employee owner manager organizer organiser protester demonstrator "
    "supporter critic opponent ally insider source observer pollster consultant "
    "operative staffer surrogate businessman businesswoman entrepreneur donor citizen "
    "immigrant refugee priest pastor bishop rabbi imam cleric scientist engineer "
    "actor actress singer rapper artist producer comedian player coach fan "
    "soldier trooper agent detective investigator inspector auditor regulator "
    "widow widower chancellor premier king queen prince princess pope clerk "
    "administration government ministry department agency committee council party "
    "commission court board panel group organization organisation association union "
    "company firm bank network newspaper paper magazine outlet channel station website "
    "site report poll survey study statement ad memo letter document filing complaint "
    "article editorial column piece book clip video spot tweet "
    "lawsuit ruling police military army junta regime embassy office team staff "
    "republicans democrats officials critics family relatives allies aides partner colleague "
    "cousin aunt uncle niece nephew boss assistant spouse girlfriend boyfriend grandmother "
    "grandfather"
)
# Papers that speak for whoever issued them: "the Council issued a statement calling ...".
DOCUMENT_NOUNS = wordset(
    "statement report letter memo ad advertisement poll filing ruling study survey "
    "document release communique complaint order decision brief article editorial column "
    "piece book clip video spot"
)
FEMALE_NOUNS = wordset(
    "woman women spokeswoman chairwoman congresswoman businesswoman mother wife daughter "
    "sister actress widow queen princess girl grandmother aunt niece"
)
MALE_NOUNS = wordset(
    "man men spokesman chairman congressman businessman father husband son brother actor "
    "widower king prince boy grandfather uncle nephew"
)

# Titles written out in full before a name: "Representative Charles B. Rangel".
TITLE_WORDS = wordset(
    "President Vice Senator Representative Congressman Congresswoman Governor Mayor Secretary "
    "Speaker Leader Chairman Chairwoman Chair Director Commissioner Chief Justice Judge "
    "Ambassador Minister Premier Chancellor Delegate Councilman Councilwoman Assemblyman "
    "Assemblywoman Sheriff Officer Detective Sergeant Captain Lieutenant Colonel General "
    "Admiral Professor Reverend Pastor Rabbi Bishop Father Sister Brother Cardinal Pope "
    "King Queen Prince Princess Sheikh Attorney Prosecutor Host Anchor Coach Dean Emir "
    "Former Acting Deputy Assistant Associate Senior Press Prime Supreme Majority Minority "
    "Whip Inspector Auditor Comptroller Treasurer Superintendent Spokesman Spokeswoman "
    "Republican Republicans Democratic Democrat Democrats Libertarian GOP Independent"
)
TITLE_ABBREVIATIONS = wordset(
    "Gen. Lt. Col. Maj. Brig. Adm. Sgt. Capt. Cmdr. Sen. Rep. Gov. Dr. Mr. Mrs. Ms. Prof. "
    "Rev. Amb. Del. Sens. Reps. Supt. Det. Atty. Insp. Pres. Sec. Lt.Gov. Gov.-elect"
)
# Small words a headline leaves in lower case ("Trump Calls Clinton a 'Disgrace' Over ...").
HEADLINE_SMALL_WORDS = wordset(
    "a an and as at but by for from in into of on or over the to up with vs"
)
# What an abbreviated title stands for, so "the senator" finds "Sen. Ruth Kane".
TITLE_MEANING = {
    "Sen.": "senator",
    "Rep.": "representative",
    "Gov.": "governor",
    "Gen.": "general",
    "Del.": "delegate",
    "Amb.": "ambassador",
    "Prof.": "professor",
    "Adm.": "admiral",
    "Col.": "colonel",
    "Capt.": "captain",
    "Sgt.": "sergeant",
    "Dr.": "doctor",
}
NUMBER_WORDS = wordset(
    "Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty "
    "Thirty Forty Fifty Sixty Seventy Eighty Ninety Hundred Thousand Million Billion "
    "One Two Three Four Five Six Seven Eight Nine Ten"
)
HONORIFIC_GENDER = {"Mr.": "m", "Mrs.": "f", "Ms.": "f", "Miss": "f", "Sir": "m", "Dame": "f"}
NAME_SUFFIXES = wordset("Jr. Sr. Jr Sr II III IV")
PARTICLES = wordset("de del della di da du van von der den ter bin ibn al el la le dos das st.")

# The last word of an organisation's or a place's name, never of a person's.
ORG_TAILS = ORG_WORDS | wordset(
    "College School Times Post News Journal Tribune Herald Globe Review Magazine Network "
    "Radio Television Report Daily Weekly Gazette Register Inquirer Examiner Chronicle Star "
    "Sun Center Centre House Hall Street Avenue Road City County State States Republic "
    "Kingdom Nations Island Islands Valley Springs Beach Park Square Club Church Hospital "
    "Airport Inc. Inc Corp. Corp Co. LLC Ltd. Ltd Administration Caucus Conference "
    "Convention Forum Project Campaign Fed Reserve Board Panel Channel Show Program Act "
    "Amendment Bill Plan Fact Watch Federation League Society Trust Partnership"
)
# Capitalised words that begin a sentence without being anyone's name.
NOT_NAMES = wordset(
    "The A An But And Or Yet So In On At To Of By For From With After Before During Following "
    "Since Until While When As If This That These Those There It He She They We I You His Her "
    "Its Their Our My Your Last Next Earlier Later Still However Meanwhile Instead Now Then "
    "Also Here What Why How Who Whom Whose Which Where Some Many Most Several Both Each Every "
    "All Any Another Other Such No Not Only Even Just Yes Thus Though Although Because "
    "Despite Unlike Like Among Asked Speaking According Under Over Without Within Through "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Today Tonight Yesterday "
    "One Two Three Four Five Six Seven Eight Nine Ten First Second Third "
    "Let Please Dear Sure Well Oh Read Watch See Follow Click Editor Update Correction Note "
    "Neither Either Nor Whether Perhaps Maybe Indeed Regardless Besides Unless Once Hence "
    "Therefore Otherwise Nevertheless Nonetheless Overall Conversely Similarly Likewise "
    "Ironically Notably Asked Told Said "
    "Photo Video Getty Instagram Twitter Facebook"
)

# Given names that usually belong to one gender. A reader uses them the same way: "she
# said" after "Trump and Clinton" is Clinton. Names given to either gender are left out.
MALE_NAMES = wordset(
    "Aaron Abdul Adam Ahmed Al Alan Albert Alberto Alex Alexander Alfred Ali Allen Andre "
    "Andrew Andy Anthony Antonio Arthur Barack Barry Ben Benjamin Bernard Bernie Bill Billy "
    "Bob Bobby Boris Brad Bradley Brandon Brett Brian Bruce Bryan Calvin Carl Carlos Cecil "
    "Chad Charles Charlie Chris Christopher Chuck Clarence Clint Colin Craig Curtis Dale Dan "
    "Daniel Danny Darrell Dave David Dennis Derek Dick Don Donald Doug Douglas Duane Dwight "
    "Earl Ed Eddie Edgar Eduardo Edward Edwin Elijah Emmanuel Eric Ernest Eugene Francis "
    "Francisco Frank Franklin Fred Frederick Gabriel Gary Gene George Gerald Glenn Gordon "
    "Greg Gregory Hakeem Hank Harold Harry Harvey Hassan Hector Henry Herbert Howard Hugh "
    "Ian Isaac Ivan Jack Jacob Jake James Jamal Jared Jason Javier Jay Jeb Jeff Jeffrey "
    "Jeremy Jerome Jerry Jesse Jesus Jim Jimmy Joe Joel John Johnny Jon Jonathan Jorge Jose "
    "Joseph Josh Joshua Juan Julian Julio Justin Karl Keith Ken Kenneth Kevin Kurt Kyle "
    "Lamar Larry Lawrence Leon Leonard Lester Lloyd Louis Luis Luke Malcolm Manuel Marco "
    "Marcus Mario Mark Martin Marvin Matt Matthew Maurice Max Melvin Michael Miguel Mike "
    "Mitch Mitt Mohammed Muhammad Nathan Neil Newt Nicholas Nick Nigel Norman Omar Oscar "
    "Otis Patrick Paul Pedro Peter Phil Philip Ralph Randy Raul Raymond Reginald Reince "
    "Ricardo Richard Rick Rob Robert Roberto Rod Rodney Roger Ron Ronald Roy Rudy Russell "
    "Ryan Sam Samuel Scott Sean Sergei Sergio Seth Shane Sherrod Stanley Stephen Steve "
    "Steven Stuart Ted Terrence Theodore Thomas Tim Timothy Todd Tom Tommy Tony Travis "
    "Trevor Troy Tyler Vernon Victor Vincent Vladimir Walter Warren Wayne Wesley Willie "
    "William Xavier Zachary"
)
FEMALE_NAMES = wordset(
    "Abigail Adriana Alice Alicia Alison Allison Amanda Amber Amy Ana Andrea Angela Anita "
    "Ann Anna Anne Annie Ariana Ashley Audrey Barbara Beatriz Betsy Betty Beverly Brenda "
    "Brittany Candace Carla Carly Carmen Carol Caroline Carolyn Catherine Cathy Charlotte "
    "Chelsea Cheryl Christina Christine Cindy Claire Claudia Condoleezza Connie Crystal "
    "Cynthia Dana Danielle Debbie Deborah Debra Denise Diana Diane Dianne Donna Doris "
    "Dorothy Elaine Eleanor Elena Elizabeth Ellen Emily Emma Erica Erin Esther Eva Evelyn "
    "Florence Frances Gabriela Gennifer Gina Gloria Grace Hannah Heather Heidi Helen Hillary "
    "Holly Ivanka Jacqueline Jacklyn Jane Janet Janice Jasmine Jean Jeanne Jennifer Jessica "
    "Jill Joan Joanna Josephine Joyce Judith Judy Julia Julie Karen Kate Katherine Kathleen "
    "Kathryn Kathy Katie Kayla Kellyanne Kimberly Kirsten Krystal Laura Lauren Leah Linda "
    "Lisa Loretta Lori Lorraine Louise Lucy Lynn Madeleine Malkia Margaret Maria Marie "
    "Marilyn Marsha Martha Mary Maxine Megan Megyn Melania Melanie Melinda Melissa Michelle "
    "Minyon Molly Monica Nancy Natalie Nicole Nikki Nina Norma Olivia Pamela Patricia Patty "
    "Paula Peggy Rachel Rebecca Regina Rita Rosa Rose Ruth Sally Samantha Sandra Sara Sarah "
    "Sharon Sheila Shirley Sonia Sonya Sophia Stacey Stacy Stephanie Susan Susana Suzanne "
    "Sylvia Tamara Tammy Teresa Theresa Tiffany Tina Valerie Vanessa Veronica Victoria "
    "Virginia Wanda Wendy Yolanda"
)
