"""Invented texts of the demo declarations, written for the demo: not the real declarations."""

RIO = {
    "slug": "rio-call-for-action-2009",
    "event": ("rio", 2009),
    "adopted_on": (2009, 4, 3),
    "titles": {
        "en": "Rio Call for Action",
        "es": "Llamado a la Acción de Río",
        "fr": "Appel à l'action de Rio",
        "pt": "Chamado à Ação do Rio",
    },
    "summaries": {
        "en": "Invented demo text: the first Global Symposium asks men and boys to act with "
        "women and girls for gender justice.",
        "pt": "Texto de demonstração inventado: o primeiro Simpósio Global convoca homens e "
        "meninos a agir com mulheres e meninas pela justiça de gênero.",
    },
    "texts": {
        "en": "We, some four hundred people from many countries, met in Rio de Janeiro to ask "
        "how men and boys can take part in ending gender injustice.\n\n"
        "We recognise that harmful ideas of manhood hurt women and girls first, and men and "
        "boys as well.\n\n"
        "We call on governments to fund programmes that engage men in care, in health and "
        "in the prevention of violence.\n\n"
        "We call on our own organisations to be accountable to the women's rights movement "
        "and to measure what our work changes.",
        "es": "Nosotras y nosotros, unas cuatrocientas personas de muchos países, nos reunimos "
        "en Río de Janeiro para preguntarnos cómo los hombres y los niños pueden contribuir "
        "a acabar con la injusticia de género.\n\n"
        "Reconocemos que las ideas dañinas sobre la masculinidad perjudican primero a las "
        "mujeres y las niñas, y también a los hombres y los niños.\n\n"
        "Pedimos a los gobiernos que financien programas que involucren a los hombres en el "
        "cuidado, la salud y la prevención de la violencia.\n\n"
        "Pedimos a nuestras propias organizaciones que rindan cuentas al movimiento por los "
        "derechos de las mujeres y que midan lo que cambia nuestro trabajo.",
        "pt": "Nós, cerca de quatrocentas pessoas de muitos países, nos reunimos no Rio de "
        "Janeiro para perguntar como homens e meninos podem ajudar a acabar com a injustiça "
        "de gênero.\n\n"
        "Reconhecemos que ideias nocivas de masculinidade ferem primeiro mulheres e meninas, "
        "e também homens e meninos.\n\n"
        "Pedimos aos governos que financiem programas que envolvam os homens no cuidado, na "
        "saúde e na prevenção da violência.\n\n"
        "Pedimos às nossas próprias organizações que prestem contas ao movimento de direitos "
        "das mulheres e meçam o que o nosso trabalho muda.",
    },
    "commitments": [
        {
            "en": "Run programmes with men and boys on care and non-violence.",
            "es": "Llevar a cabo programas con hombres y niños sobre cuidado y no violencia.",
            "pt": "Realizar programas com homens e meninos sobre cuidado e não violência.",
        },
        {
            "en": "Consult women's rights organisations before starting new work.",
            "pt": "Consultar organizações de direitos das mulheres antes de iniciar novos "
            "trabalhos.",
        },
        {"en": "Publish evaluations of our programmes."},
    ],
    "size": 1200,
    "member_share": 0.15,
}

