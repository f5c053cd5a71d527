"""Word lists behind the de-identification rules, written by hand (no downloads, no models).

FIRST_NAMES: common US given names from the SSA top lists, minus the ones that are also common
English or clinical words (May, Grace, Mark, Iris, Kelly clamp, Allen test, Addison disease ...).
SURNAMES: common US surnames from the census top list, minus everyday words (Brown, White, Green,
Young, King ...) and eponyms used in notes (Foley, Murphy, Smith fracture stays in via titles only).
NON_NAME_WORDS: capitalised words that follow a title or a label cue but are not names; they stop a
name run so that "Dr. Chang Cardiology" does not swallow the specialty.
The PHI-injection benchmark draws its names from pools disjoint from these lists.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FIRST_NAMES = _words("""
Aaron Abigail Adam Adrian Adriana Agnes Aidan Aiden Alan Albert Alberto Alejandro Alex Alexa Alexander
Alexandra Alexis Alfred Alfredo Alice Alicia Alison Allison Alma Alvin Alyssa Amanda Amelia Amir Amy
Ana Andre Andrea Andres Andrew Angela Angelica Angelina Anita Ann Anna Annabelle Anne Annette Annie
Anthony Antonio Ariana Arianna Arthur Ashley Audrey Ava Barbara Beatrice Becky Benjamin Bernard
Bernice Beth Bethany Betty Beverly Bonnie Bradley Brandon Brenda Brendan Brent Brett Brian
Briana Brianna Bridget Brittany Bryan Caleb Calvin Cameron Camila Carla Carlos Carmen Caroline
Carolyn Carrie Cassandra Catherine Cecilia Charles Charlie Charlotte Chelsea Cheryl Chloe Chris
Christina Christine Christopher Cindy Claire Clara Claudia Clifford Clinton Cody Colin Colleen
Connie Connor Constance Craig Cynthia Daisy Damian Daniel Daniela Danielle Danny Darlene Darrell
Darren David Deborah Debbie Debra Delores Denise Derek Desiree Diana Diane Dolores Dominic Donald
Donna Doris Dorothy Dustin Dylan Edgar Edith Eduardo Edward Edwin Eileen Elaine Eleanor Elena Eli
Elijah Elisa Elizabeth Ella Ellen Eloise Emily Emma Eric Erica Erik Erin Ernest Esther Ethan Eugene
Evan Evelyn Felicia Fernando Florence Frances Francis Francisco Gabriel Gabriela Gabriella Gail
Gary Genevieve George Georgia Gerald Geraldine Gertrude Gina Gladys Gloria Gordon Gregory Gwendolyn
Hailey Haley Hannah Harold Harriet Harry Hazel Heidi Helen Henry Herbert Howard Hugo Ian Irene
Isaac Isabel Isabella Isaiah Ivan Jacob Jacqueline Jaime Jake James Jamie Jane Janet Janice Jared
Jasmine Jason Javier Jeanette Jeffrey Jenna Jennifer Jenny Jeremy Jerome Jerry Jesse Jessica Jesus
Jill Joan Joanne Joel Johanna John Johnny Jonathan Jordan Jorge Jose Joseph Josephine Joshua Joyce
Juan Juanita Judith Judy Julia Julian Julie Justin Kaitlyn Karen Karl Kate Katherine Kathleen
Kathryn Kathy Katie Kayla Keith Kenneth Kevin Kimberly Kristen Kristin Kristina Kyle Laura Lauren
Laurie Leah Leonard Leslie Lillian Linda Lindsay Lindsey Lisa Logan Lois Lorraine Lucas Lucia Lucy
Luis Luke Lydia Lynn Madeline Madelyn Manuel Marcia Margaret Maria Marie Marilyn Mario Marion Marjorie
Martha Martin Marvin Mary Matthew Maureen Megan Melanie Melissa Michael Michele Michelle Miguel
Mildred Mitchell Molly Monica Nancy Naomi Natalie Natasha Nathan Nathaniel Nicholas Nicole Noah
Nora Norma Olivia Oscar Pamela Patricia Patrick Paul Paula Pauline Peggy Peter Philip Phillip
Phyllis Priscilla Rachel Rafael Ralph Ramon Randall Randy Raymond Rebecca Regina Renee Rhonda
Ricardo Richard Rita Robert Roberta Roberto Rodney Roger Ronald Rosa Rosemary Roy Russ Ruth Ryan
Samantha Samuel Sandra Sara Sarah Savannah Sean Sergio Shane Shannon Sharon Shawn Sheila Shelby
Shirley Sofia Sophia Stacy Stanley Stephanie Stephen Steven Susan Suzanne Sylvia Tamara Tammy Tanya
Teresa Terrence Thelma Theodore Theresa Timothy Tina Todd Tonya Tracy Travis Trevor Troy Valerie
Vanessa Vera Veronica Vicki Victor Victoria Vincent Virginia Walter Wanda Wayne Wendy Wesley
Whitney William Wilma Xavier Yolanda Yvonne Zachary Zoe
Ahmed Ali Amit Anil Deepak Fatima Hiroshi Hyun Jin Kenji Mei Mohammed Muhammad Omar Priya Raj
Rajesh Ravi Sanjay Sunil Wei Yusuf
""")

# Given names that are also eponyms or clinical words: a full name "Kelly Stone" is still caught,
# but the name alone ("Kelly clamp", "Allen test", "Louis angle") is left alone.
EPONYM_FIRST_NAMES = _words("""
Kelly Allen Addison Gilbert Louis Douglas Bruce Marcus Austin Lewis Homer Barrett Mallory Ewing
Tommy Elliott Duncan Russell Tanner Harris Dennis Pierre Robin Morgan Spencer Owen Cooper Ross
Nelson Carter Parker Thomas Wilson Chandler Jordan Georgia Virginia Florence Charlotte Lynn Marion
Frances Francis Russ Hazel Jesus Victor Joseph Henry Luke Alice Victoria Blake Chris Dana Al
""")

SURNAMES = _words("""
Smith Johnson Williams Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson Harris Sanchez Clark Ramirez Lewis
Robinson Walker Allen Wright Scott Torres Nguyen Flores Adams Nelson Hill Campbell Mitchell Roberts
Carter Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy
Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo
Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Butler Fisher
Henderson Coleman Simmons Patterson Jordan Reynolds Hamilton Graham Gonzales Alexander Ramos Wallace
Griffin West Cole Hayes Gibson Bryant Ellis Stevens Murray Ford Marshall Owens McDonald Harrison
Ruiz Kennedy Wells Alvarez Woods Mendoza Castillo Olson Webb Washington Tucker Freeman Burns Henry
Vasquez Snyder Simpson Crawford Jimenez Porter Mason Shaw Gordon Wagner Hunter Romero Hicks Dixon
Hunt Palmer Robertson Black Holmes Stone Meyer Boyd Mills Warren Fox Rose Rice Moreno Schmidt Patel
Ferguson Nichols Herrera Medina Ryan Fernandez Weaver Daniels Stephens Gardner Payne Kelley Dunn
Pierce Arnold Tran Spencer Peters Hawkins Grant Hansen Castro Hoffman Hart Elliott Cunningham Knight
Bradley Carroll Hudson Duncan Armstrong Berry Andrews Johnston Ray Lane Riley Carpenter Perkins
Aguilar Silva Richards Willis Matthews Chapman Lawrence Garza Vargas Watkins Wheeler Larson Carlson
Harper George Greene Burke Guzman Morrison Munoz Jacobs Obrien Lawson Franklin Lynch Bishop Carr
Salazar Austin Mendez Gilbert Jensen Williamson Montgomery Harvey Oliver Howell Dean Hanson Weber
Garrett Sims Burton Fuller Soto McCoy Welch Chen Schultz Walters Reid Fields Walsh Little Fowler
Bowman Davidson May Day Schneider Newman Brewer Lucas Holland Wong Banks Santos Curtis Pearson
Delgado Valdez Pena Rios Douglas Sandoval Barrett Hopkins Keller Guerrero Stanley Bates Alvarado
Beck Ortega Wade Estrada Contreras Barnett Caldwell Santiago Lambert Powers Chambers Nunez Craig
Leonard Lowe Rhodes Byrd Gregory Shelton Frazier Becker Maldonado Fleming Vega Sutton Cohen Jennings
Parks McDaniel Watts Barker Norris Vaughn Vazquez Holt Schwartz Steele Benson Neal Dominguez Horton
Terry Wolfe Hale Lyons Graves Haynes Miles Park Warner Padilla Bush Thornton McCarthy Mann Zimmerman
Erickson Fletcher McKinney Page Dawson Joseph Marquez Reeves Klein Espinoza Baldwin Moran Love
Robbins Higgins Ball Cortez Le Griffith Bowen Sharp Cummings Ramsey Hardy Swanson Barber Acosta
Luna Chandler Blair Daniel Cross Simon Dennis Oconnor Quinn Gross Navarro Moss Fitzgerald Doyle
McLaughlin Rojas Rodgers Stevenson Singh Yang Figueroa Harmon Newton Paul Manning Garner McGee Reese
Francis Burgess Adkins Goodman Curry Brady Christensen Potter Walton Goodwin Mullins Molina Webster
Fischer Campos Avila Sherman Todd Chang Blake Malone Wolf Hodges Juarez Gill Farmer Hines Gallagher
Duran Hubbard Cannon Miranda Wang Saunders Tate Mack Hammond Carrillo Townsend Wise Ingram Barton
Mejia Ayala Schroeder Hampton Rowe Parsons Frank Waters Strickland Osborne Maxwell Chan Deleon
Norman Harrington Casey Patton Logan Bowers Mueller Glover Floyd Hartman Buchanan Cobb French Kramer
McCormick Clarke Tyler Gibbs Moody Conner Sparks McGuire Leon Bauer Norton Pope Flynn Hogan Robles
Salinas Yates Lindsey Lloyd Marsh McBride Owen Solis Pham Lang Pratt Lara Brock Ballard Trujillo
Shaffer Drake Roman Aguirre Morton Stokes Lamb Pacheco Patrick Cochran Shepherd Cain Burnett Hess
Li Cervantes Olsen Briggs Ochoa Cabrera Velasquez Montoya Roth Meyers Cardenas Fuentes Weiss Hoover
Wilkins Nicholson Underwood Short Carson Morrow Colon Holloway Summers Bryan Petersen McKenzie Serrano
Wilcox Carey Clayton Poole Calderon Gallegos Greer Rivas Guerra Decker Collier Wall Whitaker Bass
Flowers Davenport Conley Houston Huff Copeland Hood Monroe Massey Roberson Combs Franco Larsen Pittman
Randall Skinner Wilkinson Kirby Cameron Bridges Anthony Richard Kirk Bruce Singleton Mathis Bradford
Boone Abbott Charles Allison Sweeney Atkinson Horn Jefferson Rosales York Christian Phelps Farrell
Castaneda Nash Dickerson Bond Wyatt Foley Chase Gates Vincent Mathews Hodge Garrison Trevino Villarreal
Heath Dalton Valencia Callahan Hensley Atkins Huffman Roy Boyer Shields Lin Hancock Grimes Glenn
Cline Delacruz Camacho Dillon Parrish Oneill Melton Booth Kane Berg Harrell Pitts Savage Wiggins
Brennan Salas Marks Russo Sawyer Baxter Golden Hutchinson Liu Walter McDowell Wiley Rich Humphrey
Johns Koch Suarez Hobbs Beard Gilmore Ibarra Keith Macias Khan Andrade Ware Stephenson Henson Wilkerson
Dyer McClure Blackwell Mercado Tanner Eaton Clay Barron Beasley Oneal Preston Small Wu Zamora Macdonald
Vance Snow McClain Stafford Orozco Barry English Shannon Kline Jacobson Woodard Huang Kemp Mosley
Prince Merritt Hurst Villanueva Roach Nolan Lam Yoder McCullough Lester Santana Valenzuela Winters
Barrera Leach Orr Berger McKee Strong Conway Stein Whitehead Bullock Escobar Knox Meadows Solomon
Velez Odonnell Kerr Stout Blankenship Browning Kent Lozano Bartlett Pruitt Buck Barr Gaines Durham
Gentry McIntyre Sloan Rocha Melendez Herman Sexton Moon Hendricks Rangel Stark Lowery Hardin Hull
Sellers Ellison Calhoun Gillespie Mora Knapp McCall Morse Dorsey Weeks Nielsen Livingston Leblanc
McLean Bradshaw Glass Middleton Buckley Schaefer Frost Howe House McIntosh Ho Pennington Reilly
Hebert McFarland Hickman Noble Spears Conrad Arias Galvan Velazquez Huynh Frederick Randolph Cantu
Fitzpatrick Mahoney Peck Villa Michael Donovan McConnell Walls Boyle Mayer Zuniga Giles Pineda Pace
Hurley Mays McMillan Crosby Ayers Case Bentley Shepard Everett Pugh David McMahon Dunlap Bender
Hahn Harding Acevedo Raymond Blackburn Duffy Landry Dougherty Bautista Shah Potts Arroyo Valentine
Meza Gould Vaughan Fry Rush Avery Herring Dodson Clements Sampson Tapia Bean Lynn Crane Farley
Cisneros Benton Ashley Mckay Finley Best Blevins Friedman Moses Sosa Blanchard Huber Frye Krueger
Bernard Rosario Rubio Mullen Benjamin Haley Chung Moyer Choi Horne Yu Woodward Ali Nixon Hayden
Rivers Estes Mccarty Richmond Stuart Maynard Brandt Oconnell Hanna Sanford Sheppard Burch Levy
Rasmussen Coffey Ponce Faulkner Donaldson Schmitt Owen Bonilla Pollard Lopez
""")

# Surnames kept out of the list-based rules because they are everyday or clinical words; they are
# still removed after a title, a label or a credential ("Dr. Green", "Baker, MD").
_AMBIGUOUS_SURNAMES = _words("""
Wilson Thomas Harris Lewis Allen Hill Parker Cook Reed Kelly Wood Long Ross Russell Jordan Graham
Ford Marshall Hunter Mason Stone Rose Rice Black Fox Warren Miles Page Love Ball Cross Moss Wolf
Frank Wise Short Wall Bass Hood Strong Golden Rich Best Small Case Bean Rush Fry House Glass Noble
May Day Lane Ray Dean Gray Foley Murphy Bishop Barrett Little Chase Bond Bell Carpenter Gates Horn
Knight Little Newman Ware Crane Young Tucker Walker Grant Hale Sharp Hardy Park Mann Christian
Summers Winters Snow Banks Clay Powers Marks Stark Buck Savage Baxter English Kent Avery Lynn
Houston Monroe York Shannon Chandler Tyler Allison Spencer Douglas Bruce Austin Dennis Simon Gilbert
""")

SURNAMES = SURNAMES - _AMBIGUOUS_SURNAMES
FIRST_NAMES_ALONE = FIRST_NAMES - EPONYM_FIRST_NAMES

# Capitalised words that end a name run after a title or a cue. Compared in lower case.
NON_NAME_WORDS = frozenset(w.lower() for w in _words("""
A An The This That These Those He She It They We You I His Her Its Their Our Your My Him Them Me
And Or But Nor For So Yet If Then Than When While Where Who Whom Which What Why How As At By From
In Into Of On Onto Off Out Over Per To Up Upon Via With Within Without After Before During Until
Is Was Were Are Be Been Being Am Has Have Had Do Does Did Will Would Shall Should Can Could May
Might Must Not No Yes None Nil Na N/A Unknown Same Also Again Today Tomorrow Yesterday Now Here There
Please Thank Thanks Dear Sincerely Regards Cordially Respectfully Signed Dictated Transcribed
Reviewed Electronically Attending Resident Fellow Intern Nurse Doctor Dr Mr Mrs Ms Miss Mx Prof
Professor Patient Patients Pt Name Names Date Time Age Sex Male Female Man Woman Boy Girl Gentleman
Lady Baby Infant Child Mother Father Wife Husband Son Daughter Brother Sister Family Friend
MD DO RN NP PA PhD DPM DDS DMD CRNA LPN FACS FACP MBBS PharmD MPH DNP APRN FNP Jr Sr II III IV
Hospital Hospitals Clinic Clinics Center Centre Medical Medicine Health Healthcare Care Services
Service Department Dept Division Unit Ward Room Floor Office Offices Practice Group Associates
Institute University College School Laboratory Lab Labs Pharmacy Emergency ER ED ICU OR PACU
Surgery Surgical Surgeon Surgeons Anesthesia Anesthesiology Anesthesiologist Cardiology Cardiologist
Neurology Neurologist Neurosurgery Neurosurgeon Orthopedic Orthopedics Orthopaedic Orthopaedics
Radiology Radiologist Oncology Oncologist Urology Urologist Nephrology Nephrologist Gastroenterology
Gastroenterologist Pulmonary Pulmonology Pulmonologist Dermatology Dermatologist Psychiatry
Psychiatrist Psychology Psychologist Pediatrics Pediatric Pediatrician Obstetrics Gynecology OB GYN
ENT Ophthalmology Ophthalmologist Optometry Podiatry Podiatrist Rheumatology Rheumatologist
Endocrinology Endocrinologist Hematology Hematologist Infectious Disease Diseases Internal General
Family Primary Physician Physicians Provider Providers Consultant Consult Consultation Consulting
Referral Referring Physical Occupational Speech Therapy Therapist Pathology Pathologist Cytology
Team Staff Social Work Worker Case Management Home Hospice Rehab Rehabilitation Nursing Facility
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
History Present Illness Past Medical Surgical Social Review Systems Physical Exam Examination
Assessment Plan Impression Diagnosis Diagnoses Procedure Procedures Findings Indications Indication
Complications Medications Medication Allergies Allergy Vitals Vital Signs Labs Laboratory Data
Preoperative Postoperative Operative Operation Report Note Notes Summary Discharge Admission Chief
Complaint Subjective Objective Addendum Signature Results Result Recommendations Recommendation
Follow Up Followup Disposition Condition Stable Good Fair Poor Critical Alive Well Normal Negative
Positive Left Right Bilateral Anterior Posterior Superior Inferior Lateral Medial Upper Lower Total
Partial Acute Chronic Mild Moderate Severe Status Post Type Grade Stage Level Phase Class
HEENT Neck Chest Lungs Heart Abdomen Extremities Neurologic Neurological Skin Back Head Eyes Ears
Nose Throat Mouth Spine Pelvis Rectal Genitourinary Musculoskeletal Psychiatric Cardiovascular
Respiratory Gastrointestinal Endocrine Hematologic Lymphatic Constitutional General Appearance
Blood Pressure Pulse Temperature Weight Height Oxygen Saturation BP HR RR SpO2 BMI
Aspirin Tylenol Motrin Advil Coumadin Lasix Plavix Lipitor Zyrtec Allegra Claritin Vicodin Percocet
Morphine Dilaudid Fentanyl Versed Propofol Ancef Vancomycin Heparin Insulin Prednisone Toradol
Zofran Protonix Nexium Prilosec Synthroid Norvasc Lisinopril Metformin Glucophage Keflex Bactrin
Augmentin Cipro Levaquin Zithromax Flagyl Diflucan Xanax Ativan Valium Ambien Zoloft Prozac Paxil
Celexa Lexapro Wellbutrin Effexor Cymbalta Neurontin Lyrica Flexeril Soma Ultram Naprosyn Celebrex
Vicryl Monocryl Prolene Dexon Ethibond Nylon Silk Chromic Steri-Strips Tegaderm Xeroform Kerlix Ace
Betadine Marcaine Lidocaine Xylocaine Bupivacaine Epinephrine Hemovac Jackson-Pratt
X-ray X-rays CT MRI EKG ECG EEG EMG CBC CMP BMP PT PTT INR UA TSH HbA1c LDL HDL
Street Avenue Road Boulevard Lane Drive Court Place Suite Apartment Apt Box City County State
Zip Phone Fax Email Tel Telephone Cell Pager Address Number No ID MRN Account SSN
Sample Test Tests Study Studies Protocol Trial Informed Consent Risks Benefits Alternatives
Sinus Rhythm Regular Rate Murmurs Rubs Gallops Soft Nontender Nondistended Clear Alert Oriented
Awake Pleasant Cooperative Afebrile Denies Reports States Says Notes Presents Presented Underwent
Was Is Had Has Received Given Started Continued Discontinued Admitted Discharged Transferred
Seen Evaluated Examined Followed Referred Called Spoke Discussed Explained Advised Instructed
Once However Also Therefore Otherwise Additionally Subsequently Finally Next Initially Currently
Recently Overall Both Each All Some Any Most Many Several Other Another Such Since Because Although
Though Unless Whether Following Prior Given Due Unfortunately Fortunately Reportedly Apparently
Previously Presumably Meticulous Careful Attention Hemostasis Under Over One Two Three Four Five Six
Seven Eight Nine Ten First Second Third Last Only Just Even Still Yet Further Furthermore Moreover
Instead Meanwhile Later Earlier Soon Shortly Immediately Eventually Approximately About Around
Preference Exercise Cultures Echocardiogram Doppler Urinalysis Electrolytes Speech Neuro Rapid
Hospitalist Hospitalists Hospitalist Service Services Review Note Per Let Make Take Give Keep
Continue Start Stop Return Call Check Monitor Obtain Consider Recommend Schedule Discuss Plan
Note Gen Exam Admit Course Hx Dx Rx Tx Sx PMH PSH FH SH ROS HPI CC Impression Labs Studies
Mitral Aortic Tricuspid Pulmonic Valve Ventricle Atrium Artery Vein Nerve Muscle Bone Joint
No Yes There Where Hence Thus Thereafter Whereas Mostly Generally Usually Occasionally Rarely
Never Always Often Sometimes Daily Weekly Monthly Nightly Morning Evening Night Afternoon Noon
""".replace("N/A", "")))

US_STATES = _words("""
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee
Texas Utah Vermont Virginia Washington Wisconsin Wyoming
""")
US_STATES_MULTIWORD = (
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
    "Rhode Island", "South Carolina", "South Dakota", "West Virginia", "District of Columbia",
)
STATE_ABBREVIATIONS = _words("""
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
""")
# Abbreviations that are also clinical or common words ("Smith, MD", "Orapred, IV" is not a state,
# but "IN", "OR", "PA", "CO" are); after a city they only count with a ZIP code.
AMBIGUOUS_STATE_ABBREVIATIONS = _words("MD PA DC DE IN OR ME OK HI OH ID LA MS CO AL MA MO GA CA MT NE SC")

COUNTRIES_AND_REGIONS = _words("""
America USA US United States Canada Mexico Cuba Haiti Jamaica Brazil Argentina Chile Colombia Peru
Venezuela England Britain Scotland Ireland Wales France Germany Italy Spain Portugal Poland Russia
Ukraine Greece Turkey Israel Egypt Iran Iraq India Pakistan China Japan Korea Vietnam Philippines
Thailand Australia Africa Nigeria Kenya Ethiopia Somalia Europe Asia Puerto Rico Guatemala Honduras
Salvador Nicaragua Dominican Republic Bosnia Romania Sweden Norway Netherlands Holland Switzerland
Austria Lebanon Syria Afghanistan Bangladesh Nepal Taiwan Cambodia Laos Burma Liberia Ghana Sudan
""")

# Large US cities, matched without a cue; each is also checked against the device/eponym words that
# follow city names in notes ("Milwaukee brace", "Miami J collar", "Boston Scientific").
US_CITIES = (
    "New York City", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Antonio",
    "San Diego", "Dallas", "San Jose", "Jacksonville", "Fort Worth", "Columbus", "Charlotte",
    "Indianapolis", "San Francisco", "Seattle", "Denver", "Oklahoma City", "Nashville", "El Paso",
    "Boston", "Portland", "Las Vegas", "Detroit", "Memphis", "Louisville", "Baltimore", "Milwaukee",
    "Albuquerque", "Tucson", "Fresno", "Sacramento", "Kansas City", "Mesa", "Atlanta", "Omaha",
    "Colorado Springs", "Raleigh", "Long Beach", "Virginia Beach", "Miami", "Oakland", "Minneapolis",
    "Tulsa", "Tampa", "Arlington", "New Orleans", "Wichita", "Bakersfield", "Cleveland", "Anaheim",
    "Honolulu", "Santa Ana", "Riverside", "Corpus Christi", "Lexington", "Stockton", "Pittsburgh",
    "Saint Paul", "St. Paul", "Anchorage", "Cincinnati", "Greensboro", "Plano", "Newark", "Durham",
    "Lincoln", "Toledo", "Orlando", "Chula Vista", "Chandler", "Laredo", "Madison", "Buffalo",
    "Lubbock", "Scottsdale", "Reno", "Glendale", "Gilbert", "Winston-Salem", "Norfolk", "Chesapeake",
    "Irving", "Garland", "Boise", "Richmond", "Spokane", "Des Moines", "Tacoma", "San Bernardino",
    "Modesto", "Fontana", "Santa Clarita", "Birmingham", "Oxnard", "Fayetteville", "Moreno Valley",
    "Rochester", "Huntington Beach", "Salt Lake City", "Grand Rapids", "Amarillo", "Yonkers",
    "Knoxville", "Worcester", "Providence", "Little Rock", "Chattanooga", "Tallahassee", "Sioux Falls",
    "Springfield", "Hartford", "New Haven", "Syracuse", "Albany", "Savannah", "Charleston", "Dayton",
    "Akron", "Ann Arbor", "Berkeley", "Pasadena", "Santa Fe", "Santa Barbara", "Santa Monica",
    "Palo Alto", "Brooklyn", "Manhattan", "Bronx", "Queens", "Staten Island", "Harlem", "Hoboken",
    "Jersey City", "Trenton", "Camden", "Wilmington", "Scranton", "Allentown", "Erie", "Harrisburg",
    "Evanston", "Peoria", "Duluth", "Fargo", "Billings", "Cheyenne", "Juneau", "Flagstaff", "Tempe",
    "Yuma", "Provo", "Ogden", "Eugene", "Salem", "Olympia", "Bellevue", "Boulder", "Aurora", "Pueblo",
    "Galveston", "Waco", "Beaumont", "Shreveport", "Baton Rouge", "Lafayette", "Mobile", "Montgomery",
    "Huntsville", "Jackson", "Biloxi", "Gainesville", "Pensacola", "Sarasota", "Naples", "Key West",
    "Fort Lauderdale", "Boca Raton", "West Palm Beach", "Daytona Beach", "Macon", "Augusta",
    "Asheville", "Greenville", "Columbia", "Roanoke", "Lynchburg", "Burlington", "Bangor", "Concord",
    "Manchester", "Nashua", "Cambridge", "Lowell", "Greenwich", "Stamford", "Bridgeport",
    )
CITY_FOLLOWERS_TO_KEEP = _words("""
brace Brace collar Collar J shunt Shunt criteria Criteria classification Classification scale Scale
score Score protocol Protocol splint Splint knot Knot procedure Procedure Scientific rules Rules
""")
