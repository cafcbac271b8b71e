# ruff: noqa: E501  (verbatim footnotes are data: long lines are kept exactly as in the report)
"""Real footnotes and sidebars of the ICMEC report, copied verbatim, and a document builder.

Each entry is the exact text of the footnote as it appears in
references/technology-facilitated-child-sex-trafficking-2018.md (without its superscript number;
page-break continuations joined as they are in the report).
"""

from __future__ import annotations

from pathlib import Path

BUNDLED = (
    Path(__file__).resolve().parents[2]
    / "references"
    / "technology-facilitated-child-sex-trafficking-2018.md"
)

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def sup(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def document(*notes: str, first: int = 1, sidebars: tuple[str, ...] = ()) -> str:
    """A report with one body paragraph carrying a marker per note, then the footnotes."""
    numbers = range(first, first + len(notes))
    body = "Body text." + "".join(f" Claim {n}.{sup(n)}" for n in numbers)
    boxes = "".join(f"\n\nA boxed case study.\n\nSource: {text}" for text in sidebars)
    footnotes = "\n\n".join(f"{sup(n)} {text}" for n, text in zip(numbers, notes, strict=True))
    return f"{body}{boxes}\n\n{footnotes}\n"


def numbered(notes: dict[int, str]) -> str:
    """A report whose footnotes keep the numbers given (gaps allowed), markers in the body."""
    order = sorted(notes)
    body = "Body text." + "".join(f" Claim {n}.{sup(n)}" for n in order)
    return body + "\n\n" + "\n\n".join(f"{sup(n)} {notes[n]}" for n in order) + "\n"


NOTES = {
    1: (
        "*Terminology Guidelines for the Protection of Children from Sexual Exploitation and Sexual Abuse*, Interagency Working Group on Sexual Exploitation of Children, Luxembourg, Jan. 28, 2016, K.1.iv, 59, at <http://luxembourgguidelines.org/english-version/> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children), (Stating in relevant part: “00: Article 3(d) of the Protocol to Prevent, Suppress, and Punish Trafficking in Persons, especially Women and Children, supplementing the UN Convention against Transnational Organized Crime (‘the Palermo Protocol’), defines the child as ‘any person under 18 years of age.’”)."
    ),
    2: (
        "The terms “trafficking of children for sexual purposes” and “child sex trafficking” are used interchangeably throughout this report."
    ),
    5: (
        "“Of reports received by NCMEC to the CyberTipline from members of the public regarding suspected child sex trafficking, 73% related to ads on Backpage.com. Survivor organization My Life My Choice has stated that approximately half of the clients with whom they work were trafficked online. Other research has found that 63% of human trafficking victims interviewed were advertised online.” See, United States House of Representatives Committee on the Judiciary, Subcommittee on Crime, Terrorism, Homeland Security, and Investigations, *Testimony of Mary Graw Leary*, 2017, at <https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf> (last visited Oct. 5, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    6: (
        "The Vienna Forum to fight Human Trafficking, Austria Center Vienna Background Paper, *Workshop: Profiling the Traffickers*, United Nations Global Initiative to Fight Human Trafficking (UN.GIFT), at <https://www.unodc.org/documents/human-trafficking/2008/BPO16ProfilingtheTraffickers.pdf> (last visited Oct. 5, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    9: (
        "Judge Herbert B. Dixon, Jr., *Human Trafficking and the Internet*(and Other Technologies, too)*, 2013, The American Bar Association, THE JUDGES JOURNAL, at https://www.americanbar.org/publications/judges_journal/2013/winter/human_trafficking_and_internet_and_other_technologies_too.html (last visited Oct. 5, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    10: (
        "*Family Members Linked to Nearly Half of Child Trafficking: New IOM, Polaris Data*, International Organization for Migration (IOM), Nov. 28, 2017, at <https://www.iom.int/news/family-members-linked-nearly-half-child-trafficking-new-iom-polaris-data> (last visited Oct. 5, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    12: (
        "Mark Latonero, *Human Trafficking Online: The Role of Social Networking Sites and Online Classifieds* 12, USC ANNENBERG SCHOOL FOR COMMUNICATION & JOURNALISM, Center on Communication Leadership & Policy Research Series: Sep. 2011, at https://technologyandtrafficking.usc.edu/files/2011/09/HumanTrafficking_FINAL.pdf (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    13: (
        "Baylee Molloy, *The Economics of Human Trafficking*, Institute for Faith, Work & Economics, Apr. 12, 2016, at <https://tifwe.org/the-economics-of-human-trafficking/> (last visited Oct. 5, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    15: ("Mark Latonero, *supra* note 12, at 15."),
    20: (
        "UN Sustainable Development Goals, Goal 16: Peace, Justice and Strong Institutions, at <https://www.un.org/sustainabledevelopment/peace-justice/> (last visited Sep. 30, 2018)."
    ),
    21: (
        "Resolution adopted by the General Assembly on 25 September 2015 [without reference to a Main Committee (A/70/L.1)] 70/1. *Transforming our world: the 2030 Agenda for Sustainable Development*, Oct. 2015, at http://www.un.org/ga/search/view_doc.asp?symbol=A/RES/70/1&Lang=E (last visited Sep. 30, 2018)."
    ),
    27: (
        "The “sale of children” is defined in Article 2 of the UN Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography as “any act or transaction whereby a child is transferred by any person or group of persons to another for remuneration or any other consideration.” See, UN Human Rights Office of the High Commissioner, Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography, 2000, at <https://www.ohchr.org/EN/ProfessionalInterest/Pages/OPSCCRC.aspx> (last visited Oct. 5, 2018)."
    ),
    29: ("*Id.* at K.3., 61."),
    30: ("*Id.*"),
    34: (
        "*Id.* at F.4.i, 38. Child sexual abuse material (child pornography) is defined in Article 2 of the UN Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography as “any representation, by whatever means, of a child engaged in real or simulated explicit sexual activities or representation of the sexual parts of a child for primarily sexual purposes.” See, UN Human Rights Office of the High Commissioner, Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography, *supra* note 27."
    ),
    37: (
        "Paula Sellars, *The Relationship Between Pornography, Trafficking, and the Sexual Abuse of Children*, Two Minutes for Prevention series, Stewards of Children, at <https://www.d2l.org/the-relationship-between-pornography-trafficking-and-the-sexual-abuse-of-children/> (last visited Oct. 5, 2018) (on file with the International Centre for Missing and Exploited Children)."
    ),
    38: (
        "Abby R. Perer, *Policing the Virtual Red Light District: A Legislative Solution to the Problems of Internet Prostitution and Sex Trafficking*, BROOKLYN LAW REVIEW, Vol. 77, Issue 2, Art. 9 (2012), at <https://brooklynworks.brooklaw.edu/cgi/viewcontent.cgi?article=1166&context=blr> (last visited Oct. 5, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    45: (
        "Bitcoin is an independent online monetary system that combines some of the features of cash and existing online payment methods. Bitcoins are known for the anonymity they provide their users, a draw for illegal entities such as the Silk Road enterprise and other illicit purchases on the dark web. See, Sarah Meiklejohn, et al., *A Fistful of Bitcoins: Characterizing Payments Among Men With No Names*, University of California – San Diego, George Mason University, 2016, at <https://cseweb.ucsd.edu/~smeiklejohn/files/imc13.pdf> (last visited Oct. 5, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    51: (
        "Charrita Ernewein and Rose Nieves, *Human Sex Trafficking: Recognition, Treatment, And Referral Of Pediatric Victims*, THE JOURNAL FOR NURSE PRACTITIONERS 11 (2015): 797-803 (on file with the International Centre for Missing and Exploited Children)."
    ),
    53: (
        "James A. Levine, *Mental health issues in survivors of sex trafficking*, COGENT MEDICINE 3 (2017): 1-13 (last visited Oct. 9, 2018) (on file with the International Centre for Missing and Exploited Children)."
    ),
    64: (
        "Internet Watch Foundation (IWF), *Trends in Online Child Sexual Exploitation: Examining the Distribution of Captures of Live-streamed Child Sexual Abuse* 18, May 2018, at <https://www.iwf.org.uk/sites/default/files/inline-files/Distribution%20of%20Captures%20of%20Live-streamed%20Child%20Sexual%20Abuse%20FINAL.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    66: (
        "ECPAT International, *Trends in Online Child Sexual Abuse Material* 5, Apr. 2018, at <http://www.ecpat.org/wp-content/uploads/2018/07/ECPAT-International-Report-Trends-in-Online-Child-Sexual-Abuse-Material-2018.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    68: (
        "ECPAT International, *Protecting Children from Online Sexual Exploitation: A Guide to Action for Religious Leaders and Communities* 10, Jun. 2016, at [https://www.unicef.org/protection/files/FBO_Guide_for_Religious_Leaders_and_Communities_ENG\\(1\\).pdf](https://www.unicef.org/protection/files/FBO_Guide_for_Religious_Leaders_and_Communities_ENG(1).pdf) (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    72: (
        "The United States Department of Justice, *Child Sex Trafficking*, at <https://www.justice.gov/criminal-ceos/child-sex-trafficking> (last visited Oct. 9, 2018). (“Victims are heavily conditioned to remain loyal to the trafficker and to distrust law enforcement.”)"
    ),
    73: (
        "Samantha Raphelson, *Cyntoia Brown Case Highlights How Child Sex Trafficking Victims are Prosecuted*, NPR, Dec. 1, 2017, at <https://www.npr.org/2017/12/01/567789605/cyntoia-brown-case-highlights-how-child-sex-trafficking-victims-are-prosecuted> (last visited Oct. 9, 2018). (“Each year, more than 1,000 children are arrested for prostitution in the U.S.”) See also, Howard N. Snyder, *Arrest in the United States, 1990-2010*, Bureau of Justice Statistics, at <https://www.bjs.gov/content/pub/pdf/aus9010.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    80: (
        "See, *Criminalization of Trafficking Victims: Submission to the United Nations Universal Periodic Review of United States of America*, Second Cycle 22nd Session of the UPR, Human Rights Council, Apr.-May 2015, at <http://www.law.cuny.edu/academics/clinics/iwhr/publications/Criminalization-of-Trafficking-Victims.pdf> (last visited Oct. 9, 2018)."
    ),
    88: (
        "Erin I. Kunze, *Sex Trafficking Via The Internet: How International Agreements Address The Problem and Fail to go Far Enough* 252, SUFFOLK JOURNAL OF HIGH TECHNOLOGY LAW, 2010, at https://www.suffolk.edu/documents/jhtl_publications/kunze.pdf (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    89: (
        "Stephen Webster et al., *European Online Grooming Project: Final Report* 9, European Commission Safer Internet Plus Programme, Mar. 2012, at <http://natcen.ac.uk/media/22514/european-online-grooming-projectfinalreport.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    90: (
        "Council of Europe, *Trafficking in human beings: Internet recruitment* 21-22, 2007, at <https://rm.coe.int/16806eeec0> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children). See also, Alex Whiting, *Tech-Savvy sex traffickers stay head of authorities as lure teens online*, REUTERS, Nov. 15, 2015, at <https://www.reuters.com/article/us-women-conference-traffickers-idUSKCN0T502420151116> (last visited Oct. 9, 2018)."
    ),
    91: ("Erin I. Kunze, *supra*, note 88."),
    92: (
        '"For young people, the danger of falling into the traffickers\' clutches has increased substantially. Seemingly innocent web sites, such as "chat-rooms" – extended versions of the Web discussion sites, open to all surfers – can be highly dangerous as well." See, Council of Europe, Trafficking in human beings: Internet recruitment, *supra* note 90.'
    ),
    93: (
        "Natalie McClain and Stacy E. Garrity, *Sex Trafficking and The Exploitation of Adolescents* 245, JOURNAL OF OBSTETRIC, GYNECOLOGIC, & NEONATAL NURSING, Vol. 40 Issue 2: 243-252, Feb. 2011 (on file with the International Centre for Missing & Exploited Children)."
    ),
    101: (
        "Mark Latonero, *supra* note 12, at 20. See also, Thorn, *A Report on the Use of Technology to Recruit, Groom and Sell Domestic Minor Sex Trafficking Victims* 19, at https://27f511qnwey246mkc1vzqg0-wpengine.netdna-ssl.com/wp-content/uploads/2015/02/Survivor_Survey_r5.pdf (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    117: (
        "Elizabeth M. Wheaton, Edward J. Schauer, and Thomas V. Galli, *Economics of Human Trafficking* 124, *International Migration* Vol. 48 (4) 2010 (on file with the International Centre for Missing & Exploited Children)."
    ),
    119: (
        "Council of Europe, *Trafficking in human beings: Internet recruitment*, *supra* note 90."
    ),
    123: (
        "Juliane Kloess, Catherine Hamilton-Giachritsis, and Anthony Beech, *Offense Processes of Online Sexual Grooming and Abuse of Children Via Internet Communication Platforms*, Jun. 2017, *SEXUAL ABUSE: A JOURNAL OF RESEARCH AND TREATMENT* (on file with the International Centre for Missing & Exploited Children). See also, Kemal Veli, *Sexual Extortion of Children in Cyberspace*, Dec. 2016, *INTERNATIONAL JOURNAL OF CYBER CRIMINOLOGY*, 10(2), at <http://www.cybercrimejournal.com/Kemalvol10issue2IJCC2016.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    124: (
        "Sriyani Tidball, Mingying Zheng, and John Creswell, *Buying Sex On-Line From Girls: NGO Representatives, Law Enforcement Officials, And Public Officials Speak Out About Human Trafficking-A Qualitative Analysis* 53-68, Jul. 2015, GENDER ISSUES, at <https://link.springer.com.proxygw.wrlc.org/content/pdf/10.1007%2Fs12147-015-9146-1.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    128: (
        "Gabrielle Fonrouge, *The sick tactics sex traffickers use to find victims*, NEW YORK POST, Apr. 17, 2017, at <https://nypost.com/2018/04/17/how-sex-traffickers-hunt-for-victims-and-brainwash-them/> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    130: ("Thorn, *supra* note 101, at 10."),
    131: (
        "Thorn, *Survivor Insights: The Role of Technology in Domestic Minor Sex Trafficking* 8, Jan. 2018, at http://27f5111qnwey246mkc1vzqg0-wpengine.netdna-ssl.com/wp-content/uploads/2018/06/Thorn_Survivor_Insights_061118.pdf (last visited Oct. 9, 2018). But see, Polaris, *The Average Age of Entry Myth*, Jan. 5, 2016, at <https://polarisproject.org/blog/2016/01/05/average-age-entry-myth> (indicating that the 12-14 average age statistic is often quoted by NGOs but may not be accurate. Many studies indicating a higher mean age may combine child sex trafficking victims with adult victims and adults engaged in prostitution. For purposes of this paper, ICMEC refers only to studies on children under the age of 18 at the time of their first trafficking experience.)"
    ),
    132: (
        "*Id.* See also, Janis Wolak, David Finkelhor, Kimberly Mitchell, and Michele Ybarra, *Online ‘Predators’ and Their Victims: Myths, Realities, and Implications for Prevention and Treatment*, AMERICAN PSYCHOLOGIST, Aug. 2010, 63(2):111-128, at <http://www.unh.edu/ccrc/pdf/Am%20Psy%202-08.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    133: ("*Id.*"),
    143: ("Natalie McClain and Stacy E. Garrity, *supra* note 93."),
    146: ("Thorn, *Survivor Insights*, *supra* note 131."),
    149: (
        "Dan Whitcomb, *Facebook, responding to lawsuit, says sex trafficking banned on site*, REUTERS, Oct. 3, 2018, at <https://www.reuters.com/article/us-sex-trafficking-facebook-lawsuit/facebook-responding-to-lawsuit-says-sex-trafficking-banned-on-%09site-idUSKCN1MEQ38> (last visited Oct. 11, 2018). See also, Daniel Kreps, *Craigslist Removes Personal Ads After Sex Trafficking Act Passes*, ROLLING STONE, Mar. 23, 2018, at <https://www.rollingstone.com/culture/culture-news/craigslist-removes-personal-ads-after-sex-trafficking-act-passes-204835/> (last visited Oct. 11, 2018)."
    ),
    154: (
        "United States Senate, Permanent Subcommittee on Investigations; Committee on Homeland Security and Governmental Affairs; Human Trafficking Investigation, *Recommendation to Enforce a Subpoena Issued to the CEO of Backpage.com, LLC*, Nov. 15, 2015, at <https://www.hsgac.senate.gov/subcommittees/investigations/hearings/human-trafficking-investigation> (last visited Oct. 9, 2018)."
    ),
    157: (
        "Elizabeth Schumacher, *Deutsche Well*, Sex workers leave Twitter for Switter after controversial US law, USA TODAY, Jun. 29, 2018, at <https://www.usatoday.com/story/news/world/2018/06/29/fosta-sex-workers-leave-twitter-switter-after-us-law/744989002/> (last visited Oct. 8, 2018)."
    ),
    164: (
        "Livestreaming occurs when a child is forced to appear in front of a webcam to engage in sexual behavior or to be subjected to sexual abuse. The abuse is streamed over the Internet to paying customers who view the acts and may request a particular type of abuse to be viewed over the webcam in real time. See, ECPAT International, *Live streaming of child sexual abuse in real-time*, at http://www.ecpat.org/wp-content/uploads/legacy/SECO%20Manifestations_Live%20streaming%20of%20child%20sexual%20abuse%20in%20real-time_0.pdf (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    168: (
        "Written evidence submitted by International Justice Mission UK (PCB 27) Policing and Crime Bill Part 9, Chapter 1, Clause 107: Child Sexual Exploitation, Apr. 2016, at <https://publications.parliament.uk/pa/cm201516/cmpublic/policingandcrime/memo/pcb27.pdf> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    175: (
        "Human Trafficking and The Dark Web, DARPA Please Help!, *supra* note 170. See also, Andy Greenberg, *Over 80 Percent of Dark-Web Visits Relate to Pedophilia, Study Finds*, WIRED, Dec. 30, 2014, at <https://www.wired.com/2014/12/80-percent-dark-web-visits-relate-pedophilia-study-finds/> (last visited Oct. 9, 2018)."
    ),
    176: (
        "Dark Net, Season 1, Episode 3 - Script, *Exploit*, Director Mati Kochavi, SHOWTIME, aired Feb. 4, 2016, at https://www.springfieldspringfield.co.uk/view_episode_scripts.php?tv-show=dark-net-2016&episode=s01e03 (last visited Oct. 2, 2018). See also, *Unmasking the “Dark Net” with Vocativ’s Mati Kochavi*, FAST COMPANY, Jan. 21, 2016, at <https://www.fastcompany.com/3055605/unmasking-the-dark-net-with-vocativs-mati-kochavi> (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    177: (
        "Andy Greenberg, *supra* note 175. See also, Dr. Gareth Owenson & Nick Savage, *The Tor Dark Net*, Global Commission on Internet Governance Paper Series – Paper No. 20, University of Portsmouth, Sep. 30, 2015, at <https://www.cigionline.org/publications/tor-dark-net> (last visited Oct. 11, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    182: ("Dark Net, Season 1, Episode 3 – Script, *supra* note 176."),
    183: ("*Id.*"),
    186: (
        "Jeff Francis, *Police Say Human Traffickers are Turning to Bitcoin*, BITCOINIST, Oct. 15, 2017, at <https://bitcoinist.com/police-say-human-traffickers-are-turning-to-bitcoin/> (last visited Oct. 8, 2018). See also, Michelle Lillie, *supra* note 36."
    ),
    191: ("Jeff Francis, *supra* note 186."),
    192: ("Sarah Meiklejohn, et al., *supra* note 45, at 2."),
    193: ("*Id.* at 1."),
    197: (
        "Eric Jhonsa, *How Venmo is Turning Into PayPal’s Instagram*, THE STREET, Jun. 26, 2018, at <https://www.thestreet.com/technology/why-venmo-is-turning-into-paypals-instagram-14633301> (last visited Oct. 9, 2018). See generally, Venmo, at <https://venmo.com/> (last visited Oct. 9, 2018)."
    ),
    209: (
        "Lauren Debter, *Western Union Slammed for Aiding Crooks, Agrees To Pay \\$586 Million*, Forbes, Jan. 19, 2017, at <https://www.forbes.com/sites/laurengensler/2017/01/19/western-union-anti-money-laundering-consumer-fraud-violations/#5b3e39da7238> (last visited Nov. 28, 2018) (on file with the International Centre for Missing and Exploited Children)."
    ),
    212: (
        "Press Release, *Follow the Money, DA Vance Testifies About Sex Trafficking and U.S. Financial Markets Before U.S. House Financial Services Committee*, Manhattan District Attorney’s Office, Jan. 30, 2018, at <https://www.manhattanda.org/follow-the-money-da-vance-testifies-about-sex-trafficking-and-u-s-financial-markets-before-u-s-house-financial-services-committee/52/> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    218: (
        "Sarah Mervosh, *New trick of the sex trade: Pimps can use retail gift cards to buy Backpage.com ads*, DALLAS MORNING NEWS, Aug. 1, 2017, at <https://www.dallasnews.com/news/investigations/2017/07/24/new-trick-sex-trade-pimps-can-buy-ads-dallas-based-backpagecom-retailers-gift-cards> (last visited Oct. 9, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    221: (
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, Supplementing the United Nations Convention Against Transnational Organized Crime [Palermo Protocol], adopted Nov. 2000, at <https://www.ohchr.org/en/professionalinterest/pages/protocoltraffickinginpersons.aspx> (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    226: (
        "*Human Trafficking: Interdisciplinary Perspectives*, Edited by Mary C. Burke, 2nd Edition, 2018. See also, Funding Situation of Anti-Trafficking Organizations, *The Four “Ps” Paradigm*, at <https://anti-traffickingorgfunding.weebly.com/4ps-framework.html> (last visited Oct. 8, 2018)."
    ),
    228: ("UN Sustainable Development Agenda, *supra* note 21."),
    231: (
        "UN Convention on the Rights of the Child, UN Doc. A/RES/44/25 (Nov. 20, 1989), at <https://www.ohchr.org/en/professionalinterest/pages/crc.aspx> (last visited Oct. 8, 2018)."
    ),
    235: (
        "The three Protocols are: 1) Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children; 2) Protocol against the Smuggling of Migrants by Land, Sea and Air; and 3) Protocol against the Illicit Manufacturing of and Trafficking in Firearms, their Parts and Components and Ammunition."
    ),
    243: (
        "Directive 2011/36/EU of the European Parliament and of the Council of 5 April 2011 on preventing and combating trafficking in human beings and protecting its victims, and replacing Council Framework Decision 2002/629/JHA, at <https://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2011:101:0001:0011:EN:PDF> (last visited Oct. 2, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    255: (
        "OAS Inter-American Convention on International Traffic in Minors, *Signatories and Ratifications*, at https://www.oas.org/dil/treaties_B-57_Inter-American_Convention_on_International_Traffic_in_Minors_sign.htm (last visited Oct. 8, 2018)."
    ),
    258: (
        "Arab Charter on Human Rights (2004), League of Arab States, at <http://hrlibrary.umn.edu/instate/loas2005.html> (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    259: (
        "Arab Convention on Combating Information Technology Offences (2010), *Article 1 – Purpose*, at <https://dig.watch/actors/arab-league> (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    268: (
        "Prevention and Combating of Trafficking in Persons Act of South Africa, Act No. 7 of 2013, Article 8 – Conduct facilitating trafficking in persons, at <http://www.justice.gov.za/legislation/acts/2013-007.pdf> (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    273: (
        "Philippines Republic Act No. 9208 Anti-Trafficking in Persons Act of 2003, Articles 5, 10, at https://www.unodc.org/cld/document/phl/2003/philippines_republic_act_no_9208_anti-trafficking_in_persons_act.html (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    278: (
        "Allow States and Victims to Fight Online Sex Trafficking Act of 2017 (FOSTA), United States 18 US Code § 2421A – Promotion or facilitation of prostitution and reckless disregard of sex trafficking, at <https://www.congress.gov/115/plaws/publ164/PLAW-115publ164.pdf> (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    279: (
        "Law No. 15 of 2011 on Combating Trafficking in Human Beings of Qatar, at http://gulfmigration.eu/database/legal_module/Qatar/National%20Legal%20Framework/Anti-trafficking/1.2%20Combating%20Trafficking%20in%20Human%20Beings%2015%202011_EN.pdf (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    282: (
        "Criminal Code Act of Australia (1995) 474.26 – Using a carriage service to procure persons under 16 years of age, at http://www8.austlii.edu.au/cgi-bin/viewdoc/au/legis/cth/consol_act/cca1995115/sch1.html (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    283: (
        "A carriage service is defined as a service for carrying communications by means of guided and/or unguided electromagnetic energy. Carriage services include services for carrying communications such as telephone services, Internet access services, and voice over Internet protocol (VoIP) services. See, Australia Telecommunications Act 1997, at http://www8.austlii.edu.au/cgi-bin/viewdoc/au/legis/cth/num_act/ta1997214/s7.html; See also, Australian Communications and Media Authority, Know your obligations: carriers and carriage service providers, including internet and VoIP service providers, Sep. 2015, at <https://www.acma.gov.au/-/media/Networks/Publication/pdf/Know-Your-Telecommunications-Industry-Obligations-Booklet.pdf> (last visited Oct. 9, 2018)."
    ),
    284: (
        "Prevention of Human Trafficking Act of Singapore (2014), Article 3(2) – Trafficking in Persons; Article 4 – Punishment for trafficking in persons, at <https://sso.agc.gov.sg/Acts-Supp/45-2014/Published/20141229?DocDate=20141229&Provids=P12-#pr3> (last visited Oct. 8, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    300: (
        "Project VIC: Leave No Victims Behind, *About us*, at <http://projectvic.org/about/> (last visited Oct. 9, 2018)."
    ),
    304: (
        "Machine learning is a method of data analysis that automates analytical model building. It is a branch of artificial intelligence based on the idea that systems can learn from data, identify patterns and make decisions with minimal human intervention. See, Machine Learning, SAS, at https://www.sas.com/en_us/insights/analytics/machine-learning.html (last visited Oct. 10, 2018)."
    ),
    305: (
        "Facial Recognition, Technopedia, at <https://www.techopedia.com/definition/32071/facial-recognition> (last visited Oct. 10, 2018)."
    ),
    309: (
        "A blockchain is a digitized, decentralized, public record of all cryptocurrency transactions. The most recent transactions are recorded in blocks which are then added in chronological order to the Blockchain allowing Bitcoin market participants to keep track of digital currency transactions without central recordkeeping. See, *Blockchain*, Investopedia, at <https://www.investopedia.com/terms/b/blockchain.asp>; See also, *Block (Bitcoin block)*, Investopedia, at <https://www.investopedia.com/terms/b/block-bitcoin-block.asp> (last visited Oct. 10, 2018)."
    ),
    312: (
        "Kim Zetter, *DARPA is Developing a Search Engine for the Dark Web*, WIRED, Fed. 10, 2015, at <https://www.wired.com/2015/02/darpa-memex-dark-web/> (last visited Oct. 10, 2018); See also, Christina Couch, *How Artificial Intelligence Can Stop Sex Trafficking*, PBS, Sep. 21, 2016, at <http://www.pbs.org/wgbh/nova/next/tech/sex-trafficking/> (last visited Oct. 10, 2018) (on file with the International Centre for Missing & Exploited Children)."
    ),
    314: (
        "*Id.* See also, Lesley Stahl, *DARPA: Nobody’s Safe on the Internet* (Video), 60 MINUTES, Feb. 8, 2015, at <https://www.cbsnews.com/news/darpa-dan-kaufman-internet-security-60-minutes/> (last visited Oct.10, 2018)."
    ),
    317: (
        "Rachel Kaser, *This company is using facial recognition to fight human trafficking*, THE NEXT WEB, May 31, 2018, at <https://thenextweb.com/world/2018/06/01/this-company-is-using-facial-recognition-to-fight-human-trafficking/> (last visited Oct. 10, 2018)."
    ),
    319: (
        "*Amazon Rekognition Helps Marinus Analytics Fight Human Trafficking*, Oct. 19, 2017, at <http://www.marinusanalytics.com/articles/2017/10/17/amazon-rekognition-helps-marinus-analytics-fight-human-trafficking> (last visited Oct. 10, 2018)."
    ),
    334: (
        "See, Courtney’s House, Letter from Tina Frundt, Founder, to Members of Subcommittee on Oversight and Investigations, at <https://financialservices.house.gov/uploadedfiles/hhrg-115-ba09-wstate-tfrundt-20180130.pdf> (last visited Oct. 10, 2018) (on file with the International Centre for Missing & Exploited Children). (Former child sex trafficking victim speaks about identity theft at the hands of her trafficker)."
    ),
    344: (
        "Thomson Reuters Foundation, *Thomson Reuters Foundation launches resource to help financial institutions tackle human trafficking*, Jul. 19, 2018, at <http://www.trust.org/contentAsset/raw-data/019d7cc8-df11-42e7-b7a8-0fe2f5f5f102/document> (last visited Oct. 10, 2018) (on file with the International Centre for Missing & Exploited Children). See also, *Toolkit for Tackling Human Trafficking*, Thomson Reuters Foundation & United States Banks Alliance, Jul. 2018 (on file with the International Centre for Missing & Exploited Children)."
    ),
    345: ("*Id.*"),
}
SIDEBARS = {
    1: (
        "Testimony of Laurence E. Rothenberg, Deputy Assistant Attorney General, Office of Legal Policy, Department of Justice, *Hearing Before the Committee on the Judiciary, House of Representatives*, Oct. 17, 2007, at <https://www.gpo.gov/fdsys/pkg/CHRG-110hhrg38335/html/CHRG-110hhrg38335.htm> (last visited Oct. 9, 2018)."
    ),
    2: (
        "Mark Latonero, Ph.D., *The Rise of Mobile and the Diffusion of Technology-Facilitated Trafficking*, USC Annenberg, Center on Communication Leadership & Policy, Nov. 2012, at <https://technologyandtrafficking.usc.edu/files/2012/11/USC-Annenberg-Technology-and-Human-Trafficking-2012.pdf> (last visited Oct. 9, 2018)."
    ),
    3: (
        "Thorn, *Survivor Insights: The Role of Technology in Domestic Minor Sex Trafficking* 8, Jan. 2018, at http://27f5111qnwey246mkc1vzqg0-wpengine.netdna-ssl.com/wp-content/uploads/2018/06/Thorn_Survivor_Insights_061118.pdf (last visited Nov. 19, 2018)."
    ),
    4: (
        "The People of the State of Colorado v. Brock Franklin, Colorado State Grand Jury Indictment, Nov. 2015, at http://extras.mnginteractive.com/live/media/site36/2016/0106/20160106_105704_15CR3063-Franklin-Grand-Jury-Indictment_Redacted.pdf; Kelly Jensen, ‘The tough ones are us women:’ Colorado pimp gets 472 year sentence, 9NEWS.COM, Nov. 21, 2017, at <https://www.9news.com/article/news/crime/the-tough-ones-are-us-women-colorado-pimp-gets-472-year-sentence/73-493742788> (last visited Oct. 9, 2018)."
    ),
    5: (
        "Kristen DiAngelo, *Sacramento Sex Workers Outreach Project*, Letter to Senator John Thune, Sep. 2017, at <https://www.eff.org/files/2017/09/18/sestahearing-sac-swop.pdf> (last visited Oct. 9, 2018)."
    ),
    9: (
        "Council of the European Union, *Intranet False and Authentic Documents Online (iFADO)*, at <http://www.consilium.europa.eu/ifado/ifadocontacts.htm>; European Council, *Public Register of Authentic travel and identity Documents Online (PRADO)*, at <http://www.consilium.europa.eu/prado/EN/prado-start-page.html> (last visited Oct. 9, 2018)."
    ),
}