DELHI = {
    "slug": "delhi-declaration-2014",
    "event": ("delhi", 2014),
    "adopted_on": (2014, 11, 13),
    "titles": {
        "en": "Delhi Declaration and Call to Action",
        "es": "Declaración y Llamado a la Acción de Delhi",
        "fr": "Déclaration et appel à l'action de Delhi",
        "pt": "Declaração e Chamado à Ação de Délhi",
    },
    "summaries": {
        "en": "Invented demo text: the second Global Symposium turns the call of Rio into "
        "commitments on care, violence, health and policy.",
        "fr": "Texte de démonstration inventé : le deuxième Symposium mondial transforme "
        "l'appel de Rio en engagements sur le soin, la violence, la santé et les politiques.",
    },
    "texts": {
        "en": "More than a thousand of us, from over ninety countries, gathered in New Delhi "
        "five years after Rio to take stock and to commit.\n\n"
        "Gender justice needs men who share unpaid care work equally and who speak up when "
        "others use violence.\n\n"
        "We commit to work with young people in schools, sports clubs and online spaces "
        "where ideas of manhood are formed.\n\n"
        "We commit to change policy: parental leave for fathers, comprehensive sexuality "
        "education, and laws that protect sexual and gender diversity.\n\n"
        "We will report every year on what we have done, region by region.",
        "fr": "Plus d'un millier d'entre nous, venus de plus de quatre-vingt-dix pays, se sont "
        "réunis à New Delhi cinq ans après Rio pour faire le point et s'engager.\n\n"
        "La justice de genre demande des hommes qui partagent à égalité le travail de soin "
        "non rémunéré et qui prennent la parole quand d'autres usent de violence.\n\n"
        "Nous nous engageons à travailler avec les jeunes dans les écoles, les clubs sportifs "
        "et les espaces en ligne où se forment les idées de la masculinité.\n\n"
        "Nous nous engageons à changer les politiques : congé parental des pères, éducation "
        "complète à la sexualité et lois qui protègent la diversité sexuelle et de genre.\n\n"
        "Nous rendrons compte chaque année de ce que nous avons fait, région par région.",
        "es": "Más de mil personas, de más de noventa países, nos reunimos en Nueva Delhi cinco "
        "años después de Río para hacer balance y comprometernos.\n\n"
        "La justicia de género necesita hombres que compartan por igual el trabajo de cuidado "
        "no remunerado y que alcen la voz cuando otros usan la violencia.\n\n"
        "Nos comprometemos a trabajar con la juventud en escuelas, clubes deportivos y "
        "espacios en línea donde se forman las ideas sobre la masculinidad.\n\n"
        "Nos comprometemos a cambiar las políticas: licencias parentales para los padres, "
        "educación sexual integral y leyes que protejan la diversidad sexual y de género.\n\n"
        "Informaremos cada año de lo que hayamos hecho, región por región.",
    },
    "commitments": [
        {
            "en": "Promote fathers' equal share of unpaid care work.",
            "fr": "Promouvoir le partage égal du travail de soin non rémunéré par les pères.",
        },
        {
            "en": "Work with young people where ideas of manhood are formed.",
            "es": "Trabajar con la juventud allí donde se forman las ideas de masculinidad.",
        },
        {"en": "Advocate for parental leave and comprehensive sexuality education."},
        {"en": "Report on our actions every year, region by region."},
    ],
    "size": 5000,
    "member_share": 0.4,
}

UBUNTU = {
    "slug": "ubuntu-declaration-2021",
    "event": ("ubuntu", 2021),
    "adopted_on": (2021, 3, 26),
    "titles": {
        "en": "Ubuntu Declaration",
        "es": "Declaración Ubuntu",
        "fr": "Déclaration Ubuntu",
        "pt": "Declaração Ubuntu",
    },
    "summaries": {
        "en": "Invented demo text: the online symposium of 2020-21 commits members to "
        "feminist, intersectional and accountable work with men and boys.",
        "es": "Texto de demostración inventado: el simposio en línea de 2020-21 compromete a "
        "los miembros con un trabajo feminista, interseccional y responsable.",
    },
    "texts": {
        "en": "I am because we are: thousands of us met online during a pandemic that laid "
        "bare how unequally care is shared.\n\n"
        "We commit to feminist and intersectional work that listens to those most affected "
        "by patriarchy, racism and poverty.\n\n"
        "We commit to hold ourselves to account, with and to women's rights organisations, "
        "and to share decisions and resources with them.\n\n"
        "We commit to speak out together on climate justice, peace and the rights of "
        "LGBTIQ people.",
        "es": "Soy porque somos: miles de personas nos encontramos en línea durante una "
        "pandemia que mostró lo desigual que es el reparto de los cuidados.\n\n"
        "Nos comprometemos con un trabajo feminista e interseccional que escuche a quienes "
        "más sufren el patriarcado, el racismo y la pobreza.\n\n"
        "Nos comprometemos a rendir cuentas, con y ante las organizaciones de derechos de "
        "las mujeres, y a compartir con ellas decisiones y recursos.\n\n"
        "Nos comprometemos a alzar juntos la voz por la justicia climática, la paz y los "
        "derechos de las personas LGBTIQ.",
        "pt": "Eu sou porque nós somos: milhares de pessoas se encontraram online durante uma "
        "pandemia que expôs como o cuidado é dividido de forma desigual.\n\n"
        "Comprometemo-nos com um trabalho feminista e interseccional que escute quem mais "
        "sofre com o patriarcado, o racismo e a pobreza.\n\n"
        "Comprometemo-nos a prestar contas, com e para as organizações de direitos das "
        "mulheres, e a partilhar com elas decisões e recursos.\n\n"
        "Comprometemo-nos a falar juntos pela justiça climática, pela paz e pelos direitos "
        "das pessoas LGBTIQ.",
    },
    "commitments": [
        {
            "en": "Share decisions and resources with women's rights organisations.",
            "es": "Compartir decisiones y recursos con las organizaciones de derechos de las "
            "mujeres.",
        },
        {"en": "Build intersectional programmes with communities most affected."},
        {"en": "Speak out on climate justice, peace and LGBTIQ rights."},
    ],
    "size": 3000,
    "member_share": 0.3,
}

