"""Demo content for the public site, in the Alliance's six languages, written for this project.

Every language has the same keys. A story may be missing from a language on purpose: the site
then shows the original with a note, which the demo should show too.
"""

TEXT = {
    "en": {
        "home": {
            "title": "Men and boys for gender justice",
            "intro": (
                "The MenEngage Alliance brings together organisations in "
                "every region that work with men and boys to end violence, "
                "share care and stand with women's rights movements."
            ),
            "body": [
                ("heading", "What members do together"),
                (
                    "paragraph",
                    "<p>Members train facilitators, run campaigns with fathers and "
                    "young men, research what changes attitudes, and hold governments "
                    "to the promises they made at the United Nations. Country "
                    "networks do this close to communities; regional networks connect "
                    "them; the global Alliance speaks with one voice.</p>",
                ),
            ],
        },
        "about": {
            "slug": "about",
            "title": "About the Alliance",
            "intro": (
                "A network of networks, accountable to the women's rights movements it stands with."
            ),
            "body": [
                ("heading", "Background"),
                (
                    "paragraph",
                    "<p>The Alliance began as a handful of organisations that "
                    "wanted to stop working alone. Each had learnt that programmes "
                    "for men and boys only help when they question power, not just "
                    "behaviour. Today its members range from village youth groups "
                    "to university research centres and United Nations partners.</p>",
                ),
                ("heading", "History"),
                (
                    "milestone",
                    {"year": 2004, "text": "Founding organisations agree to work as one alliance."},
                ),
                (
                    "milestone",
                    {
                        "year": 2009,
                        "text": (
                            "The first Global Symposium gathers about "
                            "450 people and ends with a call for action."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2014,
                        "text": (
                            "The second Global Symposium brings "
                            "some 1,200 people from 94 countries."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2020,
                        "text": (
                            "The third Global Symposium moves "
                            "online and reaches 5,000 participants."
                        ),
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "We did not come together to speak "
                            "for women, but to change what men do."
                        ),
                        "attribution": "A founding member",
                    },
                ),
            ],
        },
        "beliefs": {
            "slug": "what-we-believe",
            "title": "What we believe",
            "intro": "Gender equality is good for everyone, and men have work to do to get there.",
            "body": [
                (
                    "paragraph",
                    "<p>We believe that violence is learnt and can be unlearnt; "
                    "that care work is everyone's work; that rigid ideas of "
                    "manhood harm men too; and that change must be led with, and "
                    "accountable to, women's rights and LGBTIQ movements.</p>",
                ),
                (
                    "paragraph",
                    "<p>We believe in evidence: we test what we do, "
                    "publish what we learn and stop what does not work.</p>",
                ),
            ],
        },
        "principles": {
            "slug": "core-principles",
            "title": "Core Principles",
            "intro": (
                "Every member signs these principles when it joins, and again when they change."
            ),
            "principles": [
                {
                    "title": "Transparency",
                    "text": (
                        "<p>We publish where our money comes from "
                        "and how we spend it, every year.</p>"
                    ),
                    "in_practice": "Funders, budgets and spending are open data on this site.",
                },
                {
                    "title": "Collaboration",
                    "text": "<p>We decide by consensus whenever we can.</p>",
                    "in_practice": (
                        "Proposals are decided by agree, abstain, "
                        "disagree or block, with a recorded fallback vote."
                    ),
                },
                {
                    "title": "Participation",
                    "text": "<p>Community-level organisations have a voice in every decision.</p>",
                    "in_practice": "Open calls and comment periods are open to every member.",
                },
                {
                    "title": "Evidence",
                    "text": "<p>Our work builds on research and evaluation.</p>",
                    "in_practice": (
                        "A searchable library of the members' toolkits, reports and manuals."
                    ),
                },
                {
                    "title": "Alliance with women's rights organisations",
                    "text": "<p>We work as allies, not in place of women's movements.</p>",
                    "in_practice": (
                        "Every steering body seats at least two women's rights organisations."
                    ),
                },
                {
                    "title": "Non-discrimination",
                    "text": "<p>We welcome every gender identity and sexual orientation.</p>",
                    "in_practice": "No form asks anyone to choose between two genders.",
                },
            ],
        },
        "stories": {
            "slug": "stories",
            "title": "Stories",
            "intro": "Change as members and networks tell it.",
        },
        "story_list": [
            {
                "slug": "fathers-groups-in-the-highlands",
                "title": "Fathers' groups in the highlands",
                "date": "2026-06-14",
                "place": "Rwanda",
                "intro": "Twelve weeks of meetings changed who fetches water and who decides.",
                "body": [
                    (
                        "paragraph",
                        "<p>In a district where fathers rarely joined clinic visits, a "
                        "member organisation started weekly groups. After three months, "
                        "half of the fathers came to antenatal appointments.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "I thought care was my wife's job. Now I know my children.",
                            "attribution": "A group participant",
                        },
                    ),
                ],
            },
            {
                "slug": "a-school-curriculum-against-bullying",
                "title": "A school curriculum against bullying",
                "date": "2026-04-02",
                "place": "Chile",
                "intro": "Teachers and students wrote lessons on respect together.",
                "body": [
                    (
                        "paragraph",
                        "<p>Forty schools now teach a curriculum that a "
                        "country network wrote with students. Reports of "
                        "homophobic bullying fell in the first year.</p>",
                    ),
                ],
            },
            {
                "slug": "youth-voices-at-the-commission",
                "title": "Youth voices at the Commission on the Status of Women",
                "date": "2026-03-20",
                "place": "New York",
                "intro": "A delegation of young members spoke on care work and masculinities.",
                "body": [
                    (
                        "paragraph",
                        "<p>Young activists from four regions joined the "
                        "Alliance's delegation and met government "
                        "representatives to press for paid parental leave.</p>",
                    ),
                ],
            },
        ],
    },
    "es": {
        "home": {
            "title": "Hombres y niños por la justicia de género",
            "intro": (
                "La Alianza MenEngage reúne a organizaciones de todas las regiones que "
                "trabajan con hombres y niños para poner fin a la violencia, compartir los "
                "cuidados y acompañar a los movimientos por los derechos de las mujeres."
            ),
            "body": [
                ("heading", "Lo que los miembros hacen juntos"),
                (
                    "paragraph",
                    "<p>Los miembros forman a facilitadores y facilitadoras, impulsan "
                    "campañas con padres y hombres jóvenes, investigan qué cambia las "
                    "actitudes y exigen a los gobiernos que cumplan los compromisos "
                    "que asumieron en las Naciones Unidas. Las redes nacionales hacen "
                    "este trabajo cerca de las comunidades; las redes regionales las "
                    "conectan; la Alianza global habla con una sola voz.</p>",
                ),
            ],
        },
        "about": {
            "slug": "sobre",
            "title": "Sobre la Alianza",
            "intro": (
                "Una red de redes que rinde cuentas a los movimientos "
                "por los derechos de las mujeres a los que acompaña."
            ),
            "body": [
                ("heading", "Antecedentes"),
                (
                    "paragraph",
                    "<p>La Alianza nació como un puñado de organizaciones que querían "
                    "dejar de trabajar en solitario. Cada una había aprendido que los "
                    "programas con hombres y niños solo sirven cuando cuestionan el "
                    "poder, y no solo los comportamientos. Hoy sus miembros van desde "
                    "grupos juveniles de aldeas hasta centros de investigación "
                    "universitarios y socios de las Naciones Unidas.</p>",
                ),
                ("heading", "Historia"),
                (
                    "milestone",
                    {
                        "year": 2004,
                        "text": (
                            "Las organizaciones fundadoras acuerdan trabajar como una sola alianza."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2009,
                        "text": (
                            "El primer Simposio Mundial reúne a unas 450 "
                            "personas y concluye con un llamado a la acción."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2014,
                        "text": (
                            "El segundo Simposio Mundial congrega "
                            "a unas 1200 personas de 94 países."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2020,
                        "text": (
                            "El tercer Simposio Mundial pasa a formato "
                            "virtual y llega a 5000 participantes."
                        ),
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "No nos unimos para hablar en nombre de las mujeres, "
                            "sino para cambiar lo que hacen los hombres."
                        ),
                        "attribution": "Un miembro fundador",
                    },
                ),
            ],
        },
        "beliefs": {
            "slug": "lo-que-creemos",
            "title": "Lo que creemos",
            "intro": (
                "La igualdad de género es buena para todas las personas, "
                "y los hombres tienen trabajo por hacer para alcanzarla."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Creemos que la violencia se aprende y se puede desaprender; que "
                    "el trabajo de cuidados es responsabilidad de todas las personas; "
                    "que las ideas rígidas sobre la masculinidad también dañan a los "
                    "hombres; y que el cambio debe construirse junto a los movimientos "
                    "por los derechos de las mujeres y LGBTIQ, y rendirles cuentas.</p>",
                ),
                (
                    "paragraph",
                    "<p>Creemos en la evidencia: evaluamos lo que hacemos, publicamos "
                    "lo que aprendemos y dejamos de hacer lo que no funciona.</p>",
                ),
            ],
        },
        "principles": {
            "slug": "principios-fundamentales",
            "title": "Principios fundamentales",
            "intro": (
                "Cada miembro firma estos principios al unirse "
                "a la Alianza, y de nuevo cada vez que cambian."
            ),
            "principles": [
                {
                    "title": "Transparencia",
                    "text": (
                        "<p>Cada año publicamos de dónde proviene "
                        "nuestro dinero y cómo lo gastamos.</p>"
                    ),
                    "in_practice": (
                        "Los financiadores, los presupuestos y los gastos "
                        "están publicados como datos abiertos en este sitio."
                    ),
                },
                {
                    "title": "Colaboración",
                    "text": "<p>Decidimos por consenso siempre que podemos.</p>",
                    "in_practice": (
                        "Las propuestas se deciden con las opciones de acuerdo, abstención, "
                        "desacuerdo o bloqueo, con una votación alternativa que queda registrada."
                    ),
                },
                {
                    "title": "Participación",
                    "text": "<p>Las organizaciones comunitarias tienen voz en cada decisión.</p>",
                    "in_practice": (
                        "Las convocatorias abiertas y los periodos de "
                        "consulta están abiertos a todos los miembros."
                    ),
                },
                {
                    "title": "Evidencia",
                    "text": "<p>Nuestro trabajo se basa en la investigación y la evaluación.</p>",
                    "in_practice": (
                        "Una biblioteca con buscador de las guías, "
                        "los informes y los manuales de los miembros."
                    ),
                },
                {
                    "title": "Alianza con las organizaciones de derechos de las mujeres",
                    "text": (
                        "<p>Trabajamos como aliados, no en lugar de los movimientos de mujeres.</p>"
                    ),
                    "in_practice": (
                        "Todos los órganos de dirección incluyen al menos "
                        "dos organizaciones de derechos de las mujeres."
                    ),
                },
                {
                    "title": "No discriminación",
                    "text": (
                        "<p>Damos la bienvenida a todas las identidades "
                        "de género y orientaciones sexuales.</p>"
                    ),
                    "in_practice": "Ningún formulario obliga a nadie a elegir entre dos géneros.",
                },
            ],
        },
        "stories": {
            "slug": "historias",
            "title": "Historias",
            "intro": "El cambio contado por los miembros y las redes.",
        },
        "story_list": [
            {
                "slug": "grupos-de-padres-en-las-tierras-altas",
                "title": "Grupos de padres en las tierras altas",
                "date": "2026-06-14",
                "place": "Ruanda",
                "intro": (
                    "Doce semanas de encuentros cambiaron quién va "
                    "a buscar el agua y quién toma las decisiones."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>En un distrito donde los padres rara vez acompañaban "
                        "las visitas a la clínica, una organización miembro puso en "
                        "marcha grupos semanales. Al cabo de tres meses, la mitad "
                        "de los padres asistía a las consultas prenatales.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": (
                                "Pensaba que cuidar era cosa de mi "
                                "esposa. Ahora conozco a mis hijos."
                            ),
                            "attribution": "Un participante del grupo",
                        },
                    ),
                ],
            },
            {
                "slug": "un-curriculo-escolar-contra-el-acoso",
                "title": "Un currículo escolar contra el acoso",
                "date": "2026-04-02",
                "place": "Chile",
                "intro": "Docentes y estudiantes escribieron juntos lecciones sobre el respeto.",
                "body": [
                    (
                        "paragraph",
                        "<p>Cuarenta escuelas imparten ahora un currículo que una "
                        "red nacional escribió junto con estudiantes. Las denuncias "
                        "de acoso homofóbico disminuyeron en el primer año.</p>",
                    ),
                ],
            },
            {
                "slug": "voces-jovenes-en-la-comision",
                "title": (
                    "Voces jóvenes en la Comisión de la Condición Jurídica y Social de la Mujer"
                ),
                "date": "2026-03-20",
                "place": "Nueva York",
                "intro": (
                    "Una delegación de miembros jóvenes habló sobre "
                    "el trabajo de cuidados y las masculinidades."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>Activistas jóvenes de cuatro regiones se sumaron a la "
                        "delegación de la Alianza y se reunieron con representantes "
                        "gubernamentales para exigir licencias parentales remuneradas.</p>",
                    ),
                ],
            },
        ],
    },
    "fr": {
        "home": {
            "title": "Des hommes et des garçons pour la justice de genre",
            "intro": (
                "L'Alliance MenEngage rassemble des organisations de toutes "
                "les régions qui travaillent avec les hommes et les garçons "
                "pour mettre fin à la violence, partager le travail de soin et "
                "se tenir aux côtés des mouvements pour les droits des femmes."
            ),
            "body": [
                ("heading", "Ce que les membres font ensemble"),
                (
                    "paragraph",
                    "<p>Les membres forment des animateurs et animatrices, mènent des "
                    "campagnes avec des pères et des jeunes hommes, étudient ce qui fait "
                    "évoluer les mentalités et demandent aux gouvernements de rendre "
                    "compte des engagements pris aux Nations Unies. Les réseaux nationaux "
                    "agissent au plus près des communautés ; les réseaux régionaux les "
                    "relient ; l'Alliance mondiale parle d'une seule voix.</p>",
                ),
            ],
        },
        "about": {
            "slug": "a-propos",
            "title": "À propos de l'Alliance",
            "intro": (
                "Un réseau de réseaux, redevable envers les mouvements "
                "pour les droits des femmes aux côtés desquels il s'engage."
            ),
            "body": [
                ("heading", "Contexte"),
                (
                    "paragraph",
                    "<p>L'Alliance est née d'une poignée d'organisations qui ne voulaient "
                    "plus travailler seules. Chacune avait appris que les programmes destinés "
                    "aux hommes et aux garçons ne sont utiles que s'ils remettent en question "
                    "le pouvoir, et pas seulement les comportements. Aujourd'hui, ses membres "
                    "vont des groupes de jeunes de village aux centres de recherche "
                    "universitaires et aux partenaires des Nations Unies.</p>",
                ),
                ("heading", "Historique"),
                (
                    "milestone",
                    {
                        "year": 2004,
                        "text": (
                            "Les organisations fondatrices conviennent "
                            "de travailler comme une seule alliance."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2009,
                        "text": (
                            "Le premier Symposium mondial réunit environ 450 "
                            "personnes et se conclut par un appel à l'action."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2014,
                        "text": (
                            "Le deuxième Symposium mondial rassemble "
                            "quelque 1\u00a0200 personnes venues de 94 pays."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2020,
                        "text": (
                            "Le troisième Symposium mondial passe en ligne et "
                            "réunit 5\u00a0000 participants et participantes."
                        ),
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Nous ne nous sommes pas rassemblés pour parler au nom "
                            "des femmes, mais pour changer ce que font les hommes."
                        ),
                        "attribution": "Un membre fondateur",
                    },
                ),
            ],
        },
        "beliefs": {
            "slug": "ce-que-nous-croyons",
            "title": "Ce que nous croyons",
            "intro": (
                "L'égalité de genre profite à tout le monde, et les "
                "hommes ont leur part du chemin à faire pour y parvenir."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Nous croyons que la violence s'apprend et peut se désapprendre ; "
                    "que le travail de soin est l'affaire de toutes et de tous ; que les "
                    "conceptions rigides de la masculinité nuisent aussi aux hommes ; et "
                    "que le changement doit être mené avec les mouvements pour les droits "
                    "des femmes et les mouvements LGBTIQ, et leur rendre des comptes.</p>",
                ),
                (
                    "paragraph",
                    "<p>Nous croyons aux données probantes : nous "
                    "évaluons ce que nous faisons, publions ce que nous "
                    "apprenons et arrêtons ce qui ne fonctionne pas.</p>",
                ),
            ],
        },
        "principles": {
            "slug": "principes-fondamentaux",
            "title": "Principes fondamentaux",
            "intro": (
                "Chaque membre signe ces principes lors de son "
                "adhésion, puis à nouveau lorsqu'ils évoluent."
            ),
            "principles": [
                {
                    "title": "Transparence",
                    "text": (
                        "<p>Chaque année, nous publions l'origine de "
                        "nos fonds et l'usage que nous en faisons.</p>"
                    ),
                    "in_practice": (
                        "Les bailleurs de fonds, les budgets et les dépenses "
                        "sont publiés en données ouvertes sur ce site."
                    ),
                },
                {
                    "title": "Collaboration",
                    "text": "<p>Nous décidons par consensus chaque fois que c'est possible.</p>",
                    "in_practice": (
                        "Les propositions sont tranchées par accord, abstention, "
                        "désaccord ou blocage, avec un vote de repli consigné."
                    ),
                },
                {
                    "title": "Participation",
                    "text": (
                        "<p>Les organisations communautaires ont "
                        "voix au chapitre dans chaque décision.</p>"
                    ),
                    "in_practice": (
                        "Les appels à contributions et les périodes de "
                        "consultation sont ouverts à tous les membres."
                    ),
                },
                {
                    "title": "Données probantes",
                    "text": "<p>Notre travail s'appuie sur la recherche et l'évaluation.</p>",
                    "in_practice": (
                        "Une bibliothèque consultable des boîtes à "
                        "outils, rapports et manuels des membres."
                    ),
                },
                {
                    "title": "Alliance avec les organisations de défense des droits des femmes",
                    "text": (
                        "<p>Nous agissons en alliés, et non à "
                        "la place des mouvements de femmes.</p>"
                    ),
                    "in_practice": (
                        "Chaque instance de pilotage compte au moins deux "
                        "organisations de défense des droits des femmes."
                    ),
                },
                {
                    "title": "Non-discrimination",
                    "text": (
                        "<p>Nous accueillons toutes les identités de "
                        "genre et toutes les orientations sexuelles.</p>"
                    ),
                    "in_practice": (
                        "Aucun formulaire ne demande à quiconque de choisir entre deux genres."
                    ),
                },
            ],
        },
        "stories": {
            "slug": "recits",
            "title": "Récits",
            "intro": "Le changement raconté par les membres et les réseaux.",
        },
        "story_list": [
            {
                "slug": "groupes-de-peres-dans-les-hautes-terres",
                "title": "Des groupes de pères dans les hautes terres",
                "date": "2026-06-14",
                "place": "Rwanda",
                "intro": (
                    "Douze semaines de rencontres ont changé qui "
                    "va chercher l'eau et qui prend les décisions."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>Dans un district où les pères accompagnaient rarement leur "
                        "compagne aux consultations, une organisation membre a lancé "
                        "des groupes hebdomadaires. Au bout de trois mois, la moitié "
                        "des pères se rendaient aux consultations prénatales.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": (
                                "Je pensais que m'occuper des autres, c'était le rôle "
                                "de ma femme. Aujourd'hui, je connais mes enfants."
                            ),
                            "attribution": "Un participant du groupe",
                        },
                    ),
                ],
            },
            {
                "slug": "un-programme-scolaire-contre-le-harcelement",
                "title": "Un programme scolaire contre le harcèlement",
                "date": "2026-04-02",
                "place": "Chili",
                "intro": "Enseignants et élèves ont rédigé ensemble des leçons sur le respect.",
                "body": [
                    (
                        "paragraph",
                        "<p>Quarante écoles enseignent désormais un programme qu'un "
                        "réseau national a rédigé avec des élèves. Les signalements de "
                        "harcèlement homophobe ont diminué dès la première année.</p>",
                    ),
                ],
            },
            {
                "slug": "la-voix-des-jeunes-a-la-commission",
                "title": "La voix des jeunes à la Commission de la condition de la femme",
                "date": "2026-03-20",
                "place": "New York",
                "intro": (
                    "Une délégation de jeunes membres a pris la parole "
                    "sur le travail de soin et les masculinités."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>De jeunes militantes et militants de quatre "
                        "régions ont rejoint la délégation de l'Alliance et "
                        "rencontré des représentants gouvernementaux pour "
                        "plaider en faveur d'un congé parental rémunéré.</p>",
                    ),
                ],
            },
        ],
    },
    "pt": {
        "home": {
            "title": "Homens e meninos pela justiça de gênero",
            "intro": (
                "A Aliança MenEngage reúne organizações de todas as regiões que trabalham "
                "com homens e meninos para acabar com a violência, compartilhar o cuidado "
                "e caminhar lado a lado com os movimentos pelos direitos das mulheres."
            ),
            "body": [
                ("heading", "O que os membros fazem juntos"),
                (
                    "paragraph",
                    "<p>Os membros formam facilitadores e facilitadoras, realizam "
                    "campanhas com pais e homens jovens, pesquisam o que muda atitudes e "
                    "cobram dos governos os compromissos que assumiram nas Nações Unidas. "
                    "As redes nacionais fazem esse trabalho perto das comunidades; as "
                    "redes regionais as conectam; a Aliança global fala com uma só voz.</p>",
                ),
            ],
        },
        "about": {
            "slug": "sobre",
            "title": "Sobre a Aliança",
            "intro": (
                "Uma rede de redes, que presta contas aos movimentos "
                "pelos direitos das mulheres com os quais caminha."
            ),
            "body": [
                ("heading", "Contexto"),
                (
                    "paragraph",
                    "<p>A Aliança começou como um punhado de organizações que queriam "
                    "deixar de trabalhar sozinhas. Cada uma havia aprendido que programas "
                    "com homens e meninos só ajudam quando questionam o poder, e não apenas "
                    "o comportamento. Hoje, seus membros vão de grupos de jovens em aldeias "
                    "a centros de pesquisa universitários e parceiros das Nações Unidas.</p>",
                ),
                ("heading", "História"),
                (
                    "milestone",
                    {
                        "year": 2004,
                        "text": (
                            "As organizações fundadoras concordam em trabalhar como uma só aliança."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2009,
                        "text": (
                            "O primeiro Simpósio Global reúne cerca de "
                            "450 pessoas e termina com um chamado à ação."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2014,
                        "text": (
                            "O segundo Simpósio Global reúne cerca de 1.200 pessoas de 94 países."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2020,
                        "text": (
                            "O terceiro Simpósio Global passa a ser "
                            "on-line e alcança 5.000 participantes."
                        ),
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Não nos unimos para falar pelas mulheres, "
                            "mas para mudar o que os homens fazem."
                        ),
                        "attribution": "Um membro fundador",
                    },
                ),
            ],
        },
        "beliefs": {
            "slug": "no-que-acreditamos",
            "title": "No que acreditamos",
            "intro": (
                "A igualdade de gênero é boa para todas as pessoas, "
                "e os homens têm trabalho a fazer para chegar lá."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Acreditamos que a violência é aprendida e pode ser desaprendida; "
                    "que o trabalho de cuidado é responsabilidade de todas as pessoas; "
                    "que ideias rígidas de masculinidade também prejudicam os homens; e "
                    "que a mudança deve ser construída junto com os movimentos pelos "
                    "direitos das mulheres e LGBTIQ, prestando contas a eles.</p>",
                ),
                (
                    "paragraph",
                    "<p>Acreditamos em evidências: avaliamos o que fazemos, publicamos "
                    "o que aprendemos e deixamos de fazer o que não funciona.</p>",
                ),
            ],
        },
        "principles": {
            "slug": "principios-fundamentais",
            "title": "Princípios fundamentais",
            "intro": (
                "Cada membro assina estes princípios ao se "
                "filiar, e novamente sempre que eles mudam."
            ),
            "principles": [
                {
                    "title": "Transparência",
                    "text": (
                        "<p>Publicamos todos os anos de onde vem "
                        "nosso dinheiro e como o gastamos.</p>"
                    ),
                    "in_practice": (
                        "Financiadores, orçamentos e gastos estão "
                        "disponíveis como dados abertos neste site."
                    ),
                },
                {
                    "title": "Colaboração",
                    "text": "<p>Decidimos por consenso sempre que possível.</p>",
                    "in_practice": (
                        "As propostas são decididas por concordância, abstenção, "
                        "discordância ou bloqueio, com uma votação alternativa registrada."
                    ),
                },
                {
                    "title": "Participação",
                    "text": (
                        "<p>As organizações de base comunitária têm voz em todas as decisões.</p>"
                    ),
                    "in_practice": (
                        "Chamadas públicas e períodos de consulta estão abertos a todos os membros."
                    ),
                },
                {
                    "title": "Evidências",
                    "text": "<p>Nosso trabalho se baseia em pesquisa e avaliação.</p>",
                    "in_practice": (
                        "Uma biblioteca pesquisável com os kits de "
                        "ferramentas, relatórios e manuais dos membros."
                    ),
                },
                {
                    "title": "Aliança com organizações de direitos das mulheres",
                    "text": (
                        "<p>Atuamos como aliados, e não no lugar dos movimentos de mulheres.</p>"
                    ),
                    "in_practice": (
                        "Todas as instâncias de coordenação contam com pelo "
                        "menos duas organizações de direitos das mulheres."
                    ),
                },
                {
                    "title": "Não discriminação",
                    "text": (
                        "<p>Acolhemos todas as identidades de gênero e orientações sexuais.</p>"
                    ),
                    "in_practice": "Nenhum formulário pede que alguém escolha entre dois gêneros.",
                },
            ],
        },
        "stories": {
            "slug": "historias",
            "title": "Histórias",
            "intro": "A mudança contada pelos membros e pelas redes.",
        },
        "story_list": [
            # The third story is left out on purpose, to show the missing-translation note.
            {
                "slug": "grupos-de-pais-nas-terras-altas",
                "title": "Grupos de pais nas terras altas",
                "date": "2026-06-14",
                "place": "Ruanda",
                "intro": (
                    "Doze semanas de encontros mudaram quem busca água e quem toma as decisões."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>Em um distrito onde os pais raramente acompanhavam "
                        "as consultas na clínica, uma organização membro criou "
                        "grupos semanais. Depois de três meses, metade dos pais "
                        "passou a comparecer às consultas de pré-natal.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": (
                                "Eu achava que cuidar era trabalho da minha "
                                "esposa. Agora eu conheço meus filhos."
                            ),
                            "attribution": "Um participante do grupo",
                        },
                    ),
                ],
            },
            {
                "slug": "um-curriculo-escolar-contra-o-bullying",
                "title": "Um currículo escolar contra o bullying",
                "date": "2026-04-02",
                "place": "Chile",
                "intro": "Professores e estudantes escreveram juntos aulas sobre respeito.",
                "body": [
                    (
                        "paragraph",
                        "<p>Quarenta escolas agora adotam um currículo que uma "
                        "rede nacional escreveu com estudantes. As denúncias "
                        "de bullying homofóbico caíram já no primeiro ano.</p>",
                    ),
                ],
            },
        ],
    },
    "ar": {
        "home": {
            "title": "رجال وفتيان من أجل العدالة بين الجنسين",
            "intro": (
                "يجمع تحالف MenEngage منظماتٍ من كل المناطق تعمل مع الرجال والفتيان "
                "لإنهاء العنف وتقاسم أعمال الرعاية والوقوف إلى جانب حركات حقوق المرأة."
            ),
            "body": [
                ("heading", "ما يفعله الأعضاء معًا"),
                (
                    "paragraph",
                    "<p>يدرّب الأعضاء الميسّرين والميسّرات، ويقودون حملاتٍ مع الآباء "
                    "والشباب، ويبحثون فيما يغيّر المواقف، ويطالبون الحكومات بالوفاء "
                    "بالتعهدات التي قطعتها في الأمم المتحدة. تعمل الشبكات الوطنية قريبًا "
                    "من المجتمعات المحلية، وتربط الشبكات الإقليمية بينها، ويتحدث "
                    "التحالف العالمي بصوتٍ واحد.</p>",
                ),
            ],
        },
        "about": {
            "slug": "man-nahnu",
            "title": "عن التحالف",
            "intro": ("شبكة من الشبكات، تخضع للمساءلة أمام حركات حقوق المرأة التي تقف إلى جانبها."),
            "body": [
                ("heading", "الخلفية"),
                (
                    "paragraph",
                    "<p>بدأ التحالف بعددٍ قليل من المنظمات التي أرادت أن تكفّ عن العمل "
                    "منفردة. وقد تعلّمت كلٌّ منها أن البرامج الموجّهة إلى الرجال والفتيان "
                    "لا تنفع إلا حين تُسائل السلطة، لا السلوك وحده. واليوم يضم أعضاؤه "
                    "مجموعاتٍ شبابية في القرى ومراكز بحثٍ جامعية وشركاء من الأمم المتحدة.</p>",
                ),
                ("heading", "تاريخنا"),
                (
                    "milestone",
                    {"year": 2004, "text": "المنظمات المؤسِّسة تتفق على العمل تحالفًا واحدًا."},
                ),
                (
                    "milestone",
                    {
                        "year": 2009,
                        "text": (
                            "الندوة العالمية الأولى تجمع نحو 450 شخصًا وتُختتم بنداءٍ إلى العمل."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2014,
                        "text": "الندوة العالمية الثانية تجمع نحو 1200 شخص من 94 بلدًا.",
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2020,
                        "text": (
                            "الندوة العالمية الثالثة تنتقل إلى الإنترنت "
                            "وتصل إلى 5000 مشاركٍ ومشاركة."
                        ),
                    },
                ),
                (
                    "quote",
                    {
                        "text": "لم نجتمع لنتحدث باسم النساء، بل لنغيّر ما يفعله الرجال.",
                        "attribution": "أحد الأعضاء المؤسِّسين",
                    },
                ),
            ],
        },
        "beliefs": {
            "slug": "ma-numinu-bih",
            "title": "ما نؤمن به",
            "intro": "المساواة بين الجنسين خيرٌ للجميع، وعلى الرجال دورٌ في تحقيقها.",
            "body": [
                (
                    "paragraph",
                    "<p>نؤمن بأن العنف سلوكٌ مكتسب يمكن التخلّي عنه؛ وبأن أعمال الرعاية "
                    "مسؤولية الجميع؛ وبأن الأفكار الجامدة عن الرجولة تؤذي الرجال أيضًا؛ "
                    "وبأن التغيير يجب أن يُبنى مع حركات حقوق المرأة وحقوق مجتمع الميم، "
                    "وأن يخضع للمساءلة أمامها.</p>",
                ),
                (
                    "paragraph",
                    "<p>نؤمن بالأدلة: نقيّم ما نفعله، وننشر ما نتعلّمه، ونتوقف عمّا لا ينجح.</p>",
                ),
            ],
        },
        "principles": {
            "slug": "al-mabadi-al-asasiya",
            "title": "المبادئ الأساسية",
            "intro": (
                "يوقّع كل عضو على هذه المبادئ عند انضمامه إلى التحالف، ثم من جديد كلما تغيّرت."
            ),
            "principles": [
                {
                    "title": "الشفافية",
                    "text": "<p>ننشر كل عام مصادر أموالنا وأوجه إنفاقها.</p>",
                    "in_practice": (
                        "الجهات المموّلة والميزانيات والنفقات منشورة على هذا الموقع بياناتٍ مفتوحة."
                    ),
                },
                {
                    "title": "التعاون",
                    "text": "<p>نتخذ قراراتنا بالتوافق كلما أمكن ذلك.</p>",
                    "in_practice": (
                        "تُحسم المقترحات بالموافقة أو الامتناع أو الاعتراض أو الاعتراض "
                        "المانع، مع تصويتٍ احتياطي يُسجَّل."
                    ),
                },
                {
                    "title": "المشاركة",
                    "text": "<p>للمنظمات المجتمعية صوتٌ في كل قرار.</p>",
                    "in_practice": "الدعوات المفتوحة وفترات التشاور متاحة لجميع الأعضاء.",
                },
                {
                    "title": "الأدلة",
                    "text": "<p>يستند عملنا إلى البحث والتقييم.</p>",
                    "in_practice": "مكتبة يمكن البحث فيها تضم أدلة الأعضاء وتقاريرهم وكتيّباتهم.",
                },
                {
                    "title": "التحالف مع منظمات حقوق المرأة",
                    "text": "<p>نعمل حلفاءً، لا بديلًا عن الحركات النسائية.</p>",
                    "in_practice": ("تضم كل هيئة قيادية منظمتين على الأقل من منظمات حقوق المرأة."),
                },
                {
                    "title": "عدم التمييز",
                    "text": "<p>نرحّب بجميع الهويات الجندرية والتوجهات الجنسية.</p>",
                    "in_practice": "لا توجد استمارة تُجبر أحدًا على الاختيار بين جنسين اثنين فقط.",
                },
            ],
        },
        "stories": {
            "slug": "qisas",
            "title": "قصص",
            "intro": "التغيير كما يرويه الأعضاء والشبكات.",
        },
        "story_list": [
            {
                "slug": "majmuat-al-aba",
                "title": "مجموعات الآباء في المرتفعات",
                "date": "2026-06-14",
                "place": "رواندا",
                "intro": "اثنا عشر أسبوعًا من اللقاءات غيّرت من يجلب الماء ومن يتخذ القرارات.",
                "body": [
                    (
                        "paragraph",
                        "<p>في منطقةٍ نادرًا ما كان الآباء فيها يرافقون الزيارات إلى "
                        "العيادة، أطلقت منظمةٌ عضو مجموعاتٍ أسبوعية. وبعد ثلاثة أشهر، "
                        "صار نصف الآباء يحضرون مواعيد الرعاية السابقة للولادة.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "كنت أظن أن الرعاية شأن زوجتي. الآن أعرف أطفالي.",
                            "attribution": "أحد المشاركين في المجموعة",
                        },
                    ),
                ],
            },
            {
                "slug": "manhaj-madrasi-did-al-tanammur",
                "title": "منهج مدرسي لمواجهة التنمّر",
                "date": "2026-04-02",
                "place": "تشيلي",
                "intro": "كتب المعلمون والطلاب معًا دروسًا عن الاحترام.",
                "body": [
                    (
                        "paragraph",
                        "<p>تدرّس أربعون مدرسة الآن منهجًا كتبته شبكة وطنية بالاشتراك "
                        "مع الطلاب، وانخفضت البلاغات عن التنمّر المعادي للمثليين "
                        "في السنة الأولى.</p>",
                    ),
                ],
            },
            {
                "slug": "aswat-shababiya-fi-al-lajna",
                "title": "أصوات شابة في لجنة وضع المرأة",
                "date": "2026-03-20",
                "place": "نيويورك",
                "intro": "تحدّث وفدٌ من الأعضاء الشباب عن أعمال الرعاية وعن أشكال الرجولة.",
                "body": [
                    (
                        "paragraph",
                        "<p>انضم ناشطون وناشطات شباب من أربع مناطق إلى وفد التحالف، "
                        "والتقوا ممثلين حكوميين للمطالبة بإجازةٍ والدية مدفوعة الأجر.</p>",
                    ),
                ],
            },
        ],
    },
    "sw": {
        "home": {
            "title": "Wanaume na wavulana kwa haki ya kijinsia",
            "intro": (
                "Muungano wa MenEngage unaleta pamoja mashirika ya kila kanda yanayofanya "
                "kazi na wanaume na wavulana ili kukomesha ukatili, kugawana kazi za malezi "
                "na kusimama pamoja na vuguvugu za haki za wanawake."
            ),
            "body": [
                ("heading", "Wanachama wanachofanya pamoja"),
                (
                    "paragraph",
                    "<p>Wanachama huwafunza wawezeshaji, huendesha kampeni pamoja na akina "
                    "baba na vijana wa kiume, hutafiti kinachobadilisha mitazamo, na "
                    "huzitaka serikali zitimize ahadi zilizotoa katika Umoja wa Mataifa. "
                    "Mitandao ya kitaifa hufanya kazi hii karibu na jamii; mitandao ya "
                    "kikanda huiunganisha; na Muungano wa kimataifa huzungumza kwa sauti "
                    "moja.</p>",
                ),
            ],
        },
        "about": {
            "slug": "kuhusu",
            "title": "Kuhusu Muungano",
            "intro": (
                "Mtandao wa mitandao, unaowajibika kwa vuguvugu za haki za wanawake "
                "unazosimama nazo."
            ),
            "body": [
                ("heading", "Chimbuko"),
                (
                    "paragraph",
                    "<p>Muungano ulianza na mashirika machache yaliyotaka kuacha kufanya "
                    "kazi peke yao. Kila moja lilikuwa limejifunza kwamba programu za "
                    "wanaume na wavulana husaidia tu zinapohoji mamlaka, si tabia peke "
                    "yake. Leo wanachama wake ni kuanzia vikundi vya vijana vijijini hadi "
                    "vituo vya utafiti vya vyuo vikuu na washirika wa Umoja wa Mataifa.</p>",
                ),
                ("heading", "Historia"),
                (
                    "milestone",
                    {
                        "year": 2004,
                        "text": (
                            "Mashirika waanzilishi yanakubaliana kufanya kazi kama muungano mmoja."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2009,
                        "text": (
                            "Kongamano la kwanza la Kimataifa linawakutanisha watu wapatao "
                            "450 na kuhitimishwa kwa wito wa kuchukua hatua."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2014,
                        "text": (
                            "Kongamano la pili la Kimataifa linawaleta pamoja watu wapatao "
                            "1,200 kutoka nchi 94."
                        ),
                    },
                ),
                (
                    "milestone",
                    {
                        "year": 2020,
                        "text": (
                            "Kongamano la tatu la Kimataifa linafanyika mtandaoni na "
                            "kuwafikia washiriki 5,000."
                        ),
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Hatukuungana ili kuzungumza kwa niaba ya wanawake, bali ili "
                            "kubadilisha kile wanaume wanachofanya."
                        ),
                        "attribution": "Mwanachama mwanzilishi",
                    },
                ),
            ],
        },
        "beliefs": {
            "slug": "tunachoamini",
            "title": "Tunachoamini",
            "intro": (
                "Usawa wa kijinsia ni mzuri kwa kila mtu, na wanaume wana kazi ya "
                "kufanya ili kuufikia."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Tunaamini kwamba ukatili hufunzwa na unaweza kuachwa; kwamba kazi "
                    "ya malezi ni jukumu la kila mtu; kwamba mawazo finyu kuhusu uanaume "
                    "huwadhuru wanaume pia; na kwamba mabadiliko lazima yajengwe pamoja na "
                    "vuguvugu za haki za wanawake na za watu wa LGBTIQ, na yawajibike "
                    "kwao.</p>",
                ),
                (
                    "paragraph",
                    "<p>Tunaamini ushahidi: tunatathmini tunachofanya, tunachapisha "
                    "tunachojifunza na tunaacha kisichofanya kazi.</p>",
                ),
            ],
        },
        "principles": {
            "slug": "kanuni-za-msingi",
            "title": "Kanuni za msingi",
            "intro": (
                "Kila mwanachama hutia sahihi kanuni hizi anapojiunga na Muungano, na "
                "tena kila zinapobadilika."
            ),
            "principles": [
                {
                    "title": "Uwazi",
                    "text": (
                        "<p>Kila mwaka tunachapisha fedha zetu zinatoka wapi na tunavyozitumia.</p>"
                    ),
                    "in_practice": (
                        "Wafadhili, bajeti na matumizi yamechapishwa kama "
                        "data huria kwenye tovuti hii."
                    ),
                },
                {
                    "title": "Ushirikiano",
                    "text": "<p>Tunaamua kwa maridhiano kila inapowezekana.</p>",
                    "in_practice": (
                        "Mapendekezo huamuliwa kwa kukubali, kutoegemea upande wowote, "
                        "kupinga au kuzuia, pamoja na kura mbadala inayorekodiwa."
                    ),
                },
                {
                    "title": "Ushiriki",
                    "text": "<p>Mashirika ya kijamii yana sauti katika kila uamuzi.</p>",
                    "in_practice": (
                        "Miito ya wazi na vipindi vya maoni viko wazi kwa wanachama wote."
                    ),
                },
                {
                    "title": "Ushahidi",
                    "text": "<p>Kazi yetu inajengwa juu ya utafiti na tathmini.</p>",
                    "in_practice": (
                        "Maktaba inayoweza kutafutwa ya miongozo, ripoti na vitabu "
                        "vya mafunzo vya wanachama."
                    ),
                },
                {
                    "title": "Kuwa washirika wa mashirika ya haki za wanawake",
                    "text": (
                        "<p>Tunafanya kazi kama washirika, si badala ya vuguvugu za wanawake.</p>"
                    ),
                    "in_practice": (
                        "Kila chombo cha uongozi kina angalau mashirika mawili ya haki za wanawake."
                    ),
                },
                {
                    "title": "Kutobagua",
                    "text": (
                        "<p>Tunakaribisha utambulisho wote wa kijinsia na "
                        "mielekeo yote ya kimapenzi.</p>"
                    ),
                    "in_practice": (
                        "Hakuna fomu inayomlazimisha mtu kuchagua kati ya jinsia mbili tu."
                    ),
                },
            ],
        },
        "stories": {
            "slug": "hadithi",
            "title": "Hadithi",
            "intro": "Mabadiliko kama yanavyosimuliwa na wanachama na mitandao.",
        },
        # The third story is not yet in Swahili: the site shows the original with a note.
        "story_list": [
            {
                "slug": "vikundi-vya-akina-baba",
                "title": "Vikundi vya akina baba katika nyanda za juu",
                "date": "2026-06-14",
                "place": "Rwanda",
                "intro": (
                    "Wiki kumi na mbili za mikutano zilibadilisha nani huchota maji "
                    "na nani hufanya maamuzi."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>Katika wilaya ambayo akina baba hawakuwa wakiandamana na "
                        "wenzi wao kliniki, shirika mwanachama lilianzisha vikundi vya "
                        "kila wiki. Baada ya miezi mitatu, nusu ya akina baba walihudhuria "
                        "kliniki za wajawazito.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": (
                                "Nilidhani malezi ni kazi ya mke wangu. "
                                "Sasa ninawajua watoto wangu."
                            ),
                            "attribution": "Mshiriki wa kikundi",
                        },
                    ),
                ],
            },
            {
                "slug": "mtaala-dhidi-ya-uonevu",
                "title": "Mtaala wa shule dhidi ya uonevu",
                "date": "2026-04-02",
                "place": "Chile",
                "intro": "Walimu na wanafunzi waliandika pamoja masomo kuhusu heshima.",
                "body": [
                    (
                        "paragraph",
                        "<p>Shule arobaini sasa zinafundisha mtaala ambao mtandao wa "
                        "kitaifa uliuandika pamoja na wanafunzi. Malalamiko ya uonevu "
                        "dhidi ya wapenzi wa jinsia moja yalipungua katika mwaka wa "
                        "kwanza.</p>",
                    ),
                ],
            },
        ],
    },
}