DRAFT = {
    "slug": "care-manifesto-draft",
    "titles": {
        "en": "Call on Care (draft for comment)",
        "es": "Llamado sobre los cuidados (borrador para comentarios)",
    },
    "summaries": {
        "en": "Invented demo text: a draft the members comment on, paragraph by paragraph, "
        "before the next Global Symposium."
    },
    "texts": {
        "en": "Care holds every society together, yet women and girls still do most of it "
        "without pay.\n\n"
        "Members will work with fathers, sons and partners so that care is shared equally at "
        "home and valued at work.\n\n"
        "We ask governments for equal, paid and non-transferable parental leave.",
        "es": "Los cuidados sostienen a toda sociedad, pero las mujeres y las niñas siguen "
        "haciendo la mayor parte sin paga.\n\n"
        "Los miembros trabajarán con padres, hijos y parejas para que los cuidados se "
        "compartan por igual en casa y se valoren en el trabajo.\n\n"
        "Pedimos a los gobiernos licencias parentales iguales, pagadas e intransferibles.",
    },
    "commitments": [{"en": "Share care equally at home."}],
}

DECLARATIONS = [RIO, DELHI, UBUNTU]

ORGANISATION_WORDS = (
    ["Community", "Youth", "Fathers'", "Health", "Rights", "Peace", "Care", "Justice"],
    ["Circle", "Forum", "Trust", "Collective", "Union", "Society", "Alliance", "Group"],
)
GIVEN_NAMES = [
    "Ana",
    "Bongani",
    "Chen",
    "Dara",
    "Emeka",
    "Fatima",
    "Gabriel",
    "Hana",
    "Ismail",
    "Joana",
    "Kofi",
    "Leila",
    "Marco",
    "Nadia",
    "Oscar",
    "Pita",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Vikram",
    "Wen",
    "Yara",
    "Zanele",
]
FAMILY_NAMES = [
    "Abebe",
    "Bakare",
    "Cruz",
    "Dlamini",
    "Esposito",
    "Fernandes",
    "Gupta",
    "Hassan",
    "Ito",
    "Jovanovic",
    "Khan",
    "López",
    "Mwangi",
    "Nguyen",
    "Osei",
    "Pereira",
    "Quispe",
    "Rahman",
    "Santos",
    "Traoré",
]
ACTIONS = [
    "Ran a series of community dialogues with fathers on sharing care.",
    "Trained teachers to run sessions on consent and respect with boys.",
    "Met members of parliament to press for paid parental leave.",
    "Published an evaluation of our programme with young men.",
    "Held a joint campaign with a women's rights organisation in our city.",
    "Organised a football league with sessions on healthy relationships.",
]
